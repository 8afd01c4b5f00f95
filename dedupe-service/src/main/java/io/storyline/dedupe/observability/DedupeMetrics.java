package io.storyline.dedupe.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.storyline.events.ClusteredArticle;
import io.storyline.events.Story;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import io.storyline.events.MembershipReason;

/**
 * What dedupe-service decided, recorded at its Kafka edge:
 * <ul>
 * <li>{@code storyline_dedupe_decisions_total{kind}}: articles placed, by kind (new-story, near-duplicate, similar);</li>
 * <li>{@code storyline_dedupe_duplicates_total}: articles found to be a near-duplicate of an earlier one;</li>
 * <li>{@code storyline_dedupe_redeliveries_total}: deliveries of a revision already decided, absorbed without output;</li>
 * <li>{@code storyline_dedupe_story_articles}: articles in a story at each snapshot published (histogram);</li>
 * <li>{@code storyline_dedupe_stories_open}, {@code storyline_dedupe_nearduplicate_index_entries},
 * {@code storyline_dedupe_nearduplicate_index_bytes}: this instance's state after its last batch.</li>
 * </ul>
 * The state gauges read values the listener sets after each batch on its own thread, so a scrape never walks the
 * clustering state while it changes.
 */
@ApplicationScoped
public class DedupeMetrics {

    public static final String DECISIONS = "storyline.dedupe.decisions";
    public static final String DUPLICATES = "storyline.dedupe.duplicates";
    public static final String REDELIVERIES = "storyline.dedupe.redeliveries";
    public static final String STORY_ARTICLES = "storyline.dedupe.story.articles";
    public static final String STORIES_OPEN = "storyline.dedupe.stories.open";
    public static final String INDEX_ENTRIES = "storyline.dedupe.nearduplicate.index.entries";
    public static final String INDEX_BYTES = "storyline.dedupe.nearduplicate.index.bytes";

    private final Map<MembershipReason.Kind, Counter> decisions = new EnumMap<>(MembershipReason.Kind.class);
    private final Counter duplicates;
    private final Counter redeliveries;
    private final DistributionSummary storyArticles;
    private final AtomicLong openStories = new AtomicLong();
    private final AtomicLong indexEntries = new AtomicLong();
    private final AtomicLong indexBytes = new AtomicLong();

    public DedupeMetrics(MeterRegistry registry) {
        for (MembershipReason.Kind kind : MembershipReason.Kind.values()) {
            decisions.put(kind, Counter.builder(DECISIONS).description("articles placed in a story, by kind of decision")
                    .tag("kind", kind.name().toLowerCase(Locale.ROOT).replace('_', '-')).register(registry));
        }
        duplicates = Counter.builder(DUPLICATES).description("articles found to be near-duplicates of an earlier article").register(registry);
        redeliveries = Counter.builder(REDELIVERIES).description("deliveries of an article revision already decided, absorbed").register(registry);
        storyArticles = DistributionSummary.builder(STORY_ARTICLES).description("articles in a story, at each snapshot published")
                .serviceLevelObjectives(1, 2, 3, 5, 10, 20, 50, 100, 250).register(registry);
        Gauge.builder(STORIES_OPEN, openStories, AtomicLong::get).description("open stories held by this instance").register(registry);
        Gauge.builder(INDEX_ENTRIES, indexEntries, AtomicLong::get).description("articles in the near-duplicate windows").register(registry);
        Gauge.builder(INDEX_BYTES, indexBytes, AtomicLong::get).description("estimated memory of the near-duplicate indexes")
                .baseUnit("bytes").register(registry);
    }

    public void decided(ClusteredArticle clustered) {
        if (clustered.reason() != null && clustered.reason().kind() != null) {
            decisions.get(clustered.reason().kind()).increment();
        }
        if (clustered.duplicateOf() != null) {
            duplicates.increment();
        }
    }

    public void redelivered() {
        redeliveries.increment();
    }

    public void published(Story story) {
        storyArticles.record(story.articleCount());
    }

    /** This instance's clustering state, as the listener left it. */
    public void state(long open, long entries, long bytes) {
        openStories.set(open);
        indexEntries.set(entries);
        indexBytes.set(bytes);
    }
}
