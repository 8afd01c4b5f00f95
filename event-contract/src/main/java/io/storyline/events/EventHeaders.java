package io.storyline.events;

/** Kafka record header names shared by every stage. */
public final class EventHeaders {
    /** Correlation id of the article, set by ingest and copied by every stage. */
    public static final String TRACE_ID = "storyline-trace-id";
    /** Ingest's acceptance time (epoch millis, decimal text), for end-to-end latency. */
    public static final String INGESTED_AT = "storyline-ingested-at";
    /** Content type of the value, e.g. application/json. */
    public static final String CONTENT_TYPE = "content-type";

    /** Dead-letter headers: why, where and in which stage a record failed. */
    public static final String DLQ_REASON = "dead-letter-reason";
    /** The exception class name, when an exception was the cause; absent otherwise. */
    public static final String DLQ_CAUSE = "dead-letter-cause";
    /** A short machine-readable reason code (e.g. ingest's {@code malformed-json}, nlp's {@code unreadable}). */
    public static final String DLQ_CODE = "dead-letter-code";
    public static final String DLQ_STAGE = "dead-letter-stage";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";

    private EventHeaders() {
    }

    /**
     * The headers of a dead letter, in the order they are written: why it failed (in words, as a code, and the
     * exception class when there was one), in which stage, and where the original record was.
     */
    public static java.util.Map<String, byte[]> deadLetter(String reason, String code, Throwable cause, String stage, String topic,
            int partition, long offset) {
        java.util.Map<String, byte[]> headers = new java.util.LinkedHashMap<>();
        headers.put(DLQ_REASON, utf8(reason));
        headers.put(DLQ_CODE, utf8(code));
        if (cause != null) {
            headers.put(DLQ_CAUSE, utf8(cause.getClass().getName()));
        }
        headers.put(DLQ_STAGE, utf8(stage));
        headers.put(DLQ_TOPIC, utf8(topic));
        headers.put(DLQ_PARTITION, utf8(Integer.toString(partition)));
        headers.put(DLQ_OFFSET, utf8(Long.toString(offset)));
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }
}
