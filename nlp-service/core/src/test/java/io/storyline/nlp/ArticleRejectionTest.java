package io.storyline.nlp;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Articles the analyzer refuses, with the reason the dead-letter record will carry. */
class ArticleRejectionTest {

    @Test
    void bodyOverTheSizeLimitIsRejectedBeforeAnalysis() {
        ArticleAnalyzer analyzer = ArticleAnalyzer.create(NlpSettings.defaults().withMaxDocumentChars(10_000));
        String body = "Putin spoke with Biden. ".repeat(1000);
        assertThatThrownBy(() -> analyzer.analyze(SeedArticles.article("big", "Big", body, "en", Instant.now())))
                .isInstanceOf(ArticleRejectedException.class)
                .hasMessageStartingWith("article too large: 24005 characters");
    }

    @Test
    void analysisOverTheTimeoutIsAbandoned() {
        // ~2 MB of prose: tokenising it alone takes far longer than 1 ms.
        String body = "Russian President Vladimir Putin spoke with U.S. President Joe Biden about Ukraine. ".repeat(24_000);
        ArticleAnalyzer roomy = ArticleAnalyzer.create(NlpSettings.defaults().withArticleTimeout(Duration.ofMillis(1))
                .withMaxDocumentChars(3_000_000).withCacheSize(0));
        assertThatThrownBy(() -> roomy.analyze(SeedArticles.article("slow", "Slow", body, "en", Instant.now())))
                .isInstanceOf(ArticleRejectedException.class)
                .hasMessageContaining("per-article timeout of 1 ms");
    }
}
