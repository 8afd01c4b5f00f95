package io.storyline.ingest.endpoint;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.Article;
import io.storyline.events.EventJson;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Reads what ingest wrote to a topic, from the end offsets taken when the reader was created. */
final class RawTopic implements AutoCloseable {

    record Received(String key, Article article, Map<String, String> headers, int partition) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    RawTopic() {
        this(Topic.ARTICLES_RAW.topicName());
    }

    RawTopic(String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
    }

    /** Polls until {@code done} holds for everything received so far, or the deadline passes. */
    List<ConsumerRecord<String, byte[]>> pollUntil(Predicate<List<ConsumerRecord<String, byte[]>>> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Polls for a while more, to prove nothing else arrives. */
    List<ConsumerRecord<String, byte[]>> drain(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    static Received decode(ConsumerRecord<String, byte[]> record) {
        try {
            Map<String, String> headers = new java.util.HashMap<>();
            for (Header h : record.headers()) {
                headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8));
            }
            return new Received(record.key(), EventJson.mapper().readValue(record.value(), Article.class), headers, record.partition());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static KafkaCompanion companion() {
        return new KafkaCompanion(TestKafka.bootstrapServers());
    }

    @Override
    public void close() {
        consumer.close();
    }
}
