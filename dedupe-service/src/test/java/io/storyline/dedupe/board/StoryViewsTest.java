package io.storyline.dedupe.board;

import io.storyline.events.Story;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.storyline.dedupe.board.Stories.copy;
import static io.storyline.dedupe.board.Stories.entity;
import static io.storyline.dedupe.board.Stories.member;
import static io.storyline.dedupe.board.Stories.open;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The card, timeline and folded detail the board derives from a snapshot. */
class StoryViewsTest {

    @Test
    void timelineCountsArticlesPerSliceOfTheStorysLife() {
        List<Story.StoryMember> members = List.of(
                member("a", "x", "A", "2021-04-13T00:00:00Z"),
                member("b", "x", "B", "2021-04-13T00:30:00Z"),
                member("c", "x", "C", "2021-04-13T02:00:00Z"),
                member("d", "x", "D", "2021-04-13T04:00:00Z"),
                member("undated", "x", "E", null));

        ArticleTimeline timeline = ArticleTimeline.of(members, 4);

        assertThat(timeline.from()).isEqualTo(Instant.parse("2021-04-13T00:00:00Z"));
        assertThat(timeline.to()).isEqualTo(Instant.parse("2021-04-13T04:00:00Z"));
        assertThat(timeline.counts()).as("hours 0-1, 1-2, 2-3, 3-4 (the last one closed)").containsExactly(2, 0, 1, 1);
    }

    @Test
    void timelineOfArticlesPublishedAtOneInstantIsOneSlice() {
        List<Story.StoryMember> members = List.of(member("a", "x", "A", "2021-04-13T10:00:00Z"),
                member("b", "y", "B", "2021-04-13T10:00:00Z"));
        assertThat(ArticleTimeline.of(members, 16).counts()).containsExactly(2);
        assertThat(ArticleTimeline.of(List.of(member("a", "x", "A", null)), 16).counts()).isEmpty();
        assertThatThrownBy(() -> ArticleTimeline.of(members, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cardSummarisesSourcesMostFirstAndEntitiesByReach() {
        Story story = open("s", 3, "en", List.of(entity("Vladimir Putin", 2), entity("Joe Biden", 3)),
                member("a", "reuters.com", "A", "2021-04-13T10:00:00Z"),
                member("b", "apnews.com", "B", "2021-04-13T11:00:00Z"),
                copy("c", "apnews.com", "B copy", "2021-04-13T12:00:00Z", "b"));

        StoryCard card = StoryCard.of(story);

        assertThat(card.sources()).containsExactly(new StoryCard.SourceCount("apnews.com", 2), new StoryCard.SourceCount("reuters.com", 1));
        assertThat(card.entities()).extracting(Story.StoryEntity::name).containsExactly("Joe Biden", "Vladimir Putin");
        assertThat(card.articleCount()).isEqualTo(3);
        assertThat(card.duplicateCount()).isEqualTo(1);
        assertThat(card.timeline().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(3);
        assertThat(card.version()).isEqualTo(3);
    }

    @Test
    void detailFoldsNearDuplicatesUnderTheirOriginalEvenThroughACopyOfACopy() {
        Story story = open("s", 1, "en", List.of(),
                member("orig", "reuters.com", "Original", "2021-04-13T10:00:00Z"),
                member("other", "bbc.co.uk", "Other", "2021-04-13T10:05:00Z"),
                copy("copy1", "yahoo.com", "Original (wire)", "2021-04-13T10:10:00Z", "orig"),
                copy("copy2", "msn.com", "Original (wire of wire)", "2021-04-13T10:20:00Z", "copy1"),
                copy("outside", "aol.com", "Copy of an article in a closed story", "2021-04-13T10:30:00Z", "gone"));

        List<StoryDetail.ArticleThread> threads = StoryDetail.of(story).articles();

        assertThat(threads).extracting(t -> t.article().articleId()).containsExactly("orig", "other", "outside");
        assertThat(threads.get(0).duplicates()).extracting(Story.StoryMember::articleId).containsExactly("copy1", "copy2");
        assertThat(threads.get(1).duplicates()).isEmpty();
        assertThat(threads.get(2).article().duplicateOf()).as("still says what it copies").isEqualTo("gone");
        assertThat(threads.stream().mapToInt(t -> 1 + t.duplicates().size()).sum()).as("no member lost").isEqualTo(5);
    }

    @Test
    void foldingSurvivesACycleOfCopies() {
        Story story = open("s", 1, "en", List.of(),
                copy("a", "x", "A", "2021-04-13T10:00:00Z", "b"),
                copy("b", "y", "B", "2021-04-13T10:01:00Z", "a"),
                copy("c", "z", "C", "2021-04-13T10:02:00Z", "b"));

        List<StoryDetail.ArticleThread> threads = StoryDetail.of(story).articles();

        assertThat(threads.stream().mapToInt(t -> 1 + t.duplicates().size()).sum()).isEqualTo(3);
    }
}
