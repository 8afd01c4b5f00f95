package io.storyline.runtime.stage;

import io.opentelemetry.api.trace.Tracer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** dedupe's shape: news.scraped in, the step runs inside the transaction, news.articles.clustered out. */
@ApplicationScoped
public class SequentialTestStage {
    static final String NAME = "test-sequential";
    static final Topic IN = Topic.SCRAPED;
    static final Topic OUT = Topic.ARTICLES_CLUSTERED;

    private final TransactionalBatchStage stage;
    private final TestStep step;

    public SequentialTestStage(@Channel("sequential-out") KafkaTransactions<byte[]> out, PipelineMetrics metrics, Tracer tracer,
                               TestStep step) {
        this.stage = new TransactionalBatchStage(NAME, "sequential-in", "sequential-out", "test step", out, metrics, tracer);
        this.step = step;
    }

    @Incoming("sequential-in")
    public Uni<Void> onBatch(KafkaRecordBatch<String, byte[]> batch) {
        return stage.inTransaction(batch, record -> step.apply(record, OUT));
    }
}
