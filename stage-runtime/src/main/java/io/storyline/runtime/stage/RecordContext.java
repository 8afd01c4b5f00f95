package io.storyline.runtime.stage;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.ArticleLogContext;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One input record as a stage's step sees it: the record, the span of the step (a child of the consumer span the
 * connector made from the record's {@code traceparent}) and the trace context its outputs continue. What the step
 * {@linkplain #emit emits} or {@linkplain #deadLetter dead-letters} is written by {@link TransactionalBatchStage}, in
 * the batch's transaction, in the order the step gave it.
 */
public final class RecordContext {
    private static final Logger LOG = Logger.getLogger(RecordContext.class);

    private final TransactionalBatchStage stage;
    private final KafkaRecord<String, byte[]> record;
    private final Span span;
    private final Context trace;
    private final List<StageOutput> outputs = new ArrayList<>();

    RecordContext(TransactionalBatchStage stage, KafkaRecord<String, byte[]> record, Span span, Context trace) {
        this.stage = stage;
        this.record = record;
        this.span = span;
        this.trace = trace;
    }

    public KafkaRecord<String, byte[]> record() {
        return record;
    }

    public Span span() {
        return span;
    }

    public Context trace() {
        return trace;
    }

    /** Names the article this record is (span attribute {@code storyline.article.id}, log context); null: unknown. */
    public void identify(String articleId) {
        if (articleId != null) {
            span.setAttribute("storyline.article.id", articleId);
            MDC.put(ArticleLogContext.ARTICLE_ID, articleId);
        }
    }

    /** Writes {@code value} to {@code topic} with this record's trace headers, then {@code extra}, continuing its trace. */
    public void emit(Topic topic, String key, byte[] value, Header... extra) {
        Headers headers = traceHeaders();
        for (Header header : extra) {
            headers.add(header);
        }
        outputs.add(new StageOutput(topic, key, value, headers, trace));
    }

    /**
     * Writes this record, its key and value unchanged, to the dead-letter topic with the {@code dead-letter-*} headers
     * (see {@link EventHeaders#deadLetter}); counts it as failed by {@code code} and marks the span as an error.
     *
     * @param reason what went wrong, in words
     * @param code   a short fixed code, the failure metric's {@code reason} tag and {@code dead-letter-code}
     * @param cause  the exception behind it, or null for a refusal
     */
    public void deadLetter(String reason, String code, Throwable cause) {
        long offset = record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset).orElse(-1L);
        span.setStatus(StatusCode.ERROR, reason);
        LOG.warnf("dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset, reason);
        stage.metrics().recordFailed(stage.incoming(), record.getTopic(), code);
        Headers headers = traceHeaders();
        EventHeaders.deadLetter(reason, code, cause, stage.name(), record.getTopic(), record.getPartition(), offset)
                .forEach(headers::add);
        outputs.add(new StageOutput(Topic.DEADLETTER, record.getKey(), record.getPayload(), headers, trace));
    }

    List<StageOutput> outputs() {
        return outputs;
    }

    /** The input's correlation id and ingest time; without a correlation id, the OpenTelemetry trace id stands in. */
    private Headers traceHeaders() {
        RecordHeaders headers = new RecordHeaders();
        Headers incoming = record.getHeaders();
        for (String name : new String[] {EventHeaders.TRACE_ID, EventHeaders.INGESTED_AT}) {
            Header header = incoming == null ? null : incoming.lastHeader(name);
            if (header != null) {
                headers.add(name, header.value());
            }
        }
        if (headers.lastHeader(EventHeaders.TRACE_ID) == null && span.getSpanContext().isValid()) {
            // a record from a producer that set no correlation id: its OpenTelemetry trace id is the one to search for
            headers.add(EventHeaders.TRACE_ID, span.getSpanContext().getTraceId().getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }
}
