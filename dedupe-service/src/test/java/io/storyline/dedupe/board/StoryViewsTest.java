package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.storyline.dedupe.board.Stories.copy;
import static io.storyline.dedupe.board.Stories.entity;
import static io.storyline.dedupe.board.Stories.inStoryline;
import static io.storyline.dedupe.board.Stories.member;
import static io.storyline.dedupe.board.Stories.open;
import static io.storyline.dedupe.board.Stories.place;
import static io.storyline.dedupe.board.Stories.storyline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The cards, timeline and folded detail the board derives from story and storyline snapshots. */
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
    void cardSummarisesSourcesMostFirstAndKeepsEntitiesInTheirPublishedOrder() {
        Story story = open("s", 3, "en", List.of(entity("Vladimir Putin", 2), entity("Joe Biden", 3)),
                member("a", "reuters.com", "A", "2021-04-13T10:00:00Z"),
                member("b", "apnews.com", "B", "2021-04-13T11:00:00Z"),
                copy("c", "apnews.com", "B copy", "2021-04-13T12:00:00Z", "b"));

        StoryCard card = StoryCard.of(story);

        assertThat(card.sources()).containsExactly(new StoryCard.SourceCount("apnews.com", 2), new StoryCard.SourceCount("reuters.com", 1));
        assertThat(card.entities()).as("principal actors first, as the snapshot lists them, not by reach")
                .extracting(Story.StoryEntity::name).containsExactly("Vladimir Putin", "Joe Biden");
        assertThat(card.storylineId()).isEqualTo("storyline-s");
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

    @Test
    void storylineCardEnrichesEachChapterWithItsEventsLatestSnapshot() {
        List<Story.StoryEntity> callEntities = List.of(entity("Joe Biden", 4), entity("Vladimir Putin", 4), entity("Jake Sullivan", 1),
                entity("Antony Blinken", 1), entity("Sergei Lavrov", 1), place("Ukraine", 3), place("Moscow", 2));
        Story january = inStoryline("us-russia", open("jan", 2, "en", List.of(entity("Joe Biden", 1)),
                member("j1", "Reuters", "Biden and Putin hold first call", "2021-01-26T18:00:00Z")));
        Story april = inStoryline("us-russia", open("apr", 5, "en", callEntities,
                member("a1", "Xinhua", "Putin, Biden discuss summit", "2021-04-13T15:00:00Z"),
                member("a2", "China News Agency", "Biden proposes summit", "2021-04-13T16:00:00Z"),
                member("a3", "TASS", "Kremlin on the call", "2021-04-14T08:00:00Z"),
                member("a4", "AP", "Biden calls Putin", "2021-04-14T09:00:00Z")));
        Story undated = inStoryline("us-russia", open("undated", 1, "en", List.of(), member("u1", "BBC", "Analysis", null)));
        Story notYetOnBoard = inStoryline("us-russia", open("later", 1, "en", List.of(entity("Joe Biden", 1)),
                member("l1", "CNN", "Summit date set", "2021-05-25T10:00:00Z")));
        Storyline snapshot = storyline("us-russia", 7, List.of(entity("Vladimir Putin", 5), entity("Joe Biden", 6), place("Ukraine", 3)),
                april, undated, january, notYetOnBoard);

        StorylineCard card = StorylineCard.of(new StorylineView(snapshot, Map.of("jan", january, "apr", april, "undated", undated)));

        assertThat(card.chapters()).extracting(StorylineChapter::storyId).as("by first dated time, undated last")
                .containsExactly("jan", "apr", "later", "undated");
        assertThat(card.entities()).extracting(Story.StoryEntity::name).as("as published: principal actors first")
                .containsExactly("Vladimir Putin", "Joe Biden", "Ukraine");
        assertThat(card.eventCount()).isEqualTo(4);
        assertThat(card.articleCount()).isEqualTo(7);
        assertThat(card.sources()).as("over the events on the board").containsExactly("AP", "BBC", "China News Agency", "Reuters", "TASS", "Xinhua");

        StorylineChapter call = card.chapters().get(1);
        assertThat(call.onBoard()).isTrue();
        assertThat(call.version()).isEqualTo(5L);
        assertThat(call.headline()).isEqualTo("Putin, Biden discuss summit");
        assertThat(call.firstSeen()).isEqualTo(Instant.parse("2021-04-13T15:00:00Z"));
        assertThat(call.lastSeen()).isEqualTo(Instant.parse("2021-04-14T09:00:00Z"));
        assertThat(call.articleCount()).isEqualTo(4);
        assertThat(call.sourceCount()).isEqualTo(4);
        assertThat(call.sources()).containsExactly("AP", "China News Agency", "TASS", "Xinhua");
        assertThat(call.entities()).extracting(Story.StoryEntity::name).as("the first " + StorylineCard.CHAPTER_ENTITIES + ", in order")
                .containsExactly("Joe Biden", "Vladimir Putin", "Jake Sullivan", "Antony Blinken", "Sergei Lavrov");
        assertThat(call.timeline().counts().stream().mapToInt(Integer::intValue).sum()).isEqualTo(4);

        StorylineChapter later = card.chapters().get(2);
        assertThat(later.onBoard()).as("its snapshot has not reached the board").isFalse();
        assertThat(later.version()).isNull();
        assertThat(later.headline()).isEqualTo("Summit date set");
        assertThat(later.articleCount()).isEqualTo(1);
        assertThat(later.sources()).isEmpty();
        assertThat(later.entities()).isEmpty();

        StorylineChapter analysis = card.chapters().get(3);
        assertThat(analysis.firstSeen()).as("no dated member, no date").isNull();
        assertThat(analysis.lastSeen()).isNull();
        assertThat(analysis.sources()).containsExactly("BBC");

        StorylineDetail detail = StorylineDetail.of(new StorylineView(snapshot, Map.of("apr", april)));
        assertThat(detail.storyline()).isEqualTo(snapshot);
        assertThat(detail.chapters().get(1).entities()).as("the detail gives every entity").hasSize(callEntities.size());
        assertThat(detail.card().chapters().get(1).entities()).hasSize(StorylineCard.CHAPTER_ENTITIES);
    }

    @Test
    void chapterTakesTheStorylinesSummaryWhenThatIsNewerThanTheEventSnapshotOnTheBoard() {
        Story before = inStoryline("sl", open("e", 1, "en", List.of(entity("Joe Biden", 1)),
                member("a1", "Reuters", "Call", "2021-04-13T15:00:00Z")));
        Story after = inStoryline("sl", open("e", 2, "en", List.of(entity("Joe Biden", 2)),
                member("a1", "Reuters", "Call", "2021-04-13T15:00:00Z"), member("a2", "AP", "Call again", "2021-04-14T15:00:00Z")));
        // news.storylines was read past the transaction that grew the event; news.stories not yet
        Storyline ahead = storyline("sl", 2, List.of(), after);

        StorylineChapter chapter = StorylineCard.of(new StorylineView(ahead, Map.of("e", before))).chapters().get(0);

        assertThat(chapter.articleCount()).isEqualTo(2);
        assertThat(chapter.lastSeen()).isEqualTo(Instant.parse("2021-04-14T15:00:00Z"));
        assertThat(chapter.version()).as("the snapshot the sources come from").isEqualTo(1L);
        assertThat(chapter.sources()).containsExactly("Reuters");

        // once the event's snapshot catches up (or is newer), it is the word
        Storyline behind = storyline("sl", 1, List.of(), before);
        StorylineChapter caughtUp = StorylineCard.of(new StorylineView(behind, Map.of("e", after))).chapters().get(0);
        assertThat(caughtUp.articleCount()).isEqualTo(2);
        assertThat(caughtUp.sources()).containsExactly("AP", "Reuters");
    }
}
