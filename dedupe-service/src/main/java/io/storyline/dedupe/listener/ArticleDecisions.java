package io.storyline.dedupe.listener;

import io.micrometer.core.instrument.Timer;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.observability.DedupeMetrics;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.PipelineMetrics;
import io.storyline.runtime.stage.RecordContext;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.time.Clock;
import java.util.Optional;

/**
 * dedupe's step for one enriched article, run by {@link EnrichedArticleListener} inside the batch's transaction: read it
 * (or dead-letter it), decide it on its partition's desk, emit its clustered record and note the snapshots it changed.
 */
final class ArticleDecisions {
    private static final Logger LOG = Logger.getLogger(EnrichedArticleListener.class);

    private final EnrichedArticleCodec codec;
    private final StoryDesks desks;
    private final Clock clock = Clock.systemUTC();
    private final PipelineMetrics metrics;
    private final DedupeMetrics dedupeMetrics;

    ArticleDecisions(EnrichedArticleCodec codec, StoryDesks desks, PipelineMetrics metrics, DedupeMetrics dedupeMetrics) {
        this.codec = codec;
        this.desks = desks;
        this.metrics = metrics;
        this.dedupeMetrics = dedupeMetrics;
    }

    /** Before any decision: a batch holding records of a partition this instance no longer owns is refused whole. */
    void requireAssigned(KafkaRecordBatch<String, byte[]> batch) {
        for (KafkaRecord<String, byte[]> record : batch) {
            if (desks.forPartition(record.getPartition()).isEmpty()) {
                throw new PartitionRevokedException(record.getPartition(), true);
            }
        }
    }

    void decide(RecordContext record, BatchSnapshots changed) {
        Timer.Sample time = Timer.start();
        try {
            EnrichedArticle article = read(record);
            if (article != null) {
                decide(record, article, changed);
            }
        } finally {
            time.stop(metrics.stage("decide"));
        }
    }

    private EnrichedArticle read(RecordContext record) {
        try {
            return codec.read(record.record().getPayload());
        } catch (IOException | RuntimeException e) {
            record.deadLetter("unreadable enriched article: " + e.getMessage(), "unreadable", e);
            return null;
        }
    }

    private void decide(RecordContext record, EnrichedArticle article, BatchSnapshots changed) {
        String articleId = article.article() == null ? null : article.article().id();
        record.identify(articleId);
        // revoked mid-batch: abort the whole transaction rather than dead-letter or decide on a desk that is gone
        int partition = record.record().getPartition();
        StoryDesk desk = desks.forPartition(partition).orElseThrow(() -> new PartitionRevokedException(partition, false));
        ArticleClustering.Decision decision;
        try {
            Optional<ArticleClustering.Decision> decided = desk.decide(article, clock.instant());
            if (decided.isEmpty()) {
                dedupeMetrics.redelivered();
                record.span().setAttribute("storyline.redelivery", true);
                LOG.debugf("article %s revision %d was decided before; redelivery ignored", article.article().id(), article.article().revision());
                return;
            }
            decision = decided.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not cluster article %s", articleId);
            record.deadLetter("clustering failed: " + e, "clustering-failed", e);
            return;
        }
        record.span().setAttribute("storyline.story.id", decision.clustered().storyId());
        if (decision.clustered().storylineId() != null) {
            record.span().setAttribute("storyline.storyline.id", decision.clustered().storylineId());
        }
        dedupeMetrics.decided(decision.clustered());
        record.emit(Topic.ARTICLES_CLUSTERED, decision.clustered().articleId(), codec.write(decision.clustered()));
        changed.add(decision, record.trace());
    }

}
