package io.storyline.runtime.observability;

import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import org.jboss.logging.MDC;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleLogContextTest {

    private static final SpanContext SPAN = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
            TraceFlags.getSampled(), TraceState.getDefault());

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void putsTheArticleAndTraceInTheMdcAndRestoresWhatWasThere() {
        MDC.put(ArticleLogContext.ARTICLE_ID, "outer");
        try (ArticleLogContext log = ArticleLogContext.open("a-1", SPAN)) {
            assertThat(MDC.get("articleId")).isEqualTo("a-1");
            assertThat(MDC.get("traceId")).isEqualTo("0af7651916cd43dd8448eb211c80319c");
            assertThat(MDC.get("spanId")).isEqualTo("b7ad6b7169203331");
        }
        assertThat(MDC.get("articleId")).isEqualTo("outer");
        assertThat(MDC.get("traceId")).isNull();
        assertThat(MDC.get("spanId")).isNull();
    }

    @Test
    void anInvalidSpanLeavesNoTraceIds() {
        try (ArticleLogContext log = ArticleLogContext.open("a-2", SpanContext.getInvalid())) {
            assertThat(MDC.get("articleId")).isEqualTo("a-2");
            assertThat(MDC.get("traceId")).isNull();
        }
        assertThat(MDC.get("articleId")).isNull();
    }
}
