package io.storyline.runtime.stage;

import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.transactions.KafkaTransactions;
import io.smallrye.reactive.messaging.kafka.transactions.TransactionalEmitter;
import io.storyline.runtime.observability.ArticleLogContext;
import io.storyline.runtime.observability.PipelineMetrics;
import org.eclipse.microprofile.reactive.messaging.Message;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The exactly-once batch loop of a Kafka stage. A stage gives only its step for one record (and, if it has them, a
 * check before the batch and the outputs of the batch as a whole); this class runs each step in its own span and
 * article log context, counts records in, out and failed, times the batch, and writes every output and dead letter.
 * <p>
 * Delivery: exactly once. A batch's outputs and its consumer offsets are written in one Kafka transaction, so a
 * {@code read_committed} reader sees all of a batch's outputs or none. When a step or check throws, the transaction
 * aborts, the consumer is rewound to the last committed offsets and the batch is consumed again; the returned
 * {@link Uni} fails with the cause, for the stage's own clean-up. The incoming channel must be consumed in batches with
 * {@code commit-strategy=ignore} (offsets are committed only by the transaction).
 */
public final class TransactionalBatchStage {

    private final String name;
    private final String incoming;
    private final String outgoing;
    private final String spanName;
    private final KafkaTransactions<byte[]> transactions;
    private final PipelineMetrics metrics;
    private final Tracer tracer;

    /**
     * @param name         the stage, as named in {@code dead-letter-stage}
     * @param incoming     the incoming channel (the metrics' {@code channel} of records in and failed)
     * @param outgoing     the transactional outgoing channel (the metrics' {@code channel} of records out)
     * @param spanName     the name of each record's span, e.g. {@code "nlp analyse"}
     * @param transactions the outgoing channel's emitter
     */
    public TransactionalBatchStage(String name, String incoming, String outgoing, String spanName,
                                   KafkaTransactions<byte[]> transactions, PipelineMetrics metrics, Tracer tracer) {
        this.name = name;
        this.incoming = incoming;
        this.outgoing = outgoing;
        this.spanName = spanName;
        this.transactions = transactions;
        this.metrics = metrics;
        this.tracer = tracer;
    }

    /**
     * Runs {@code step} for every record of the batch in parallel on {@code workers}, before the transaction; then
     * writes the outputs in input order in one transaction with the batch's offsets. A step that throws aborts the batch.
     */
    public Uni<Void> parallelThenCommit(KafkaRecordBatch<String, byte[]> batch, Executor workers, Consumer<RecordContext> step) {
        Timer.Sample batchTime = Timer.start();
        List<CompletableFuture<RecordContext>> done = new ArrayList<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            metrics.recordIn(incoming, record.getTopic());
            done.add(CompletableFuture.supplyAsync(() -> run(record, step), workers));
        }
        return Uni.createFrom().completionStage(CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)))
                .onItemOrFailure().transformToUni((ignored, failure) -> transactions.withTransactionAndAck(batch, emitter -> {
                    if (failure != null) {
                        // aborted through the transaction, so that the consumer is rewound and the batch read again
                        return Uni.createFrom().failure(failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure);
                    }
                    done.forEach(d -> send(emitter, d.join().outputs()));
                    return Uni.createFrom().voidItem();
                }))
                .invoke(() -> batchTime.stop(metrics.stage("batch")));
    }

    /** {@link #inTransaction(KafkaRecordBatch, Consumer, Consumer, Supplier)} with no check and no batch outputs. */
    public Uni<Void> inTransaction(KafkaRecordBatch<String, byte[]> batch, Consumer<RecordContext> step) {
        return inTransaction(batch, b -> { }, step, List::of);
    }

    /**
     * Runs, inside one transaction: {@code beforeFirst} (throw to refuse the batch before any record is touched), then
     * {@code step} for each record in order, each record's outputs written as its step returns, then the outputs
     * {@code afterLast} gives for the batch as a whole; and commits them with the batch's offsets.
     */
    public Uni<Void> inTransaction(KafkaRecordBatch<String, byte[]> batch, Consumer<KafkaRecordBatch<String, byte[]>> beforeFirst,
                                   Consumer<RecordContext> step, Supplier<List<StageOutput>> afterLast) {
        Timer.Sample batchTime = Timer.start();
        return transactions.withTransactionAndAck(batch, emitter -> {
            beforeFirst.accept(batch);
            for (KafkaRecord<String, byte[]> record : batch) {
                metrics.recordIn(incoming, record.getTopic());
                send(emitter, run(record, step).outputs());
            }
            send(emitter, afterLast.get());
            return Uni.createFrom().voidItem();
        }).invoke(() -> batchTime.stop(metrics.stage("batch")));
    }

    private RecordContext run(KafkaRecord<String, byte[]> record, Consumer<RecordContext> step) {
        // the consumer span the connector made from the record's traceparent header
        Context consumed = record.getMetadata(TracingMetadata.class).map(TracingMetadata::getCurrentContext).orElse(Context.root());
        Span span = tracer.spanBuilder(spanName).setParent(consumed).startSpan();
        RecordContext context = new RecordContext(this, record, span, consumed.with(span));
        try (ArticleLogContext log = ArticleLogContext.open(record.getKey(), span.getSpanContext())) {
            step.accept(context);
            return context;
        } finally {
            span.end();
        }
    }

    private void send(TransactionalEmitter<byte[]> emitter, List<StageOutput> outputs) {
        for (StageOutput output : outputs) {
            metrics.recordOut(outgoing, output.topic().topicName());
            OutgoingKafkaRecordMetadata.OutgoingKafkaRecordMetadataBuilder<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                    .withTopic(output.topic().topicName())
                    .withKey(output.key());
            if (output.headers() != null) {
                metadata.withHeaders(output.headers());
            }
            // the producer span continues the record's trace; the connector writes its traceparent header
            emitter.send(Message.of(output.value()).addMetadata(metadata.build()).addMetadata(TracingMetadata.withCurrent(output.trace())));
        }
    }

    String name() {
        return name;
    }

    String incoming() {
        return incoming;
    }

    PipelineMetrics metrics() {
        return metrics;
    }
}
