package io.storyline.ingest.intake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.StartupEvent;
import io.storyline.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import io.smallrye.common.annotation.Identifier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the revision ledger at startup by reading news.articles.raw from the beginning (as far as retention
 * and the recovery timeout allow), so an article sent again after a restart is still recognised as a duplicate.
 */
@ApplicationScoped
public class LedgerRecovery {

    private static final Logger LOG = Logger.getLogger(LedgerRecovery.class);

    @Inject
    ArticleIntake intake;

    @Inject
    IngestConfig config;

    @Inject
    ObjectMapper mapper;

    /** The application's shared Kafka configuration (kafka.*, KAFKA_*): the replay connects as the channels do (TLS, credentials). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    @ConfigProperty(name = "mp.messaging.outgoing.articles-raw.topic", defaultValue = "news.articles.raw")
    String topic;

    void onStart(@Observes StartupEvent event) {
        Duration timeout = config.ledger().recoveryTimeout();
        if (timeout.isZero() || timeout.isNegative()) {
            return;
        }
        long started = System.nanoTime();
        Map<String, Object> props = new java.util.HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-ledger-recovery");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            long count = replay(consumer, topic, timeout, mapper, intake::remember);
            LOG.infof("revision ledger rebuilt from %s: %d records in %d ms", topic, count, (System.nanoTime() - started) / 1_000_000);
        } catch (KafkaException e) {
            LOG.warnf("could not rebuild the revision ledger from %s (%s): resends of earlier articles will be published again",
                    topic, e.getMessage());
        }
    }

    /** Receives each article revision found in the topic. */
    @FunctionalInterface
    interface Revisions {
        void remember(String id, String contentHash, int revision);
    }

    /** Reads every partition from the beginning up to its end offset at the time of the call. */
    static long replay(KafkaConsumer<String, byte[]> consumer, String topicName, Duration timeout, ObjectMapper mapper, Revisions sink) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = consumer.partitionsFor(topicName, timeout).stream()
                .map(p -> new TopicPartition(topicName, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long count = 0;
        while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                if (remember(record.value(), mapper, sink)) {
                    count++;
                }
            }
        }
        if (System.nanoTime() >= deadline) {
            LOG.warnf("ledger recovery stopped after %s; older articles sent again will be published again", timeout);
        }
        return count;
    }

    private static boolean remember(byte[] value, ObjectMapper mapper, Revisions sink) {
        if (value == null) {
            return false;
        }
        try {
            JsonNode article = mapper.readTree(value);
            String id = article.path("id").asText(null);
            String hash = article.path("contentHash").asText(null);
            int revision = article.path("revision").asInt(0);
            if (id == null || hash == null || revision < 1) {
                return false;
            }
            sink.remember(id, hash, revision);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
