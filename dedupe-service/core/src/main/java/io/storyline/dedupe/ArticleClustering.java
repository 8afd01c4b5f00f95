package io.storyline.dedupe;

import io.storyline.dedupe.nearduplicate.NearDuplicate;
import io.storyline.dedupe.nearduplicate.NearDuplicateDetector;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.EventTime;
import io.storyline.dedupe.story.StoryClusterer;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.events.Article;
import io.storyline.events.ClusteredArticle;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The whole decision for one enriched article: a near-duplicate of an earlier original joins that original's event;
 * any other article joins the best open event or starts one, and a new event joins the best open storyline or
 * starts one. Pure and single-threaded; the same input
 * order gives the same stories, so state can be rebuilt by replaying the topic.
 */
public final class ArticleClustering {
    private final NearDuplicateDetector nearDuplicates;
    private final StoryClusterer stories;

    public ArticleClustering(NearDuplicateSettings nd, StorySettings stories) {
        this.nearDuplicates = new NearDuplicateDetector(Objects.requireNonNull(nd, "near-duplicate settings"));
        this.stories = new StoryClusterer(Objects.requireNonNull(stories, "story settings"));
    }

    /**
     * Decides one article.
     *
     * @param now only stamped on Story.updatedAt and ClusteredArticle.clusteredAt, never used for decisions
     * @throws IllegalArgumentException when the article lacks what every decision needs (id, language)
     */
    public Decision process(EnrichedArticle enriched, Instant now) {
        validate(enriched);
        Article article = enriched.article();
        String language = enriched.language().code();
        Copy copy = nearDuplicateOf(enriched);
        String duplicateOf = copy == null ? null : copy.originalId();
        Double similarity = copy == null ? null : copy.similarity();
        StoryClusterer.Placement placement = stories.place(enriched, duplicateOf, similarity, now);
        // the detector's verdict stands even when the original's story has closed and the copy starts a new one;
        // a revisited article keeps the verdict it had
        if (placement.duplicateOf() != null && duplicateOf == null) {
            duplicateOf = placement.duplicateOf();
            similarity = placement.reason().textSimilarity();
        }
        ClusteredArticle clustered = new ClusteredArticle(article.id(), article.revision(), placement.storyId(),
                duplicateOf, similarity, article.url(), article.source(), article.title(), language,
                article.published(), article.received(), now, placement.reason(), placement.storylineId());
        return new Decision(clustered, placement.changedStories(), placement.changedStorylines());
    }

    /**
     * Rebuilds state from an article decided before (a restart replaying the input): changes the near-duplicate
     * index, stories and document frequencies exactly as {@link #process} did, without building the outcome or
     * the story snapshots, which a replay would discard.
     *
     * @throws IllegalArgumentException as {@link #process} does, for the same articles
     */
    public void replay(EnrichedArticle enriched) {
        validate(enriched);
        Copy copy = nearDuplicateOf(enriched);
        stories.replay(enriched, copy == null ? null : copy.originalId(), copy == null ? null : copy.similarity());
    }

    private record Copy(String originalId, double similarity) {
    }

    /** The detector's verdict, which also files the article in its index; null when it is no copy. */
    private Copy nearDuplicateOf(EnrichedArticle enriched) {
        Article article = enriched.article();
        // an article seen before (redelivery or new revision) keeps its story; the detector must not call it its own copy.
        // copies arrive close together, so the detector's window runs on arrival (stream) time, not on event
        // times that a dateline may set weeks back
        EventTime time = EventTime.of(enriched);
        Instant windowTime = time.arrival() != null ? time.arrival() : time.at();
        if (stories.storyOf(article.id()).isEmpty() && windowTime != null) {
            Optional<NearDuplicate> copy = nearDuplicates.observe(article.id(), enriched.language().code(), article.source(),
                    article.title(), article.text(), windowTime);
            if (copy.isPresent() && !copy.get().originalId().equals(article.id())) {
                return new Copy(copy.get().originalId(), copy.get().similarity());
            }
        }
        return null;
    }

    public int openStories() {
        return stories.openStories();
    }

    public int openStorylines() {
        return stories.openStorylines();
    }

    /** Articles in the near-duplicate detector's window. */
    public int nearDuplicateIndexSize() {
        return nearDuplicates.size();
    }

    /** Estimated memory of the near-duplicate detector's index, in bytes. */
    public long nearDuplicateIndexBytes() {
        return nearDuplicates.estimatedBytes();
    }

    /**
     * @param clustered      the outcome for the article
     * @param changedStories    event snapshots to publish, usually one; events closed (and evicted) by this step come first
     * @param changedStorylines storyline snapshots to publish after them: the storylines of those events
     */
    public record Decision(ClusteredArticle clustered, List<Story> changedStories, List<Storyline> changedStorylines) {
    }

    private static void validate(EnrichedArticle enriched) {
        if (enriched == null || enriched.article() == null) {
            throw new IllegalArgumentException("enriched article without its article");
        }
        Article article = enriched.article();
        if (article.id() == null || article.id().isBlank()) {
            throw new IllegalArgumentException("article without id");
        }
        if (enriched.language() == null || enriched.language().code() == null || enriched.language().code().isBlank()) {
            throw new IllegalArgumentException("article " + article.id() + " has no detected language");
        }
    }
}
