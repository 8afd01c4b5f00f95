package io.storyline.ingest.article;

import java.time.Duration;
import java.util.Set;

/**
 * What the normaliser accepts. Built from configuration by the service; tests build it directly.
 *
 * @param maxPublishedAge    a published time older than this before receipt is treated as absurd
 * @param maxPublishedFuture a published time further than this after receipt is treated as absurd
 */
public record ArticleLimits(
        int maxTitleChars,
        int maxTextChars,
        int maxUrlChars,
        int maxFieldChars,
        Set<String> allowedUrlSchemes,
        Duration maxPublishedAge,
        Duration maxPublishedFuture) {

    public static ArticleLimits defaults() {
        return new ArticleLimits(1_000, 500_000, 2_048, 256, Set.of("http", "https"),
                Duration.ofDays(3_650), Duration.ofHours(1));
    }
}
