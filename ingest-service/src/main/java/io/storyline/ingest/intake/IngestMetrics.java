package io.storyline.ingest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.storyline.events.IngestChannel;
import io.storyline.events.Topic;
import io.storyline.ingest.article.Rejection;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code storyline_ingest_articles_total{outcome, channel, source, reason}}: accepted, duplicate, revision, rejected
 * (by reason) and failed (Kafka did not acknowledge), per source and ingest channel; and the pipeline meters every
 * service has ({@link PipelineMetrics}): articles in per ingest channel, records out per topic, news.scraped records
 * dead-lettered, and the latency of the normalise and publish stages.
 */
@ApplicationScoped
public class IngestMetrics {

    static final String NAME = "storyline.ingest.articles";
    static final String LEDGER = "storyline.ingest.ledger";
    /** Sources are chosen by senders; past this many distinct values they are counted as "other". */
    private static final int MAX_SOURCES = 500;
    private static final String NONE = "none";

    @Inject
    MeterRegistry registry;

    @Inject
    PipelineMetrics pipeline;

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
        if (channel == IngestChannel.KAFKA) {
            // a refused news.scraped record goes to news.deadletter as it came
            pipeline.recordFailed(channelTag(channel), Topic.SCRAPED.topicName(), rejection.reason().code());
            pipeline.recordOut("deadletter", Topic.DEADLETTER.topicName());
        }
    }

    /** An article offered on {@code channel}, whatever becomes of it. */
    public void received(IngestChannel channel) {
        pipeline.recordIn(channelTag(channel), channel == IngestChannel.KAFKA ? Topic.SCRAPED.topicName() : "none");
    }

    public void published() {
        pipeline.recordOut("articles-raw", Topic.ARTICLES_RAW.topicName());
    }

    /**
     * {@code storyline.ingest.ledger.applied} (revisions read back from news.articles.raw into the ledger, this
     * replica's own and the others'), {@code storyline.ingest.ledger.lag} (records of news.articles.raw not read yet)
     * and {@code storyline.ingest.ledger.size} (ids known).
     */
    public void ledgerFollower(LedgerFollower follower, java.util.function.LongSupplier size) {
        io.micrometer.core.instrument.FunctionCounter.builder(LEDGER + ".applied", follower, LedgerFollower::applied)
                .description("Article revisions read back from news.articles.raw into the revision ledger")
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder(LEDGER + ".lag", follower, f -> f.lag() < 0 ? Double.NaN : f.lag())
                .description("Records of news.articles.raw the revision ledger has not read yet")
                .strongReference(true)
                .register(registry);
        io.micrometer.core.instrument.Gauge.builder(LEDGER + ".size", size, s -> s.getAsLong())
                .description("Article ids the revision ledger knows")
                .strongReference(true)
                .register(registry);
    }

    /**
     * {@code storyline.ingest.ledger.delay}: from a record's send (its timestamp) to its application to this
     * replica's ledger; the window in which a resend reaching this replica is not yet recognised.
     */
    public java.util.function.LongConsumer ledgerDelay() {
        io.micrometer.core.instrument.Timer timer = io.micrometer.core.instrument.Timer.builder(LEDGER + ".delay")
                .description("From a news.articles.raw record's send to its application to the revision ledger")
                .publishPercentiles(0.5, 0.99)
                .register(registry);
        return millis -> timer.record(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Latency histogram of one intake stage: normalise, publish (until Kafka acknowledged). */
    public io.micrometer.core.instrument.Timer stage(String stage) {
        return pipeline.stage(stage);
    }

    /** The input channel as the other services name theirs: the messaging channel for Kafka, else the ingest channel. */
    private static String channelTag(IngestChannel channel) {
        return channel == IngestChannel.KAFKA ? "scraped" : channel.name().toLowerCase(Locale.ROOT);
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
