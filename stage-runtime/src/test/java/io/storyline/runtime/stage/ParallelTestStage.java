package io.storyline.runtime.stage;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** nlp's shape: news.articles.raw in, the steps run in parallel before the transaction, news.articles.enriched out. */
@ApplicationScoped
public class ParallelTestStage {
    static final String NAME = "test-parallel";
    static final Topic IN = Topic.ARTICLES_RAW;
    static final Topic OUT = Topic.ARTICLES_ENRICHED;

    private final TransactionalBatchStage stage;
    private final TestStep step;
    private final ExecutorService workers = Executors.newFixedThreadPool(4);

    public ParallelTestStage(@Channel("parallel-out") KafkaTransactions<byte[]> out, PipelineMetrics metrics, Tracer tracer,
                             TestStep step) {
        this.stage = new TransactionalBatchStage(NAME, "parallel-in", "parallel-out", "test step", out, metrics, tracer);
        this.step = step;
    }

    @Incoming("parallel-in")
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        return stage.parallelThenCommit(batch, workers, record -> step.apply(record, OUT));
    }

    @PreDestroy
    void stop() {
        workers.shutdown();
    }
}
