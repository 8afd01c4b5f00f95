package io.storyline.dedupe.story;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The days an English news text names: "April 13", "13 April 2021", "Dec. 11", "MARCH 13, 2013", and weekdays
 * ("on Tuesday"). A date without a year, or a weekday, is resolved against a reference day: the nearest such day
 * at or before it (news reports what has happened), allowing a day ahead for time zones. A weekday is resolved only
 * within the week before a day-precise reference, never against a mere receipt time.
 * <p>
 * Pure: no clock. A text of 20 KB costs a few tens of microseconds (two regex passes).
 */
public final class TextDates {
    private static final String MONTH = "(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    /** Month day[, year]: "April 13", "Dec. 11, 2005", "MARCH 13, 2013". */
    private static final Pattern MONTH_DAY = Pattern.compile("\\b" + MONTH + "\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+((?:19|20)\\d{2})\\b)?",
            Pattern.CASE_INSENSITIVE);
    /** Day month[ year]: "13 April", "13th of April 2021". */
    private static final Pattern DAY_MONTH = Pattern.compile("\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "\\b\\.?(?:,?\\s+((?:19|20)\\d{2})\\b)?",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WEEKDAY = Pattern.compile("\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("feb", 2), Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5),
            Map.entry("jun", 6), Map.entry("jul", 7), Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10),
            Map.entry("nov", 11), Map.entry("dec", 12));

    /**
     * One day named by the text.
     *
     * @param date     the day, resolved
     * @param offset   where it is named (character offset)
     * @param explicit its year is written out; otherwise it was resolved against the reference
     */
    public record Mention(LocalDate date, int offset, boolean explicit) {
    }

    private TextDates() {
    }

    /** Calendar dates written with a year: they need no reference. */
    public static List<Mention> explicitDates(String text) {
        List<Mention> out = new ArrayList<>();
        for (Mention m : calendarDates(text, null)) {
            if (m.explicit()) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * Every day the text names, in text order.
     *
     * @param reference     the article's own day, against which dates without a year are resolved; null resolves none
     * @param weekdays      whether weekdays may be resolved against it (only when it is day-precise)
     */
    public static List<Mention> mentions(String text, LocalDate reference, boolean weekdays) {
        List<Mention> out = new ArrayList<>(calendarDates(text, reference));
        if (weekdays && reference != null && text != null) {
            Matcher m = WEEKDAY.matcher(text);
            while (m.find()) {
                if (!capitalised(m.group(1))) {
                    continue;
                }
                DayOfWeek day = DayOfWeek.valueOf(m.group(1).toUpperCase(Locale.ROOT));
                out.add(new Mention(reference.plusDays(1).with(TemporalAdjusters.previous(day)), m.start(), false));
            }
        }
        out.sort((a, b) -> Integer.compare(a.offset(), b.offset()));
        return out;
    }

    private static List<Mention> calendarDates(String text, LocalDate reference) {
        List<Mention> out = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return out;
        }
        Matcher m = MONTH_DAY.matcher(text);
        while (m.find()) {
            add(out, m.group(1), m.group(2), m.group(3), m.start(), reference);
        }
        m = DAY_MONTH.matcher(text);
        while (m.find()) {
            add(out, m.group(2), m.group(1), m.group(3), m.start(), reference);
        }
        return out;
    }

    private static void add(List<Mention> out, String monthName, String dayText, String yearText, int offset, LocalDate reference) {
        // "may" and "march" are also words: only a capitalised month counts
        if (!capitalised(monthName)) {
            return;
        }
        Integer month = MONTHS.get(monthName.substring(0, 3).toLowerCase(Locale.ROOT));
        int day = Integer.parseInt(dayText);
        if (month == null || day < 1 || day > 31) {
            return;
        }
        try {
            if (yearText != null) {
                out.add(new Mention(LocalDate.of(Integer.parseInt(yearText), month, day), offset, true));
            } else if (reference != null) {
                LocalDate candidate = LocalDate.of(reference.getYear(), month, Math.min(day, 28)).withDayOfMonth(day);
                if (candidate.isAfter(reference.plusDays(1))) {
                    candidate = candidate.minusYears(1);
                }
                out.add(new Mention(candidate, offset, false));
            }
        } catch (DateTimeException impossible) {
            // "February 30": not a date
        }
    }

    private static boolean capitalised(String word) {
        return Character.isUpperCase(word.charAt(0));
    }
}
