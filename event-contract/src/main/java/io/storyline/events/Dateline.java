package io.storyline.events;

import java.time.LocalDate;

/**
 * A dateline found at the start of the text, e.g. "Moscow, April 13 (Xinhua)".
 *
 * @param place place named by the dateline
 * @param date  the date, its year resolved from the article's published/received time; null if none given
 * @param text  the dateline as written
 */
public record Dateline(String place, LocalDate date, String text) {
}
