package io.storyline.dedupe.listener;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import io.storyline.events.EnrichedArticle;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Rebuilds a partition's LSH index and open stories when this instance is given the partition (start,
 * restart, rebalance): it replays the committed input from the start of the retained log up to the
 * committed offset through the same decisions, with output suppressed. Decisions are deterministic and
 * the index forgets by event time, so the rebuilt state equals the state before the crash. No database,
 * no changelog topic: the input topic (retention = window + margin) is the changelog.
 */
@ApplicationScoped
@Identifier(StoryStateRestorer.NAME)
public class StoryStateRestorer implements KafkaConsumerRebalanceListener {

    public static final String NAME = "story-state-restorer";
    private static final Logger LOG = Logger.getLogger(StoryStateRestorer.class);

    private final StoryDesks desks;
    private final EnrichedArticleCodec codec;
    private final Map<String, Object> kafkaConfig;
    private final AtomicInteger restoring = new AtomicInteger();
    private volatile boolean assignedOnce;

    /**
     * @param kafkaConfig the application's shared Kafka configuration ({@code kafka.*} and {@code KAFKA_*}):
     *                    the replay reader must connect exactly as the channels do (TLS, credentials)
     */
    public StoryStateRestorer(StoryDesks desks, EnrichedArticleCodec codec,
            @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.desks = desks;
        this.codec = codec;
        this.kafkaConfig = kafkaConfig;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        restoring.incrementAndGet();
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long upTo = offset == null ? 0 : offset.offset();
                desks.install(partition.partition(), replay(partition, upTo));
            }
        } finally {
            assignedOnce = true;
            restoring.decrementAndGet();
        }
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        partitions.forEach(p -> desks.remove(p.partition()));
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevoked(consumer, partitions);
    }

    /** Ready once partitions were assigned and no replay is running. */
    public boolean ready() {
        return assignedOnce && restoring.get() == 0;
    }

    StoryDesk replay(TopicPartition partition, long upTo) {
        StoryDesk desk = desks.newDesk();
        if (upTo == 0) {
            return desk;
        }
        Instant started = Instant.now();
        long replayed = 0;
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(readerConfig())) {
            reader.assign(List.of(partition));
            reader.seekToBeginning(List.of(partition));
            while (reader.position(partition) < upTo) {
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(500))) {
                    if (record.offset() >= upTo) {
                        break;
                    }
                    replayed++;
                    EnrichedArticle article;
                    try {
                        article = codec.read(record.value());
                    } catch (IOException | RuntimeException e) {
                        continue; // it was dead-lettered when first seen and changed no state
                    }
                    try {
                        desk.replay(article);
                    } catch (RuntimeException e) {
                        // failed the same way live, was dead-lettered; state is as it was then
                    }
                }
            }
        }
        LOG.infof("restored %s: replayed %d records up to offset %d in %d ms; %d open stories",
                partition, replayed, upTo, Duration.between(started, Instant.now()).toMillis(), desk.openStories());
        return desk;
    }

    private Properties readerConfig() {
        Properties props = new Properties();
        props.putAll(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
