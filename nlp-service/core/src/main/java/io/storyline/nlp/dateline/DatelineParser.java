package io.storyline.nlp.dateline;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * English news datelines at the start of the body (or of the headline, for feeds that put the first
 * paragraph there): "MOSCOW, April 13 (Xinhua) --", "Xinhua News Agency, Moscow, April 13 (Reporter Wu Gang)",
 * "WASHINGTON (Reuters) -". A dateline without a year takes the latest year that does not put it after the
 * article's published time (plus a day for time zones).
 *
 * <p>A dateline also names its outlet when it has one: the agency it starts with ("China News Agency, Moscow,
 * April 13") or the wire credit in parentheses after it ("(Xinhua)", "(Reuters)", "(AP)"); a byline there
 * ("(Reporter Wu Gang)") is not one. {@link #findOutlet} also takes a bare credit that opens the text
 * ("(AFP) - ..."). Names are counted under one name each ({@code outlets.tsv}: "Xinhua News Agency" = "Xinhua").
 */
public final class DatelineParser {
    private static final String MONTH = "(?<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?"
            + "|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?";
    private static final String PLACE_WORD = "\\p{Lu}[\\p{L}.'’-]*";
    private static final String PLACE = PLACE_WORD + "(?:[ ](?:" + PLACE_WORD + "|de|del|la|el|am|an|upon|on))*";
    private static final String AGENCY = "(?:(?<agency>[\\p{L}]+(?: [\\p{L}]+){0,4} (?:News Agency|Agency|News Service|News)),\\s+)?";
    private static final String SOURCE = "\\((?<source>[^()\\n]{1,60})\\)";

    private static final Pattern WITH_DATE = Pattern.compile("^\\s*" + AGENCY + "(?<place>" + PLACE + ")"
            + "(?:,\\s+(?<region>" + PLACE + "))?,?\\s+" + MONTH + "\\s+(?<day>\\d{1,2})(?:st|nd|rd|th)?"
            + "(?:,?\\s+(?<year>\\d{4}))?\\b(?:\\s*" + SOURCE + ")?\\s*(?:[-–—:]+)?");
    private static final Pattern WITHOUT_DATE = Pattern.compile("^\\s*(?<place>\\p{Lu}[\\p{Lu}.'’-]+(?: \\p{Lu}[\\p{Lu}.'’-]+)*)"
            + "(?:,\\s+(?<region>" + PLACE + "))?\\s*" + SOURCE + "\\s*[-–—]+");
    /** A wire credit that opens the text without a place: "(AFP) - ", "(Reuters) — ". */
    private static final Pattern BARE_CREDIT = Pattern.compile("^\\s*" + SOURCE + "\\s*[-–—]+");

    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));

    /**
     * A dateline as written, before its year is resolved.
     *
     * @param outlet the agency or wire credit the dateline names, under its one name ("Xinhua"), or null
     */
    public record RawDateline(String place, MonthDay monthDay, Integer year, String text, String outlet) {
        public Optional<LocalDate> resolve(Instant reference) {
            if (monthDay == null) {
                return Optional.empty();
            }
            try {
                if (year != null) {
                    return Optional.of(monthDay.atYear(year));
                }
                if (reference == null) {
                    return Optional.empty();
                }
                // A dateline dates the report, so it is not after the reference, give or take a day of time
                // zones: "April 13" in an article received in November is this year's April 13, not next year's.
                LocalDate latestPossible = reference.atOffset(ZoneOffset.UTC).toLocalDate().plusDays(1);
                for (int y = latestPossible.getYear(); y >= latestPossible.getYear() - 4; y--) {
                    if (monthDay.isValidYear(y) && !monthDay.atYear(y).isAfter(latestPossible)) {
                        return Optional.of(monthDay.atYear(y));
                    }
                }
                return Optional.empty();
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
    }

    /** The dateline at the start of the body, else at the start of the headline. */
    public Optional<RawDateline> find(String title, String body) {
        Optional<RawDateline> found = parse(body);
        return found.isPresent() ? found : parse(title);
    }

    /**
     * The outlet the text credits at its start: the dateline's agency or credit at the start of the body, else a
     * bare credit there ("(AFP) - "), else the same at the start of the headline.
     */
    public Optional<String> findOutlet(String title, String body) {
        Optional<String> found = outlet(body);
        return found.isPresent() ? found : outlet(title);
    }

    /** The outlet a dateline or a bare wire credit at the start of {@code text} names. */
    public Optional<String> outlet(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Optional<RawDateline> dateline = parse(text);
        if (dateline.isPresent()) {
            return Optional.ofNullable(dateline.get().outlet());
        }
        Matcher m = BARE_CREDIT.matcher(head(text));
        return m.find() ? OutletNames.credit(m.group("source")) : Optional.empty();
    }

    public Optional<RawDateline> parse(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        String head = head(text);
        Matcher m = WITH_DATE.matcher(head);
        if (m.find()) {
            String place = m.group("place");
            if (MONTHS.containsKey(prefix(place)) && place.length() <= 9) {
                return Optional.empty();
            }
            int month = MONTHS.get(prefix(m.group("month")));
            int day = Integer.parseInt(m.group("day"));
            MonthDay monthDay;
            try {
                monthDay = MonthDay.of(month, day);
            } catch (DateTimeException e) {
                monthDay = null;
            }
            Integer year = m.group("year") == null ? null : Integer.valueOf(m.group("year"));
            String credit = m.group("source");
            String outlet = OutletNames.agency(m.group("agency")).or(() -> OutletNames.credit(credit)).orElse(null);
            return Optional.of(new RawDateline(placeName(place), monthDay, year, written(m), outlet));
        }
        m = WITHOUT_DATE.matcher(head);
        if (m.find()) {
            String outlet = OutletNames.credit(m.group("source")).orElse(null);
            return Optional.of(new RawDateline(placeName(m.group("place")), null, null, written(m), outlet));
        }
        return Optional.empty();
    }

    private static String head(String text) {
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static String prefix(String word) {
        return word.length() < 3 ? word.toLowerCase(Locale.ROOT) : word.substring(0, 3).toLowerCase(Locale.ROOT);
    }

    private static String written(Matcher m) {
        return m.group().strip().replaceAll("[\\s\\-–—:]+$", "").replaceAll("\\s+", " ");
    }

    /** "MOSCOW" becomes "Moscow"; mixed-case names are kept as written. */
    static String placeName(String place) {
        if (!place.equals(place.toUpperCase(Locale.ROOT))) {
            return place;
        }
        StringBuilder out = new StringBuilder(place.length());
        boolean start = true;
        for (char c : place.toCharArray()) {
            out.append(start ? c : Character.toLowerCase(c));
            start = c == ' ' || c == '-';
        }
        return out.toString();
    }
}
