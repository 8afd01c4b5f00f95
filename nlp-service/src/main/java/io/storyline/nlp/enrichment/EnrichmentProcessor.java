package io.storyline.nlp.enrichment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.runtime.Quarkus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.nlp.ArticleRejectedException;
import io.storyline.nlp.observability.NlpMetrics;
import io.storyline.runtime.observability.ArticleLogContext;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka edge: Article (news.articles.raw) in, EnrichedArticle (news.articles.enriched, key = language)
 * out. Exactly-once and order-preserving: a polled batch is analysed in parallel on a pool sized to the
 * cores, then published in input order in one Kafka transaction together with the batch's consumer
 * offsets. Articles that cannot be read or analysed become dead letters inside the same transaction.
 */
@ApplicationScoped
public class EnrichmentProcessor {
    private static final Logger LOG = Logger.getLogger(EnrichmentProcessor.class);
    static final String STAGE = "nlp-service";
    static final String IN = "articles-raw";
    /** Names both topics it writes: one transactional producer, so one channel. */
    static final String OUT = "articles-enriched-and-deadletter";

    private final AnalyzerLifecycle lifecycle;
    private final ObjectMapper mapper;
    private final KafkaTransactions<byte[]> out;
    private final ExecutorService workers;
    private final PipelineMetrics metrics;
    private final NlpMetrics nlpMetrics;
    private final Tracer tracer;

    public EnrichmentProcessor(AnalyzerLifecycle lifecycle, ObjectMapper mapper, NlpConfig config, PipelineMetrics metrics,
                               NlpMetrics nlpMetrics, Tracer tracer, @Channel(OUT) KafkaTransactions<byte[]> out) {
        this.lifecycle = lifecycle;
        this.mapper = mapper;
        this.out = out;
        int threads = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nlp-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.metrics = metrics;
        this.nlpMetrics = nlpMetrics;
        this.tracer = tracer;
    }

    /**
     * What became of one input record: an enriched article to publish, or a dead letter ({@code reason}: a short code
     * for the failure metric), and the trace context (the analysis span) its output record continues.
     */
    private record Outcome(KafkaRecord<String, byte[]> input, EnrichedArticle result, ArticleRejectedException rejection,
                           String reason, Context trace) {
    }

