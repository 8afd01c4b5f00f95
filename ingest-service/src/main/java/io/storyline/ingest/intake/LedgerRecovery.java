package io.storyline.ingest.intake;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import io.storyline.events.Topic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keeps this replica's revision ledger in step with news.articles.raw (Topic.ARTICLES_RAW): at startup it replays
 * the topic from the beginning (as far as retention and the recovery timeout allow), so an article sent again after
 * a restart is still recognised as a duplicate; then it keeps reading (a {@link LedgerFollower}), so an article
 * that another replica published is recognised here too, once this replica has read it.
 */
@ApplicationScoped
public class LedgerRecovery {

    private static final Logger LOG = Logger.getLogger(LedgerRecovery.class);

    @Inject
    ArticleIntake intake;

    @Inject
    IngestConfig config;

    @Inject
    IngestMetrics metrics;

    /** The application's shared Kafka configuration (kafka.*, KAFKA_*): the replay connects as the channels do (TLS, credentials). */
    @Inject
    @Identifier("default-kafka-broker")
    Map<String, Object> kafkaConfig;

    /** The topic the articles-raw channel writes. */
    @ConfigProperty(name = "mp.messaging.outgoing.articles-raw.topic")
    Optional<String> channelTopic;

    private volatile LedgerFollower follower;
    private volatile boolean recovered;

    void onStart(@Observes StartupEvent event) {
        String topic = topic();
        IngestConfig.Ledger ledger = config.ledger();
        if (!ledger.follow() && !positive(ledger.recoveryTimeout())) {
            recovered = true;
            return;
        }
        long started = System.nanoTime();
        LedgerFollower follower = new LedgerFollower(consumer(kafkaConfig), topic, intake::remember, metrics.ledgerDelay());
        try {
            long count = follower.recover(positive(ledger.recoveryTimeout()) ? ledger.recoveryTimeout() : Duration.ZERO);
            LOG.infof("revision ledger rebuilt from %s: %d records in %d ms", topic, count, (System.nanoTime() - started) / 1_000_000);
        } catch (KafkaException e) {
            LOG.warnf("could not rebuild the revision ledger from %s (%s): resends of earlier articles will be published again%s",
                    topic, e.getMessage(), ledger.follow() ? " until the follower has read the topic" : "");
        }
        if (ledger.follow()) {
            metrics.ledgerFollower(follower, intake::ledgerSize);
            follower.start();
            this.follower = follower;
        } else {
            follower.close();
        }
        recovered = true;
    }

    void onStop(@Observes ShutdownEvent event) {
        LedgerFollower f = follower;
        if (f != null) {
            f.close();
        }
    }

    /** A consumer of its own: no group, nothing committed, every partition assigned. */
    static KafkaConsumer<String, byte[]> consumer(Map<String, Object> kafkaConfig) {
        Map<String, Object> props = new HashMap<>(kafkaConfig);
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-ledger");
        // a record of an aborted transaction never reached anyone downstream; a position deleted by retention resumes at the oldest record kept
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean positive(Duration d) {
        return !d.isZero() && !d.isNegative();
    }

    /** True once the startup replay is over (or was not asked for). */
    boolean recovered() {
        return recovered;
    }

    /** The running follower, or null (not started yet, switched off, or recovery failed). */
    LedgerFollower follower() {
        return follower;
    }

    /** The topic whose revisions the ledger follows: {@link Topic#ARTICLES_RAW} unless the channel is pointed elsewhere. */
    String topic() {
        return channelTopic.orElse(Topic.ARTICLES_RAW.topicName());
    }
}
