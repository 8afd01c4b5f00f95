package io.storyline.dedupe.listener;

import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.observability.DedupeMetrics;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.ArticleLogContext;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The dedupe stage's Kafka edge. Exactly-once: each polled batch of enriched articles is decided and
 * its outputs (clustered records, event and storyline snapshots, dead letters) are written in one Kafka transaction
 * together with the batch's consumer offsets, so a crash anywhere leaves either all of it or none.
 */
@ApplicationScoped
public class EnrichedArticleListener {

    static final String STAGE = "dedupe-service";
    static final String IN = "articles-enriched";
    /** Names every topic it writes: one transactional producer, so one channel. */
    static final String OUT = "articles-clustered-stories-storylines-and-deadletter";
    private static final Logger LOG = Logger.getLogger(EnrichedArticleListener.class);

    private final KafkaTransactions<byte[]> out;
    private final EnrichedArticleCodec codec;
    private final StoryDesks desks;
    private final Clock clock = Clock.systemUTC();
    private final PipelineMetrics metrics;
    private final DedupeMetrics dedupeMetrics;
    private final Tracer tracer;

    @Inject
    public EnrichedArticleListener(@Channel(OUT) KafkaTransactions<byte[]> out, EnrichedArticleCodec codec, StoryDesks desks,
                                   PipelineMetrics metrics, DedupeMetrics dedupeMetrics, Tracer tracer) {
        this.out = out;
        this.codec = codec;
        this.desks = desks;
        this.metrics = metrics;
        this.dedupeMetrics = dedupeMetrics;
        this.tracer = tracer;
    }

    /** A story snapshot to publish and the trace of the last article that changed it. */
    private record Change(Story story, Context trace) {
    }

    /** A storyline snapshot to publish and the trace of the last article that changed it. */
    private record StorylineChange(Storyline storyline, Context trace) {
    }

    /** The snapshots a batch changed, the last one per key, in the order their keys last changed. */
    private record Changes(Map<String, Change> stories, Map<String, StorylineChange> storylines) {
        Changes() {
            this(new LinkedHashMap<>(), new LinkedHashMap<>());
        }

        void add(ArticleClustering.Decision decision, Context trace) {
            for (Story story : decision.changedStories()) {
                stories.remove(story.id());
                stories.put(story.id(), new Change(story, trace));
            }
            for (Storyline storyline : decision.changedStorylines()) {
                storylines.remove(storyline.id());
                storylines.put(storyline.id(), new StorylineChange(storyline, trace));
            }
        }
    }

