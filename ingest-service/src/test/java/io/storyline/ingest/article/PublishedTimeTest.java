package io.storyline.ingest.article;

import io.storyline.events.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class PublishedTimeTest {

    private static final Instant RECEIVED = Instant.parse("2021-04-14T08:00:00Z");
    private final ArticleLimits limits = ArticleLimits.defaults();

    @Test
    void parsesRfc3339Rfc1123FeedDatesAndEpochs() {
        Instant expected = Instant.parse("2021-04-13T18:30:00Z");
        assertThat(PublishedTime.parse("2021-04-13T18:30:00Z")).contains(expected);
        assertThat(PublishedTime.parse("2021-04-13T20:30:00+02:00")).contains(expected);
        assertThat(PublishedTime.parse("2021-04-13 18:30:00Z")).contains(expected);
        assertThat(PublishedTime.parse("Tue, 13 Apr 2021 18:30:00 GMT")).contains(expected);
        assertThat(PublishedTime.parse("Tue, 13 Apr 2021 14:30:00 -0400")).contains(expected);
        assertThat(PublishedTime.parse("13 Apr 2021 18:30:00 +0000")).contains(expected);
        assertThat(PublishedTime.parse("2021-04-13T18:30:00")).contains(expected);
        assertThat(PublishedTime.parse("1618338600")).contains(expected);
        assertThat(PublishedTime.parse("1618338600000")).contains(expected);
        assertThat(PublishedTime.parse("2021-04-13")).contains(Instant.parse("2021-04-13T00:00:00Z"));
        assertThat(PublishedTime.parse("yesterday")).isEmpty();
        assertThat(PublishedTime.parse("")).isEmpty();
    }

    @Test
    void plausibleTimesComeFromTheFeed() {
        var choice = PublishedTime.choose("2021-04-13T18:30:00Z", RECEIVED, limits);
        assertThat(choice.source()).isEqualTo(TimeSource.FEED);
        assertThat(choice.published()).isEqualTo(Instant.parse("2021-04-13T18:30:00Z"));
        assertThat(choice.note()).isNull();
    }

    @Test
    void absentFutureDecadesOldOrUnparseableTimesFallBackToReceived() {
        for (String raw : new String[]{null, " ", "2021-04-15T18:30:00Z", "2003-01-17", "not a date"}) {
            var choice = PublishedTime.choose(raw, RECEIVED, limits);
            assertThat(choice.source()).as(raw).isEqualTo(TimeSource.RECEIVED);
            assertThat(choice.published()).isEqualTo(RECEIVED);
        }
        assertThat(PublishedTime.choose("2003-01-17", RECEIVED, limits).note()).contains("implausibly old");
        assertThat(PublishedTime.choose("2021-04-15T18:30:00Z", RECEIVED, limits).note()).contains("future");
    }
}
