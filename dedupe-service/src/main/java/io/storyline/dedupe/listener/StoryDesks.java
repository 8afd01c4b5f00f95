package io.storyline.dedupe.listener;

import io.quarkus.runtime.Quarkus;
import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.RedeliveryLedger;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clustering state of this instance, one {@link StoryDesk} ({@link ArticleClustering} and redelivery
 * ledger) per input partition: articles
 * that can duplicate each other share a partition (the key is their language), and keeping state per
 * partition keeps decisions deterministic however partitions are spread over instances.
 */
@ApplicationScoped
public class StoryDesks {

    private static final Logger LOG = Logger.getLogger(StoryDesks.class);

    private final Map<Integer, StoryDesk> byPartition = new ConcurrentHashMap<>();
    private final DedupeConfig config;

    public StoryDesks(DedupeConfig config) {
        this.config = config;
    }

    /**
     * The partition's state, restored by {@link StoryStateRestorer} when the partition was assigned; empty when the
     * partition is not (or no longer) assigned here. Never a fresh desk: a record polled before its partition was
     * revoked, decided on empty state, would start stories the partition's real state does not have.
     */
    Optional<StoryDesk> forPartition(int partition) {
        return Optional.ofNullable(byPartition.get(partition));
    }

    StoryDesk newDesk() {
        NearDuplicateSettings nearDuplicates = nearDuplicateSettings();
        return new StoryDesk(new RedeliveryLedger(nearDuplicates.window()), new ArticleClustering(nearDuplicates, storySettings()));
    }

    void install(int partition, StoryDesk desk) {
        byPartition.put(partition, desk);
    }

    void remove(int partition) {
        byPartition.remove(partition);
    }

    NearDuplicateSettings nearDuplicateSettings() {
        return config.nearDuplicates().toSettings();
    }

    StorySettings storySettings() {
        return config.stories().toSettings();
    }

    public int openStories() {
        return byPartition.values().stream().mapToInt(StoryDesk::openStories).sum();
    }

    /** Articles in the near-duplicate windows of this instance's partitions. */
    public int nearDuplicateIndexSize() {
        return byPartition.values().stream().mapToInt(StoryDesk::nearDuplicateIndexSize).sum();
    }

    /** Estimated bytes of this instance's near-duplicate indexes. */
    public long nearDuplicateIndexBytes() {
        return byPartition.values().stream().mapToLong(StoryDesk::nearDuplicateIndexBytes).sum();
    }

    /**
     * An aborted transaction leaves the in-memory state ahead of the committed offsets. The state is
     * not patched back: the instance stops, and on restart rebuilds it from the committed input
     * (crash-only recovery, the same path as any crash).
     */
    void discardAfterAbort(Throwable failure) {
        LOG.errorf(failure, "transaction aborted; stopping so that state is rebuilt from committed input");
        byPartition.clear();
        Quarkus.asyncExit(3);
    }
}
