package io.storyline.runtime.observability;

import io.opentelemetry.api.trace.SpanContext;
import org.jboss.logging.MDC;

/**
 * Puts the article id and the trace and span ids in the logging MDC for the work on one article, so every log line
 * about it (JSON in %prod: {@code mdc.articleId}, {@code mdc.traceId}) can be found by either. Restores what was there.
 */
public final class ArticleLogContext implements AutoCloseable {

    public static final String ARTICLE_ID = "articleId";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";

    private final Object previousArticle;
    private final Object previousTrace;
    private final Object previousSpan;

    private ArticleLogContext(String articleId, SpanContext span) {
        previousArticle = MDC.get(ARTICLE_ID);
        previousTrace = MDC.get(TRACE_ID);
        previousSpan = MDC.get(SPAN_ID);
        put(ARTICLE_ID, articleId);
        if (span != null && span.isValid()) {
            put(TRACE_ID, span.getTraceId());
            put(SPAN_ID, span.getSpanId());
        }
    }

    public static ArticleLogContext open(String articleId, SpanContext span) {
        return new ArticleLogContext(articleId, span);
    }

    @Override
    public void close() {
        put(ARTICLE_ID, previousArticle);
        put(TRACE_ID, previousTrace);
        put(SPAN_ID, previousSpan);
    }

    private static void put(String key, Object value) {
        if (value == null) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
