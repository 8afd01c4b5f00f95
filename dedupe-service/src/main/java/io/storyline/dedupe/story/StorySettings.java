package io.storyline.dedupe.story;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of online story clustering.
 *
 * @param joinThreshold      minimum combined score for an article to join an existing story, else it starts one
 * @param bodyWeight         weight of the TF-IDF cosine between the article's content terms and the story's centroid
 * @param titleWeight        weight of the TF-IDF cosine between headline tokens and the story's headline centroid
 * @param entityWeight       weight of the IDF-weighted cosine of canonical entities
 * @param timeGrace          event-time distance that costs nothing (datelines are day-precise, time zones differ)
 * @param timeScale          beyond the grace, the distance at which the time factor halves; events are short
 * @param arrivalTolerance   distance in arrival time tolerated when an article's event time is only its receipt time
 * @param quietPeriod        a story closes, and leaves memory, when nothing joined it for this long (stream time)
 * @param maxCandidates      stories scored per article, best retrieved first
 * @param retrievalTerms     content terms of an article used as index keys (its highest TF-IDF terms)
 * @param retrievalEntities  entities of an article used as index keys (most mentioned first)
 * @param maxPostings        index keys shared by more open stories than this are too common to retrieve by
 * @param maxCentroidTerms   centroid terms kept per story and sub-vector (lightest dropped), bounding memory
 * @param summaryEntities    entities listed in a story snapshot
 */
public record StorySettings(
        double joinThreshold,
        double bodyWeight,
        double titleWeight,
        double entityWeight,
        Duration timeGrace,
        Duration timeScale,
        Duration arrivalTolerance,
        Duration quietPeriod,
        int maxCandidates,
        int retrievalTerms,
        int retrievalEntities,
        int maxPostings,
        int maxCentroidTerms,
        int summaryEntities) {

    public StorySettings {
        if (!(joinThreshold > 0 && joinThreshold < 1)) {
            throw new IllegalArgumentException("joinThreshold must be in (0, 1): " + joinThreshold);
        }
        if (bodyWeight < 0 || titleWeight < 0 || entityWeight < 0 || bodyWeight + titleWeight + entityWeight <= 0) {
            throw new IllegalArgumentException("weights must be >= 0 with a positive sum");
        }
        for (Duration d : new Duration[] {timeGrace, timeScale, arrivalTolerance, quietPeriod}) {
            Objects.requireNonNull(d, "durations must be given");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (timeScale.isZero() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("timeScale and quietPeriod must be positive");
        }
        if (maxCandidates < 1 || retrievalTerms < 0 || retrievalEntities < 0 || retrievalTerms + retrievalEntities < 1
                || maxPostings < 1 || maxCentroidTerms < 1 || summaryEntities < 0) {
            throw new IllegalArgumentException("counts must be positive");
        }
    }

    public static StorySettings defaults() {
        return new StorySettings(0.12, 0.5, 0.2, 0.3,
                Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(3),
                48, 15, 10, 400, 1500, 10);
    }

    public StorySettings withJoinThreshold(double threshold) {
        return new StorySettings(threshold, bodyWeight, titleWeight, entityWeight, timeGrace, timeScale,
                arrivalTolerance, quietPeriod, maxCandidates, retrievalTerms, retrievalEntities, maxPostings,
                maxCentroidTerms, summaryEntities);
    }

    public StorySettings withQuietPeriod(Duration quiet) {
        return new StorySettings(joinThreshold, bodyWeight, titleWeight, entityWeight, timeGrace, timeScale,
                arrivalTolerance, quiet, maxCandidates, retrievalTerms, retrievalEntities, maxPostings,
                maxCentroidTerms, summaryEntities);
    }

    public StorySettings withWeights(double body, double title, double entity) {
        return new StorySettings(joinThreshold, body, title, entity, timeGrace, timeScale,
                arrivalTolerance, quietPeriod, maxCandidates, retrievalTerms, retrievalEntities, maxPostings,
                maxCentroidTerms, summaryEntities);
    }
}
