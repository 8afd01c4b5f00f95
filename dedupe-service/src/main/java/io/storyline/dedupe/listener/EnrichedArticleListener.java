package io.storyline.dedupe.listener;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.storyline.dedupe.observability.DedupeMetrics;
import io.storyline.runtime.observability.PipelineMetrics;
import io.storyline.runtime.stage.StageOutput;
import io.storyline.runtime.stage.TransactionalBatchStage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.util.List;

/**
 * The dedupe stage's Kafka edge. Exactly-once ({@link TransactionalBatchStage}): each polled batch of enriched articles
 * is decided and its outputs (clustered records, event and storyline snapshots, dead letters) are written in one Kafka
 * transaction together with the batch's consumer offsets, so a crash anywhere leaves either all of it or none.
 */
@ApplicationScoped
public class EnrichedArticleListener {

    static final String STAGE = "dedupe-service";
    static final String IN = "articles-enriched";
    /** Names every topic it writes: one transactional producer, so one channel. */
    static final String OUT = "articles-clustered-stories-storylines-and-deadletter";
    private static final Logger LOG = Logger.getLogger(EnrichedArticleListener.class);

    private final EnrichedArticleCodec codec;
    private final StoryDesks desks;
    private final DedupeMetrics dedupeMetrics;
    private final ArticleDecisions decisions;
    private final TransactionalBatchStage stage;

    @Inject
    public EnrichedArticleListener(@Channel(OUT) KafkaTransactions<byte[]> out, EnrichedArticleCodec codec, StoryDesks desks,
                                   PipelineMetrics metrics, DedupeMetrics dedupeMetrics, Tracer tracer) {
        this.codec = codec;
        this.desks = desks;
        this.dedupeMetrics = dedupeMetrics;
        this.decisions = new ArticleDecisions(codec, desks, metrics, dedupeMetrics);
        this.stage = new TransactionalBatchStage(STAGE, IN, OUT, "dedupe decide", out, metrics, tracer);
    }

    @Incoming(IN)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        BatchSnapshots changed = new BatchSnapshots();
        return stage.inTransaction(batch, decisions::requireAssigned, record -> decisions.decide(record, changed), () -> publish(changed))
                .onFailure().invoke(this::afterAbort);
    }

    private void afterAbort(Throwable failure) {
        PartitionRevokedException revoked = PartitionRevokedException.in(failure);
        if (revoked != null && revoked.beforeAnyDecision()) {
            // nothing was decided: the abort resets the consumer to the committed offsets, and the
            // partition's new owner (or this instance, after restoring it) decides these records
            LOG.warnf("batch aborted: %s", revoked.getMessage());
        } else {
            desks.discardAfterAbort(failure);
        }
    }

    private List<StageOutput> publish(BatchSnapshots changed) {
        List<StageOutput> outputs = changed.outputs(codec::write);
        changed.stories().forEach(dedupeMetrics::published);
        dedupeMetrics.state(desks.openStories(), desks.nearDuplicateIndexSize(), desks.nearDuplicateIndexBytes());
        return outputs;
    }
}
