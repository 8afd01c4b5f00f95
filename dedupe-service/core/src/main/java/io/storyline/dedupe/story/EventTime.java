package io.storyline.dedupe.story;

import io.storyline.events.Article;
import io.storyline.events.Dateline;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.TimeSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * When an article's event happened, and how far that can be trusted.
 * <p>
 * The article's own day is its dateline's day, else its feed time, else the latest date its text writes out with a
 * year ("PUBLISHED: WEDNESDAY, MARCH 13, 2013"), else its receipt time. The event's day is the first day its lead
 * (headline and first paragraph) names within {@link #LEAD_LOOKBACK_DAYS} before that (within a year before a
 * receipt time) ("on Saturday", "April 12"),
 * resolved against the article's own day; without one, the article's own day. Only a receipt time says nothing of
 * the event: it bounds it from above.
 *
 * @param at       the event time; null when the article carries no time at all
 * @param evidence where it came from
 * @param arrival  when the system received the article (stream time), or null
 */
public record EventTime(Instant at, Evidence evidence, Instant arrival) {
    /** Characters of the text, after the headline, that count as the lead. */
    static final int LEAD_CHARS = 600;
    /** A lead names the event's day within this many days before the article's own day. */
    static final int LEAD_LOOKBACK_DAYS = 10;
    /** Before a receipt time (a file read long after it was written, a replay), any day of the past year. */
    static final int RECEIPT_LOOKBACK_DAYS = 366;

    public enum Evidence {
        /** A dateline in the text names the day ("Moscow, January 26"): strong, day-precise. */
        DATELINE,
        /** The feed or sender gave a plausible publication time. */
        FEED,
        /** The text names the day ("on April 12", "MARCH 13, 2013"): day-precise. */
        TEXT,
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
            return new EventTime(noon(dateline.date()), Evidence.DATELINE, arrival);
        }
        if (article.published() != null && article.publishedSource() == TimeSource.DATELINE) {
            return new EventTime(article.published(), Evidence.DATELINE, arrival);
        }
        String lead = lead(article);
        if (article.published() != null && article.publishedSource() == TimeSource.FEED) {
            LocalDate own = day(article.published());
            LocalDate named = firstLeadDay(lead, own, true, LEAD_LOOKBACK_DAYS);
            return new EventTime(named != null ? noon(named) : article.published(), Evidence.FEED, arrival);
        }
        LocalDate written = latestWrittenDay(article.title() + "\n\n" + article.text(), arrival);
        if (written != null) {
            LocalDate named = firstLeadDay(lead, written, true, LEAD_LOOKBACK_DAYS);
            return new EventTime(noon(named != null ? named : written), Evidence.TEXT, arrival);
        }
        return new EventTime(arrival, Evidence.RECEIVED, arrival);
    }

    private static String lead(Article article) {
        String title = article.title() == null ? "" : article.title();
        String text = article.text() == null ? "" : article.text();
        return title + "\n\n" + text.substring(0, Math.min(text.length(), LEAD_CHARS));
    }

    private static LocalDate firstLeadDay(String lead, LocalDate own, boolean weekdays, int lookbackDays) {
        for (TextDates.Mention m : TextDates.mentions(lead, own, weekdays)) {
            if (!m.date().isAfter(own.plusDays(1)) && !m.date().isBefore(own.minusDays(lookbackDays))) {
                return m.date();
            }
        }
        return null;
    }

    /** The latest day written out with its year and not after the receipt (a plan for next year is no date of this article). */
    private static LocalDate latestWrittenDay(String text, Instant arrival) {
        List<TextDates.Mention> written = TextDates.explicitDates(text);
        LocalDate limit = arrival == null ? null : day(arrival).plusDays(1);
        LocalDate latest = null;
        for (TextDates.Mention m : written) {
            if ((limit == null || !m.date().isAfter(limit)) && (latest == null || m.date().isAfter(latest))) {
                latest = m.date();
            }
        }
        return latest;
    }

    private static LocalDate day(Instant t) {
        return t.atZone(ZoneOffset.UTC).toLocalDate();
    }

    private static Instant noon(LocalDate d) {
        return d.atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC);
    }
}
