package io.storyline.dedupe.story;

import io.storyline.events.Article;
import io.storyline.events.Dateline;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.TimeSource;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;

/**
 * When an article's event happened, and how far that can be trusted.
 *
 * @param at       the event time; null when the article carries no time at all
 * @param evidence where it came from
 * @param arrival  when the system received the article (stream time), or null
 */
public record EventTime(Instant at, Evidence evidence, Instant arrival) {

    public enum Evidence {
        /** A dateline in the text names the day ("Moscow, January 26"): strong, day-precise. */
        DATELINE,
        /** The feed or sender gave a plausible publication time. */
        FEED,
        /** Only the receipt time is known: it bounds the event from above and must not split a story. */
        RECEIVED;

        public boolean datesTheEvent() {
            return this != RECEIVED;
        }
    }

    public static EventTime of(EnrichedArticle enriched) {
        Article article = enriched.article();
        Instant arrival = article.received() != null ? article.received() : article.published();
        Dateline dateline = enriched.dateline();
        if (dateline != null && dateline.date() != null) {
            return new EventTime(dateline.date().atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC), Evidence.DATELINE, arrival);
        }
        if (article.published() != null && article.publishedSource() == TimeSource.FEED) {
            return new EventTime(article.published(), Evidence.FEED, arrival);
        }
        if (article.published() != null && article.publishedSource() == TimeSource.DATELINE) {
            return new EventTime(article.published(), Evidence.DATELINE, arrival);
        }
        return new EventTime(arrival, Evidence.RECEIVED, arrival);
    }
}
