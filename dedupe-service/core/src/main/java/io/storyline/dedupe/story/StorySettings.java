package io.storyline.dedupe.story;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of online event and storyline clustering.
 *
 * @param events            the event decision, its weights and threshold ({@link SameEventRule})
 * @param storylines        the storyline decision ({@link StorylineRule})
 * @param quietPeriod       an event closes, and leaves memory, when nothing joined it for this long (stream time)
 * @param maxCandidates     events (and storylines) scored per article, best retrieved first
 * @param retrievalTerms    content terms of an article used as index keys (its highest TF-IDF terms)
 * @param retrievalEntities entities of an article used as index keys (most mentioned first)
 * @param maxPostings       index keys shared by more open events than this are too common to retrieve by
 * @param maxCentroidTerms  centroid terms kept per event and sub-vector (lightest dropped), bounding memory
 * @param summaryEntities   entities listed in an event or storyline snapshot
 */
public record StorySettings(
        SameEventRule events,
        StorylineRule storylines,
        Duration quietPeriod,
        int maxCandidates,
        int retrievalTerms,
        int retrievalEntities,
        int maxPostings,
        int maxCentroidTerms,
        int summaryEntities) {

    public StorySettings {
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(storylines, "storylines");
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("quietPeriod must be positive");
        }
        if (maxCandidates < 1 || retrievalTerms < 0 || retrievalEntities < 0 || retrievalTerms + retrievalEntities < 1
                || maxPostings < 1 || maxCentroidTerms < 1 || summaryEntities < 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
    }

    public static StorySettings defaults() {
        return new StorySettings(SameEventRule.defaults(), StorylineRule.defaults(), Duration.ofDays(3),
                48, 15, 10, 400, 1500, 10);
    }

    /** The event threshold. */
    public double joinThreshold() {
        return events.threshold();
    }

    public StorySettings withJoinThreshold(double threshold) {
        return withEvents(events.withThreshold(threshold));
    }

    public StorySettings withStorylineThreshold(double threshold) {
        return withStorylines(storylines.withThreshold(threshold));
    }

    public StorySettings withEvents(SameEventRule rule) {
        return new StorySettings(rule, storylines, quietPeriod, maxCandidates, retrievalTerms, retrievalEntities,
                maxPostings, maxCentroidTerms, summaryEntities);
    }

    public StorySettings withStorylines(StorylineRule rule) {
        return new StorySettings(events, rule, quietPeriod, maxCandidates, retrievalTerms, retrievalEntities,
                maxPostings, maxCentroidTerms, summaryEntities);
    }

    public StorySettings withQuietPeriod(Duration quiet) {
        return new StorySettings(events, storylines, quiet, maxCandidates, retrievalTerms, retrievalEntities,
                maxPostings, maxCentroidTerms, summaryEntities);
    }
}
