package io.storyline.ingest.intake;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Reads news.articles.raw into the revision ledger: once from the beginning at startup ({@link #recover}), then,
 * with the same consumer from where that stopped, for as long as the service runs ({@link #start}). Every replica
 * does this with a consumer of its own (assigned every partition, no group, nothing committed), so each one learns
 * the revisions that the others publish, a few milliseconds after they are acknowledged.
 *
 * <p>Only the id, revision and content hash of each record are read; the rest of the article is skipped by the
 * parser without being decoded.
 */
public final class LedgerFollower implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LedgerFollower.class);
    private static final JsonFactory JSON = new JsonFactory();
    /** How often the follower looks for partitions added to the topic. */
    private static final Duration PARTITION_REFRESH = Duration.ofMinutes(1);

    /** Receives each article revision read from the topic. */
    @FunctionalInterface
    public interface Revisions {
        void remember(String id, String contentHash, int revision);
    }

    private final Consumer<String, byte[]> consumer;
    private final String topic;
    private final Revisions sink;
    /** Milliseconds from a record's timestamp (its producer's send) to its application here. */
    private final LongConsumer delay;
    private final AtomicLong applied = new AtomicLong();
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private volatile long lag = -1;
    private volatile String failure;
    private volatile boolean running;
    private volatile Thread thread;

    public LedgerFollower(Consumer<String, byte[]> consumer, String topic, Revisions sink, LongConsumer delay) {
        this.consumer = consumer;
        this.topic = topic;
        this.sink = sink;
        this.delay = delay;
    }

    /**
     * Assigns every partition and reads each from the beginning up to its end offset at the time of the call, or
     * until {@code timeout}; {@link #start} then continues from wherever this stopped. With a zero timeout nothing
     * is replayed and following starts at the end of the topic.
     *
     * @return the revisions applied
     */
    public long recover(Duration timeout) {
        boolean replay = timeout.toNanos() > 0;
        long deadline = System.nanoTime() + timeout.toNanos();
        List<TopicPartition> partitions = partitions(replay ? timeout : Duration.ofSeconds(30));
        consumer.assign(partitions);
        if (!replay) {
            consumer.seekToEnd(partitions);
            partitions.forEach(this::track);
            return 0;
        }
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        long before = applied.get();
        while (System.nanoTime() < deadline && partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            apply(consumer.poll(Duration.ofMillis(500)));
        }
        if (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            LOG.warnf("ledger recovery stopped after %s; the rest of %s is read while the service runs, and until then"
                    + " older articles sent again are published again", timeout, topic);
        }
        partitions.forEach(this::track);
        return applied.get() - before;
    }

    /** Follows the topic on a thread of its own until {@link #close}. */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already following " + topic);
        }
        running = true;
        thread = new Thread(this::follow, "ingest-ledger-follower");
        thread.setDaemon(true);
        thread.start();
    }

    private void follow() {
        long nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
        long backoffMillis = 100;
        try {
            while (running) {
                try {
                    if (consumer.assignment().isEmpty()) {
                        // the startup replay failed before it had the partitions: read them all from the beginning
                        addNewPartitions();
                        if (consumer.assignment().isEmpty()) {
                            throw new KafkaException(topic + " has no partitions (yet)");
                        }
                    }
                    apply(consumer.poll(Duration.ofMillis(500)));
                    measureLag();
                    if (System.nanoTime() >= nextRefresh) {
                        nextRefresh = System.nanoTime() + PARTITION_REFRESH.toNanos();
                        addNewPartitions();
                    }
                    failure = null;
                    backoffMillis = 100;
                } catch (WakeupException e) {
                    // close() asked us to stop: running is false now
                } catch (InterruptException e) {
                    running = false;
                } catch (KafkaException e) {
                    // e.g. no Read ACL on the topic, or an unreachable broker: keep trying, and say so in readiness
                    if (failure == null) {
                        LOG.warnf("revision ledger cannot follow %s (%s): resends reaching this replica after another"
                                + " published them are published again until it can", topic, e.getMessage());
                    }
                    failure = e.getClass().getSimpleName() + ": " + e.getMessage();
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(backoffMillis * 2, 5_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            running = false;
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void apply(Iterable<ConsumerRecord<String, byte[]>> records) {
        long now = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (read(record.value(), sink)) {
                applied.incrementAndGet();
                if (running) {
                    delay.accept(Math.max(0, now - record.timestamp()));
                }
            }
            positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        }
    }

    private void measureLag() {
        long total = 0;
        for (TopicPartition p : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(p);
            if (behind.isEmpty()) {
                return;
            }
            total += behind.getAsLong();
            track(p);
        }
        lag = total;
    }

    private void track(TopicPartition p) {
        positions.put(p, consumer.position(p));
    }

    private void addNewPartitions() {
        Set<TopicPartition> known = new HashSet<>(consumer.assignment());
        List<TopicPartition> all = partitions(Duration.ofSeconds(10));
        List<TopicPartition> added = all.stream().filter(p -> !known.contains(p)).toList();
        if (!added.isEmpty()) {
            consumer.assign(all);
            consumer.seekToBeginning(added);
            LOG.infof("revision ledger follows %d new partition(s) of %s", added.size(), topic);
        }
    }

    private List<TopicPartition> partitions(Duration timeout) {
        return consumer.partitionsFor(topic, timeout).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Reads id, revision and contentHash of one news.articles.raw value; anything else is skipped unread. */
    static boolean read(byte[] value, Revisions sink) {
        if (value == null) {
            return false;
        }
        String id = null;
        String hash = null;
        int revision = 0;
        try (JsonParser parser = JSON.createParser(value)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken token = parser.nextToken();
                switch (field) {
                    case "id" -> id = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "contentHash" -> hash = token == JsonToken.VALUE_STRING ? parser.getText() : null;
                    case "revision" -> revision = token == JsonToken.VALUE_NUMBER_INT ? parser.getIntValue() : 0;
                    default -> parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return false;
        }
        if (id == null || hash == null || revision < 1) {
            return false;
        }
        sink.remember(id, hash, revision);
        return true;
    }

    /** Revisions applied so far, replayed and followed. */
    public long applied() {
        return applied.get();
    }

    /** Records between this replica's position and the end of the topic, as of the last poll; -1 before the first. */
    public long lag() {
        return lag;
    }

    /** True once this replica has read past {@code offset} of {@code partition}. */
    public boolean hasRead(int partition, long offset) {
        Long position = positions.get(new TopicPartition(topic, partition));
        return position != null && position > offset;
    }

    public boolean following() {
        return running;
    }

    /** Why the last poll failed, or null when it did not. */
    public String failure() {
        return failure;
    }

    /** Next offset to read, per partition. */
    public Map<Integer, Long> positions() {
        Map<Integer, Long> copy = new HashMap<>();
        positions.forEach((p, o) -> copy.put(p.partition(), o));
        return copy;
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
            running = false;
        }
        if (t == null) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        try {
            t.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
