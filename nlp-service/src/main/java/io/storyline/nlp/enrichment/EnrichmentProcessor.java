package io.storyline.nlp.enrichment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Quarkus;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.nlp.ArticleRejectedException;
import io.storyline.nlp.observability.NlpMetrics;
import io.storyline.runtime.observability.PipelineMetrics;
import io.storyline.runtime.stage.RecordContext;
import io.storyline.runtime.stage.TransactionalBatchStage;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Kafka edge: Article (news.articles.raw) in, EnrichedArticle (news.articles.enriched, key = language)
 * out. Exactly-once and order-preserving ({@link TransactionalBatchStage}): a polled batch is analysed in parallel on a
 * pool sized to the cores, then published in input order in one Kafka transaction together with the batch's consumer
 * offsets. Articles that cannot be read or analysed become dead letters inside the same transaction.
 */
@ApplicationScoped
public class EnrichmentProcessor {
    private static final Logger LOG = Logger.getLogger(EnrichmentProcessor.class);
    static final String STAGE = "nlp-service";
    static final String IN = "articles-raw";
    /** Names both topics it writes: one transactional producer, so one channel. */
    static final String OUT = "articles-enriched-and-deadletter";
    private static final RecordHeader JSON = new RecordHeader(EventHeaders.CONTENT_TYPE, "application/json".getBytes(StandardCharsets.UTF_8));

    private final AnalyzerLifecycle lifecycle;
    private final ArticleReader reader;
    private final ExecutorService workers;
    private final PipelineMetrics metrics;
    private final NlpMetrics nlpMetrics;
    private final TransactionalBatchStage stage;

    public EnrichmentProcessor(AnalyzerLifecycle lifecycle, ObjectMapper mapper, NlpConfig config, PipelineMetrics metrics,
                               NlpMetrics nlpMetrics, Tracer tracer, @Channel(OUT) KafkaTransactions<byte[]> out) {
        this.lifecycle = lifecycle;
        this.reader = new ArticleReader(mapper);
        int threads = config.workers().orElse(Runtime.getRuntime().availableProcessors());
        AtomicInteger counter = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "nlp-worker-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.metrics = metrics;
        this.nlpMetrics = nlpMetrics;
        this.stage = new TransactionalBatchStage(STAGE, IN, OUT, "nlp analyse", out, metrics, tracer);
    }

    @Incoming(IN)
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        return stage.parallelThenCommit(batch, workers, this::analyse)
                .onFailure().invoke(failure -> LOG.warnf(failure,
                        "batch of %d articles not committed; it will be consumed again from the last committed offset", batch.getRecords().size()));
    }

    /** On a worker: one article analysed into its enriched record, or dead-lettered with why. */
    private void analyse(RecordContext record) {
        Article article;
        try {
            article = reader.read(record.record().getPayload());
        } catch (IOException | IllegalArgumentException e) {
            record.deadLetter("not a valid Article: " + e.getMessage(), "unreadable", e);
            return;
        }
        record.identify(article.id());
        if (!lifecycle.isReady() && lifecycle.state() != null && !lifecycle.state().equals("loading models")) {
            // No model, no output: stop rather than dead-letter every article; a restart retries the load.
            LOG.errorf("cannot analyse without models (%s); stopping", lifecycle.state());
            Quarkus.asyncExit(3);
        }
        EnrichedArticle result;
        try {
            Timer.Sample sample = Timer.start();
            result = lifecycle.analyzer().analyze(article);
            sample.stop(metrics.stage("analyse"));
        } catch (ArticleRejectedException e) {
            record.deadLetter(e.getMessage(), "rejected", e.getCause());
            return;
        } catch (RuntimeException | StackOverflowError e) {
            record.deadLetter("analysis failed: " + e, "analysis-failed", e);
            return;
        }
        record.span().setAttribute("storyline.language", result.language().code());
        record.span().setAttribute("storyline.entities", result.entities() == null ? 0 : result.entities().size());
        nlpMetrics.enriched(result);
        record.emit(Topic.ARTICLES_ENRICHED, result.language().code(), reader.json(result), JSON);
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}
