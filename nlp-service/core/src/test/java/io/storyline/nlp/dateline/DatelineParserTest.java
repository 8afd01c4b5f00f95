package io.storyline.nlp.dateline;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class DatelineParserTest {
    private final DatelineParser parser = new DatelineParser();

    @Test
    void agencyDatelineTakesTheYearOfThePublishedTime() {
        DatelineParser.RawDateline d = parser.parse("MOSCOW, April 13 (Xinhua) -- Russian President Vladimir Putin...").orElseThrow();
        assertThat(d.place()).isEqualTo("Moscow");
        assertThat(d.text()).isEqualTo("MOSCOW, April 13 (Xinhua)");
        assertThat(d.resolve(Instant.parse("2021-04-14T02:00:00Z"))).contains(LocalDate.of(2021, 4, 13));
    }

    @Test
    void aDatelineIsNeverResolvedToADateAfterTheArticle() {
        DatelineParser.RawDateline d = parser.parse("Moscow, April 13 (Xinhua) Russian President Vladimir Putin").orElseThrow();
        assertThat(d.resolve(Instant.parse("2026-11-23T17:00:00Z"))).contains(LocalDate.of(2026, 4, 13));
        DatelineParser.RawDateline nextDay = parser.parse("SYDNEY, Nov. 24 (AP) -- Markets opened").orElseThrow();
        assertThat(nextDay.resolve(Instant.parse("2026-11-23T22:00:00Z"))).as("a time zone ahead").contains(LocalDate.of(2026, 11, 24));
    }

    @Test
    void aDatelineJustBeforeNewYearBelongsToTheOldYear() {
        DatelineParser.RawDateline d = parser.parse("Beijing, Dec. 31 (Xinhua) The year ended").orElseThrow();
        assertThat(d.resolve(Instant.parse("2022-01-01T03:00:00Z"))).contains(LocalDate.of(2021, 12, 31));
    }

    @Test
    void agencyPrefixAndReporterAreNotThePlace() {
        DatelineParser.RawDateline d = parser.parse("  Xinhua News Agency, Moscow, April 13 (Reporter Wu Gang) Russian President")
                .orElseThrow();
        assertThat(d.place()).isEqualTo("Moscow");
        assertThat(d.text()).isEqualTo("Xinhua News Agency, Moscow, April 13 (Reporter Wu Gang)");
    }

    @Test
    void datelineWithoutDate() {
        DatelineParser.RawDateline d = parser.parse("WASHINGTON (Reuters) - U.S. President Joe Biden").orElseThrow();
        assertThat(d.place()).isEqualTo("Washington");
        assertThat(d.monthDay()).isNull();
        assertThat(d.resolve(Instant.parse("2021-04-14T00:00:00Z"))).isEmpty();
    }

    @Test
    void explicitYearWins() {
        DatelineParser.RawDateline d = parser.parse("NEW YORK, March 3, 2019 (AP) — Stocks fell").orElseThrow();
        assertThat(d.place()).isEqualTo("New York");
        assertThat(d.resolve(Instant.parse("2021-04-14T00:00:00Z"))).contains(LocalDate.of(2019, 3, 3));
    }

    @Test
    void ordinarySentencesAreNoDateline() {
        assertThat(parser.parse("Biden, Putin discuss future summit over the phone")).isEmpty();
        assertThat(parser.parse("US President Joseph Biden held a telephone conversation on Tuesday, April 12.")).isEmpty();
        assertThat(parser.parse("")).isEmpty();
    }
}