    @Incoming(IN)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        Timer.Sample batchTime = Timer.start();
        return out.withTransactionAndAck(batch, emitter -> {
            for (KafkaRecord<String, byte[]> record : batch) {
                if (desks.forPartition(record.getPartition()).isEmpty()) {
                    throw new PartitionRevokedException(record.getPartition(), true);
                }
            }
            // Within a batch a story or storyline may change many times; its last snapshot is all a reader of the
            // compacted topic needs. Storylines follow the events they list.
            Changes changed = new Changes();
            for (KafkaRecord<String, byte[]> record : batch) {
                metrics.recordIn(IN, record.getTopic());
                decide(record, emitter, changed);
            }
            for (Change change : changed.stories().values()) {
                emitter.send(outgoing(Topic.STORIES, change.story().id(), toJson(change.story()), null, change.trace()));
                dedupeMetrics.published(change.story());
            }
            for (StorylineChange change : changed.storylines().values()) {
                emitter.send(outgoing(Topic.STORYLINES, change.storyline().id(), toJson(change.storyline()), null, change.trace()));
            }
            dedupeMetrics.state(desks.openStories(), desks.nearDuplicateIndexSize(), desks.nearDuplicateIndexBytes());
            return Uni.createFrom().voidItem();
        }).invoke(() -> batchTime.stop(metrics.stage("batch")))
                .onFailure().invoke(failure -> {
                    PartitionRevokedException revoked = PartitionRevokedException.in(failure);
                    if (revoked != null && revoked.beforeAnyDecision()) {
                        // nothing was decided: the abort resets the consumer to the committed offsets, and the
                        // partition's new owner (or this instance, after restoring it) decides these records
                        LOG.warnf("batch aborted: %s", revoked.getMessage());
                    } else {
                        desks.discardAfterAbort(failure);
                    }
                });
    }

    private void decide(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> emitter, Changes changed) {
        // the consumer span the connector made from the record's traceparent header
        Context incoming = record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext).orElse(Context.root());
        Span span = tracer.spanBuilder("dedupe decide").setParent(incoming).startSpan();
        Context trace = incoming.with(span);
        Timer.Sample time = Timer.start();
        try (ArticleLogContext log = ArticleLogContext.open(record.getKey(), span.getSpanContext())) {
            decide(record, emitter, changed, trace, span);
        } finally {
            time.stop(metrics.stage("decide"));
            span.end();
        }
    }

    private void decide(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> emitter, Changes changed,
                        Context trace, Span span) {
        EnrichedArticle article;
        try {
            article = codec.read(record.getPayload());
        } catch (IOException | RuntimeException e) {
            deadLetter(record, emitter, "unreadable enriched article: " + e.getMessage(), "unreadable", e, trace);
            return;
        }
        String articleId = article.article() == null ? null : article.article().id();
        if (articleId != null) {
            MDC.put(ArticleLogContext.ARTICLE_ID, articleId);
            span.setAttribute("storyline.article.id", articleId);
        }
        // revoked mid-batch: abort the whole transaction rather than dead-letter or decide on a desk that is gone
        StoryDesk desk = desks.forPartition(record.getPartition())
                .orElseThrow(() -> new PartitionRevokedException(record.getPartition(), false));
        ArticleClustering.Decision decision;
        try {
            Optional<ArticleClustering.Decision> decided = desk.decide(article, clock.instant());
            if (decided.isEmpty()) {
                dedupeMetrics.redelivered();
                span.setAttribute("storyline.redelivery", true);
                LOG.debugf("article %s revision %d was decided before; redelivery ignored", article.article().id(), article.article().revision());
                return;
            }
            decision = decided.get();
        } catch (RuntimeException e) {
            LOG.errorf(e, "could not cluster article %s", articleId);
            deadLetter(record, emitter, "clustering failed: " + e, "clustering-failed", e, trace);
            return;
        }
        span.setAttribute("storyline.story.id", decision.clustered().storyId());
        if (decision.clustered().storylineId() != null) {
            span.setAttribute("storyline.storyline.id", decision.clustered().storylineId());
        }
        dedupeMetrics.decided(decision.clustered());
        Headers headers = traceHeaders(record.getHeaders(), span);
        emitter.send(outgoing(Topic.ARTICLES_CLUSTERED, decision.clustered().articleId(), toJson(decision.clustered()), headers, trace));
        changed.add(decision, trace);
    }

    private void deadLetter(KafkaRecord<String, byte[]> record, TransactionalEmitter<byte[]> emitter, String reason, String code,
                            Throwable cause, Context trace) {
        long offset = offset(record);
        Span.fromContext(trace).setStatus(StatusCode.ERROR, reason);
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset, reason);
        metrics.recordFailed(IN, record.getTopic(), code);
        Headers headers = traceHeaders(record.getHeaders(), Span.fromContext(trace));
        EventHeaders.deadLetter(reason, code, cause, STAGE, record.getTopic(), record.getPartition(), offset).forEach(headers::add);
        emitter.send(outgoing(Topic.DEADLETTER, record.getKey(), record.getPayload(), headers, trace));
    }

    private static long offset(KafkaRecord<String, byte[]> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
    }

    private Message<byte[]> outgoing(Topic topic, String key, byte[] value, Headers headers, Context trace) {
        metrics.recordOut(OUT, topic.topicName());
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic.topicName())
                .withKey(key);
        if (headers != null) {
            metadata.withHeaders(headers);
        }
        // the producer span continues the article's trace; the connector writes its traceparent header
        return Message.of(value).addMetadata(metadata.build()).addMetadata(TracingMetadata.withCurrent(trace));
    }

    private static Headers traceHeaders(Headers incoming, Span span) {
        RecordHeaders headers = new RecordHeaders();
        for (String name : new String[] {EventHeaders.TRACE_ID, EventHeaders.INGESTED_AT}) {
            Header header = incoming.lastHeader(name);
            if (header != null) {
                headers.add(name, header.value());
            }
        }
        if (headers.lastHeader(EventHeaders.TRACE_ID) == null && span.getSpanContext().isValid()) {
            // a record from a producer that set no correlation id: its OpenTelemetry trace id is the one to search for
            headers.add(EventHeaders.TRACE_ID, span.getSpanContext().getTraceId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return headers;
    }

    private byte[] toJson(Object value) {
        return codec.write(value);
    }
}
