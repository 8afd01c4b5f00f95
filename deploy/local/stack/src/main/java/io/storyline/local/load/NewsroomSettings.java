package io.storyline.local.load;

import java.time.Instant;

/**
 * How the synthetic newsroom behaves.
 *
 * @param duplicateShare       share of articles that are near-duplicate copies of an earlier wire story (0..1)
 * @param articlesPerEventMean mean number of independent write-ups per news event (>= 1; 1 means no shared events)
 * @param start                published time of the stream's first moment
 * @param articlesPerDay       mean articles published per 24 hours; the rate follows the clock (busy by day, quiet at night)
 */
public record NewsroomSettings(double duplicateShare, double articlesPerEventMean, Instant start, double articlesPerDay) {

    public static final Instant DEFAULT_START = Instant.parse("2026-04-13T00:00:00Z");

    public NewsroomSettings {
        if (!(duplicateShare >= 0 && duplicateShare < 1)) {
            throw new IllegalArgumentException("duplicateShare must be in [0, 1), not " + duplicateShare);
        }
        if (!(articlesPerEventMean >= 1)) {
            throw new IllegalArgumentException("articlesPerEventMean must be >= 1, not " + articlesPerEventMean);
        }
        if (start == null) {
            throw new IllegalArgumentException("start is required");
        }
        if (!(articlesPerDay > 0)) {
            throw new IllegalArgumentException("articlesPerDay must be > 0, not " + articlesPerDay);
        }
    }

    /** 15% wire copies, 4 write-ups per event on average, 20,000 articles a day, from 13 April 2026. */
    public static NewsroomSettings defaults() {
        return new NewsroomSettings(0.15, 4, DEFAULT_START, 20_000);
    }

    public NewsroomSettings withDuplicateShare(double share) {
        return new NewsroomSettings(share, articlesPerEventMean, start, articlesPerDay);
    }

    public NewsroomSettings withArticlesPerEventMean(double mean) {
        return new NewsroomSettings(duplicateShare, mean, start, articlesPerDay);
    }

    public NewsroomSettings withStart(Instant instant) {
        return new NewsroomSettings(duplicateShare, articlesPerEventMean, instant, articlesPerDay);
    }

    public NewsroomSettings withArticlesPerDay(double perDay) {
        return new NewsroomSettings(duplicateShare, articlesPerEventMean, start, perDay);
    }
}
