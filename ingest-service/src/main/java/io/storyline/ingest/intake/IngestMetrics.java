package io.storyline.ingest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code storyline_ingest_articles_total{outcome, channel, source, reason}}: accepted, duplicate, revision, rejected
 * (by reason) and failed (Kafka did not acknowledge), per source and ingest channel.
 */
@ApplicationScoped
public class IngestMetrics {

    static final String NAME = "storyline.ingest.articles";
    /** Sources are chosen by senders; past this many distinct values they are counted as "other". */
    private static final int MAX_SOURCES = 500;
    private static final String NONE = "none";

    @Inject
    MeterRegistry registry;

    private final Set<String> sources = ConcurrentHashMap.newKeySet();

    public void counted(String outcome, IngestChannel channel, String source, String reason) {
        Counter.builder(NAME)
                .description("Articles offered to ingest, by outcome")
                .tag("outcome", outcome)
                .tag("channel", channel.name().toLowerCase(Locale.ROOT))
                .tag("source", sourceTag(source))
                .tag("reason", reason == null ? NONE : reason)
                .register(registry)
                .increment();
    }

    public void rejected(Rejection rejection, IngestChannel channel, String source) {
        counted("rejected", channel, source, rejection.reason().code());
    }

    private String sourceTag(String source) {
        if (source == null || source.isBlank()) {
            return "unknown";
        }
        String tag = source.length() > 64 ? source.substring(0, 64) : source;
        if (sources.contains(tag)) {
            return tag;
        }
        if (sources.size() < MAX_SOURCES) {
            sources.add(tag);
            return tag;
        }
        return "other";
    }
}
