package io.storyline.runtime.stage;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Emitter;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** {@link AckedSend} over the real test broker: its stage completes once Kafka has the record, and fails when Kafka refuses it. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class AckedSendTest {

    @Inject
    @Channel("acked-out")
    Emitter<byte[]> emitter;

    @Test
    void completesWhenKafkaAcknowledgedTheRecord() throws Exception {
        String key = "acked-" + UUID.randomUUID();
        AckedSend.send(emitter, "hello".getBytes(StandardCharsets.UTF_8), Metadata.of(OutgoingKafkaRecordMetadata.builder().withKey(key).build()))
                .get(30, TimeUnit.SECONDS);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, Topic.STORYLINES.partitions())
                    .mapToObj(p -> new TopicPartition(Topic.STORYLINES.topicName(), p)).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            List<ConsumerRecord<String, byte[]>> read = new ArrayList<>();
            ConsumerRecord<String, byte[]> record = await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
                return read.stream().filter(r -> key.equals(r.key())).findFirst().orElse(null);
            }, r -> r != null);
            assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("hello");
        }
    }

    @Test
    void failsWhenKafkaRefusesTheRecord() {
        CompletableFuture<Void> acked = AckedSend.send(emitter, new byte[8192],
                Metadata.of(OutgoingKafkaRecordMetadata.builder().withKey("too-large-" + UUID.randomUUID()).build()));
        assertThatThrownBy(() -> acked.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RecordTooLargeException.class);
    }
}
