package io.storyline.local.chaos;

import io.storyline.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * How far the pipeline has got: the distinct articles committed to news.articles.clustered so far, read
 * incrementally, so the fault injector can keep disturbing the pipeline until its very end. Survives broker
 * restarts (the client reconnects). Not thread-safe.
 */
final class ClusteredProgress implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<String> articleIds = new HashSet<>();
    private final int expected;

    ClusteredProgress(String bootstrapServers, int expectedArticles) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
        this.expected = expectedArticles;
        List<TopicPartition> partitions = consumer.partitionsFor(Topic.ARTICLES_CLUSTERED.topicName()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** Share of the expected articles out so far, 0 to 1; reads what was committed since the last call. */
    double fraction() {
        try {
            ConsumerRecords<String, byte[]> batch;
            do {
                batch = consumer.poll(Duration.ofMillis(300));
                for (ConsumerRecord<String, byte[]> record : batch) {
                    articleIds.add(record.key()); // keyed by article id (docs/topics.md)
                }
            } while (!batch.isEmpty());
        } catch (TimeoutException e) {
            // broker restarting: report what is known
        }
        return expected == 0 ? 1.0 : Math.min(1.0, articleIds.size() / (double) expected);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
