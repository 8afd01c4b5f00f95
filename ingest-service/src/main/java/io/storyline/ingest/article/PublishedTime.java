package io.storyline.ingest.article;

import com.rometools.rome.io.impl.DateParser;
import io.storyline.events.TimeSource;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The event time of an article: the sender's publication time when it parses and is plausible, else the time
 * ingest received the article. Which one was used is recorded in {@link io.storyline.events.Article#publishedSource()}.
 */
public final class PublishedTime {

    private static final Pattern DIGITS = Pattern.compile("-?\\d{1,15}");
    private static final int MAX_CHARS = 80;

    /**
     * @param note why the sender's time was not used, or null
     */
    public record Choice(Instant published, TimeSource source, String note) {
    }

    private PublishedTime() {
    }

    /** Parses RFC 3339 / ISO 8601, RFC 1123 / RFC 822, W3C feed dates and epoch seconds or millis. */
    public static Optional<Instant> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String s = raw.strip();
        if (s.isEmpty() || s.length() > MAX_CHARS) {
            return Optional.empty();
        }
        if (DIGITS.matcher(s).matches()) {
            long n = Long.parseLong(s);
            // Below 10^11 a number can only be seconds (10^11 ms is 1973; 10^11 s is the year 5138).
            return Optional.of(Math.abs(n) < 100_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n));
        }
        for (var attempt : ATTEMPTS) {
            try {
                return Optional.of(attempt.parse(s));
            } catch (DateTimeParseException | ArithmeticException ignored) {
                // try the next format
            }
        }
        try {
            Date date = DateParser.parseDate(s, Locale.US);
            return Optional.ofNullable(date).map(Date::toInstant);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Chooses the event time for an article received at {@code received}. */
    public static Choice choose(String raw, Instant received, ArticleLimits limits) {
        if (raw == null || raw.isBlank()) {
            return new Choice(received, TimeSource.RECEIVED, null);
        }
        Optional<Instant> parsed = parse(raw);
        if (parsed.isEmpty()) {
            return new Choice(received, TimeSource.RECEIVED, "published: unrecognised time format, used the received time");
        }
        return choose(parsed.get(), received, limits);
    }

    public static Choice choose(Instant published, Instant received, ArticleLimits limits) {
        if (published == null) {
            return new Choice(received, TimeSource.RECEIVED, null);
        }
        if (published.isAfter(received.plus(limits.maxPublishedFuture()))) {
            return new Choice(received, TimeSource.RECEIVED, "published: " + published + " is in the future, used the received time");
        }
        if (published.isBefore(received.minus(limits.maxPublishedAge()))) {
            return new Choice(received, TimeSource.RECEIVED, "published: " + published + " is implausibly old, used the received time");
        }
        return new Choice(published, TimeSource.FEED, null);
    }

    @FunctionalInterface
    private interface Attempt {
        Instant parse(String s);
    }

    private static final Attempt[] ATTEMPTS = {
            s -> OffsetDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant(),
            s -> ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant(),
            // Without a zone the sender's local time is unknown; UTC is the least surprising reading.
            s -> LocalDateTime.parse(s.replace(' ', 'T'), DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC),
            s -> LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).atStartOfDay(ZoneOffset.UTC).toInstant(),
    };
}
