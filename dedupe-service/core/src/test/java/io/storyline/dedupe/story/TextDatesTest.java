package io.storyline.dedupe.story;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TextDatesTest {
    private static final LocalDate REFERENCE = LocalDate.of(2021, 4, 14); // a Wednesday

    @Test
    void datesWithAndWithoutYearsAndWeekdaysResolveToThePastOfTheReference() {
        var mentions = TextDates.mentions("On Tuesday, April 13, Biden called. The first call was on January 26. "
                + "MARCH 13, 2013 was long ago; on 3 July 2013 too; the next talks are planned for December 2.", REFERENCE, true);
        assertThat(mentions).extracting(TextDates.Mention::date).containsExactly(
                LocalDate.of(2021, 4, 13), LocalDate.of(2021, 4, 13), LocalDate.of(2021, 1, 26),
                LocalDate.of(2013, 3, 13), LocalDate.of(2013, 7, 3), LocalDate.of(2020, 12, 2));
        assertThat(mentions).extracting(TextDates.Mention::explicit).containsExactly(false, false, false, true, true, false);
    }

    @Test
    void wordsThatAreNotDatesAreNotDates() {
        assertThat(TextDates.mentions("they may 5 times march 3 abreast; February 30 never was", REFERENCE, true)).isEmpty();
        assertThat(TextDates.mentions("It happened on Tuesday.", REFERENCE, false)).isEmpty();
        assertThat(TextDates.mentions("April 13", null, true)).isEmpty();
        assertThat(TextDates.explicitDates("Dec. 11, 2005 and April 13")).extracting(TextDates.Mention::date)
                .containsExactly(LocalDate.of(2005, 12, 11));
    }
}