    @Incoming(IN)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        Timer.Sample batchTime = Timer.start();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            metrics.recordIn(IN, record.getTopic());
            outcomes.add(CompletableFuture.supplyAsync(() -> analyse(record), workers));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)))
                .chain(() -> out.withTransactionAndAck(batch, emitter -> {
                    for (CompletableFuture<Outcome> outcome : outcomes) {
                        emitter.send(toMessage(outcome.join()));
                    }
                    return Uni.createFrom().voidItem();
                }))
                .invoke(() -> batchTime.stop(metrics.stage("batch")))
                .onFailure().invoke(failure -> LOG.warnf(failure,
                        "batch of %d articles not committed; it will be consumed again from the last committed offset", batch.getRecords().size()));
    }

    private Outcome analyse(KafkaRecord<String, byte[]> record) {
        // the consumer span the connector made from the record's traceparent header
        Context incoming = record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext).orElse(Context.root());
        Span span = tracer.spanBuilder("nlp analyse").setParent(incoming).startSpan();
        Context trace = incoming.with(span);
        try (ArticleLogContext log = ArticleLogContext.open(record.getKey(), span.getSpanContext())) {
            Outcome outcome = analyse(record, trace);
            if (outcome.result() != null) {
                span.setAttribute("storyline.language", outcome.result().language().code());
                span.setAttribute("storyline.entities", outcome.result().entities() == null ? 0 : outcome.result().entities().size());
            } else {
                span.setStatus(StatusCode.ERROR, outcome.rejection().getMessage());
            }
            return outcome;
        } finally {
            span.end();
        }
    }

    private Outcome analyse(KafkaRecord<String, byte[]> record, Context trace) {
        Span span = Span.fromContext(trace);
        Article article;
        try {
            article = read(record.getPayload());
        } catch (IOException | IllegalArgumentException e) {
            return new Outcome(record, null, new ArticleRejectedException("not a valid Article: " + e.getMessage(), e), "unreadable", trace);
        }
        span.setAttribute("storyline.article.id", article.id());
        MDC.put(ArticleLogContext.ARTICLE_ID, article.id());
        if (!lifecycle.isReady() && lifecycle.state() != null && !lifecycle.state().equals("loading models")) {
            // No model, no output: stop rather than dead-letter every article; a restart retries the load.
            LOG.errorf("cannot analyse without models (%s); stopping", lifecycle.state());
            Quarkus.asyncExit(3);
        }
        try {
            Timer.Sample sample = Timer.start();
            EnrichedArticle result = lifecycle.analyzer().analyze(article);
            sample.stop(metrics.stage("analyse"));
            return new Outcome(record, result, null, null, trace);
        } catch (ArticleRejectedException e) {
            return new Outcome(record, null, e, "rejected", trace);
        } catch (RuntimeException | StackOverflowError e) {
            return new Outcome(record, null, new ArticleRejectedException("analysis failed: " + e, e), "analysis-failed", trace);
        }
    }

    private Message<byte[]> toMessage(Outcome outcome) {
        KafkaRecord<String, byte[]> input = outcome.input();
        Headers headers = new RecordHeaders();
        if (!copy(input.getHeaders(), headers, EventHeaders.TRACE_ID)) {
            // a record from a producer that set no correlation id: its OpenTelemetry trace id is the one to search for
            headers.add(EventHeaders.TRACE_ID, Span.fromContext(outcome.trace()).getSpanContext().getTraceId().getBytes(StandardCharsets.UTF_8));
        }
        copy(input.getHeaders(), headers, EventHeaders.INGESTED_AT);
        OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder();
        byte[] value;
        if (outcome.result() != null) {
            metrics.recordOut(OUT, Topic.ARTICLES_ENRICHED.topicName());
            nlpMetrics.enriched(outcome.result());
            headers.add(EventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));
            metadata.withTopic(Topic.ARTICLES_ENRICHED.topicName()).withKey(outcome.result().language().code());
            value = json(outcome.result());
        } else {
            metrics.recordFailed(IN, input.getTopic(), outcome.reason());
            metrics.recordOut(OUT, Topic.DEADLETTER.topicName());
            long offset = input.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
            try (ArticleLogContext log = ArticleLogContext.open(input.getKey(), Span.fromContext(outcome.trace()).getSpanContext())) {
                LOG.warnf("dead-lettering %s-%d@%d: %s", input.getTopic(), input.getPartition(), offset, outcome.rejection().getMessage());
            }
            EventHeaders.deadLetter(outcome.rejection().getMessage(), outcome.reason(), outcome.rejection().getCause(), STAGE, input.getTopic(),
                    input.getPartition(), offset).forEach(headers::add);
            metadata.withTopic(Topic.DEADLETTER.topicName()).withKey(input.getKey());
            value = input.getPayload();
        }
        // the output record's producer span continues this article's trace; the connector writes its traceparent header
        return Message.of(value).addMetadata(metadata.withHeaders(headers).build())
                .addMetadata(TracingMetadata.withCurrent(outcome.trace()));
    }

    private Article read(byte[] payload) throws IOException {
        if (payload == null || payload.length == 0) {
            throw new IllegalArgumentException("empty record value");
        }
        Article article = mapper.readValue(payload, Article.class);
        if (article == null || article.id() == null || article.id().isBlank()) {
            throw new IllegalArgumentException("article has no id");
        }
        if ((article.title() == null || article.title().isBlank()) && (article.text() == null || article.text().isBlank())) {
            throw new IllegalArgumentException("article " + article.id() + " has neither title nor text");
        }
        return article;
    }

    private byte[] json(EnrichedArticle article) {
        try {
            return mapper.writeValueAsBytes(article);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise enriched article " + article.article().id(), e);
        }
    }

    private static boolean copy(Headers from, Headers to, String name) {
        if (from == null) {
            return false;
        }
        Header header = from.lastHeader(name);
        if (header != null) {
            to.add(name, header.value());
            return true;
        }
        return false;
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}
