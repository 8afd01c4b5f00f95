package io.storyline.ingest.scraped;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storyline.events.Article;
import io.storyline.events.EventHeaders;
import io.storyline.events.EventJson;
import io.storyline.events.IngestChannel;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Scrapers writing to news.scraped: good records reach news.articles.raw, bad ones news.deadletter with the reason. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ScrapedTopicTest {

    @Test
    void goodRecordsArePublishedBadOnesDeadLettered() throws Exception {
        String run = UUID.randomUUID().toString();
        try (KafkaConsumer<String, byte[]> raw = consumerAtEnd(Topic.ARTICLES_RAW.topicName());
             KafkaConsumer<String, byte[]> dead = consumerAtEnd(Topic.DEADLETTER.topicName());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                     new StringSerializer(), new ByteArraySerializer())) {
            String good = "{\"url\":\"https://scraped.example.com/" + run + "\",\"title\":\"From a scraper\",\"html\":\"<p>Scraped body.</p>\",\"source\":\"scraper-1\"}";
            ProducerRecord<String, byte[]> goodRecord = new ProducerRecord<>(Topic.SCRAPED.topicName(), "k1", good.getBytes(StandardCharsets.UTF_8));
            goodRecord.headers().add(EventHeaders.TRACE_ID, ("trace-" + run).getBytes(StandardCharsets.UTF_8));
            producer.send(goodRecord).get();
            Map<String, byte[]> bad = Map.of(
                    "malformed-" + run, "{\"title\": ".getBytes(StandardCharsets.UTF_8),
                    "missing-" + run, ("{\"url\":\"https://scraped.example.com/" + run + "/m\",\"body\":\"x\"}").getBytes(StandardCharsets.UTF_8),
                    "utf8-" + run, new byte[]{'{', (byte) 0xC3, '(', '}'},
                    "empty-" + run, new byte[0]);
            for (var e : bad.entrySet()) {
                producer.send(new ProducerRecord<>(Topic.SCRAPED.topicName(), e.getKey(), e.getValue())).get();
            }

            List<ConsumerRecord<String, byte[]>> published = poll(raw, r -> new String(r.value(), StandardCharsets.UTF_8).contains(run), 1);
            Article article = EventJson.mapper().readValue(published.get(0).value(), Article.class);
            assertThat(article.channel()).isEqualTo(IngestChannel.KAFKA);
            assertThat(article.text()).isEqualTo("Scraped body.");
            assertThat(published.get(0).key()).isEqualTo(article.id());
            assertThat(header(published.get(0), EventHeaders.TRACE_ID)).isEqualTo("trace-" + run);

            List<ConsumerRecord<String, byte[]>> letters = poll(dead, r -> r.key() != null && r.key().endsWith(run), 4);
            Map<String, String> causeByKey = new java.util.HashMap<>();
            for (var letter : letters) {
                causeByKey.put(letter.key().substring(0, letter.key().indexOf('-')), header(letter, EventHeaders.DLQ_CODE));
                assertThat(header(letter, EventHeaders.DLQ_REASON)).isNotBlank();
                assertThat(header(letter, EventHeaders.DLQ_STAGE)).isEqualTo("ingest-service");
                assertThat(header(letter, EventHeaders.DLQ_TOPIC)).isEqualTo(Topic.SCRAPED.topicName());
                assertThat(header(letter, EventHeaders.DLQ_OFFSET)).isNotBlank();
                assertThat(letter.value()).isEqualTo(bad.get(letter.key()));
            }
            assertThat(causeByKey).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "malformed", "malformed-json", "missing", "missing-field", "utf8", "invalid-utf8", "empty", "missing-field"));
        }
    }

    private static KafkaConsumer<String, byte[]> consumerAtEnd(String topic) {
        var consumer = new KafkaConsumer<>(Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer());
        var partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    private static List<ConsumerRecord<String, byte[]>> poll(KafkaConsumer<String, byte[]> consumer,
                                                            java.util.function.Predicate<ConsumerRecord<String, byte[]>> mine, int count) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (found.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                if (mine.test(r)) {
                    found.add(r);
                }
            });
        }
        assertThat(found).hasSize(count);
        return found;
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        var h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
