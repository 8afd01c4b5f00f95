package io.storyline.ingest.intake;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storyline.ingest.article.ArticleLimits;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@code storyline.ingest.*}: limits, idempotency state and authentication; every key has an env var twin. */
@ConfigMapping(prefix = "storyline.ingest")
public interface IngestConfig {

    Limits limits();

    Ledger ledger();

    Auth auth();

    Batch batch();

    interface Limits {
        /** Largest body of POST /articles, /articles/text and of one NDJSON line or news.scraped record. */
        @WithDefault("1048576")
        int maxArticleBytes();

        @WithDefault("268435456")
        long maxBatchBytes();

        @WithDefault("50000")
        int maxBatchLines();

        @WithDefault("10485760")
        int maxFeedBytes();

        @WithDefault("1000")
        int maxTitleChars();

        @WithDefault("500000")
        int maxTextChars();

        @WithDefault("2048")
        int maxUrlChars();

        /** Source, author, section, feed id. */
        @WithDefault("256")
        int maxFieldChars();

        @WithDefault("http,https")
        Set<String> allowedUrlSchemes();

        /** Published times older than this are implausible ("decades old") and replaced by the received time. */
        @WithDefault("P3650D")
        Duration maxPublishedAge();

        /** Allowed clock skew into the future for published times. */
        @WithDefault("PT1H")
        Duration maxPublishedFuture();
    }

    interface Ledger {
        @WithDefault("1000000")
        long maxArticles();

        @WithDefault("P7D")
        Duration retention();

        /** Replay news.articles.raw at startup to rebuild the ledger, for at most this long (0 = do not). */
        @WithDefault("PT60S")
        Duration recoveryTimeout();

        /**
         * Keep reading news.articles.raw after the startup replay, so that what other replicas publish is known here
         * too (a resend reaching another replica is then a duplicate, a changed body the next revision).
         */
        @WithDefault("true")
        boolean follow();
    }

    interface Auth {
        @WithDefault("false")
        boolean enabled();

        Optional<List<String>> apiKeys();

        @WithDefault("X-API-Key")
        String header();
    }

    interface Batch {
        /** NDJSON lines of one request awaiting the Kafka acknowledgement at once. */
        @WithDefault("1024")
        int maxInFlight();
    }

    default ArticleLimits articleLimits() {
        Limits l = limits();
        return new ArticleLimits(l.maxTitleChars(), l.maxTextChars(), l.maxUrlChars(), l.maxFieldChars(),
                Set.copyOf(l.allowedUrlSchemes().stream().map(s -> s.strip().toLowerCase(java.util.Locale.ROOT)).toList()),
                l.maxPublishedAge(), l.maxPublishedFuture());
    }
}
