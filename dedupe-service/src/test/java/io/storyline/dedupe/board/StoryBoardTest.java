package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.storyline.dedupe.board.Stories.closed;
import static io.storyline.dedupe.board.Stories.entity;
import static io.storyline.dedupe.board.Stories.inStoryline;
import static io.storyline.dedupe.board.Stories.member;
import static io.storyline.dedupe.board.Stories.open;
import static io.storyline.dedupe.board.Stories.story;
import static io.storyline.dedupe.board.Stories.storyline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryBoardTest {

    private final StoryBoard board = new StoryBoard();

    @Test
    void keepsTheLatestVersionOfEachStory() {
        Story v2 = open("s1", 2, "en", List.of(), member("a1", "reuters", "Two", "2021-04-13T10:00:00Z"),
                member("a2", "ap", "Two b", "2021-04-13T11:00:00Z"));
        Story v1 = open("s1", 1, "en", List.of(), member("a1", "reuters", "One", "2021-04-13T10:00:00Z"));

        assertThat(board.apply(v2)).isTrue();
        assertThat(board.apply(v1)).as("an older snapshot arriving late").isFalse();
        assertThat(board.story("s1")).contains(v2);
        assertThat(board.apply(v2)).as("a redelivered snapshot").isTrue();
        assertThat(board.size()).isEqualTo(1);
    }

    @Test
    void findsTheStoryOfAnArticleAsMembersMove() {
        board.apply(open("s1", 1, "en", List.of(), member("a1", "reuters", "One", "2021-04-13T10:00:00Z"),
                member("a2", "ap", "Two", "2021-04-13T11:00:00Z")));
        // a2 now belongs to s2 (s2's snapshot came first), then s1 publishes without it
        board.apply(open("s2", 1, "en", List.of(), member("a2", "ap", "Two", "2021-04-13T11:00:00Z")));
        board.apply(open("s1", 2, "en", List.of(), member("a1", "reuters", "One", "2021-04-13T10:00:00Z")));

        assertThat(board.storyOfArticle("a1")).map(Story::id).contains("s1");
        assertThat(board.storyOfArticle("a2")).map(Story::id).contains("s2");
        assertThat(board.storyOfArticle("nope")).isEmpty();

        board.remove("s2");
        assertThat(board.storyOfArticle("a2")).isEmpty();
        assertThat(board.remove("s2")).isFalse();
    }

    @Test
    void listsOpenStoriesNewestActivityFirstByDefault() {
        board.apply(open("old", 1, "en", List.of(), member("a1", "x", "Old", "2021-01-26T10:00:00Z")));
        board.apply(open("new", 1, "en", List.of(), member("a2", "x", "New", "2021-04-13T10:00:00Z")));
        board.apply(open("mid", 1, "en", List.of(), member("a3", "x", "Mid", "2021-02-01T10:00:00Z"),
                member("a4", "x", "Mid later", "2021-02-02T10:00:00Z")));
        board.apply(story("closed", 1, "en", Story.Status.CLOSED, List.of(), member("a5", "x", "Closed", "2021-05-01T10:00:00Z")));

        StoryPage<Story> page = board.query(StoryQuery.open());

        assertThat(page.items()).extracting(Story::id).containsExactly("new", "mid", "old");
        assertThat(page.total()).isEqualTo(3);
        assertThat(board.query(StoryQuery.open().withStatus(StoryQuery.StatusFilter.ALL)).items())
                .extracting(Story::id).containsExactly("closed", "new", "mid", "old");
        assertThat(board.query(StoryQuery.open().withStatus(StoryQuery.StatusFilter.CLOSED)).items())
                .extracting(Story::id).containsExactly("closed");
    }

    @Test
    void growingAStoryMovesItUp() {
        board.apply(open("a", 1, "en", List.of(), member("a1", "x", "A", "2021-04-13T10:00:00Z")));
        board.apply(open("b", 1, "en", List.of(), member("b1", "x", "B", "2021-04-13T11:00:00Z")));
        assertThat(board.query(StoryQuery.open()).items()).extracting(Story::id).containsExactly("b", "a");

        board.apply(open("a", 2, "en", List.of(), member("a1", "x", "A", "2021-04-13T10:00:00Z"),
                member("a2", "y", "A again", "2021-04-13T12:00:00Z")));
        assertThat(board.query(StoryQuery.open()).items()).extracting(Story::id).containsExactly("a", "b");
    }

    @Test
    void pagesThroughStoriesWithoutGapsOrRepeats() {
        for (int i = 0; i < 7; i++) {
            board.apply(open("s" + i, 1, "en", List.of(), member("a" + i, "x", "S" + i, "2021-04-13T1" + i + ":00:00Z")));
        }
        StoryPage<Story> first = board.query(StoryQuery.open().page(0, 3));
        StoryPage<Story> second = board.query(StoryQuery.open().page(1, 3));
        StoryPage<Story> third = board.query(StoryQuery.open().page(2, 3));
        StoryPage<Story> beyond = board.query(StoryQuery.open().page(3, 3));

        assertThat(first.items()).extracting(Story::id).containsExactly("s6", "s5", "s4");
        assertThat(second.items()).extracting(Story::id).containsExactly("s3", "s2", "s1");
        assertThat(third.items()).extracting(Story::id).containsExactly("s0");
        assertThat(beyond.items()).isEmpty();
        assertThat(List.of(first, second, third, beyond)).allSatisfy(p -> assertThat(p.total()).isEqualTo(7));
    }

    @Test
    void filtersByLanguageIgnoringCase() {
        board.apply(open("en", 1, "en", List.of(), member("a1", "x", "English", "2021-04-13T10:00:00Z")));
        board.apply(open("de", 1, "de", List.of(), member("a2", "x", "Deutsch", "2021-04-13T11:00:00Z")));

        assertThat(board.query(StoryQuery.open().withLanguage("DE")).items()).extracting(Story::id).containsExactly("de");
        assertThat(board.query(StoryQuery.open().withLanguage("fr")).items()).isEmpty();
        assertThat(board.query(StoryQuery.open().withLanguage(" ")).total()).as("blank means any").isEqualTo(2);
    }

    @Test
    void filtersByEntityAndForgetsEntitiesAStoryDropped() {
        board.apply(open("call", 1, "en", List.of(entity("Joe Biden", 2), entity("Vladimir Putin", 2)),
                member("a1", "x", "Call", "2021-04-13T10:00:00Z")));
        board.apply(open("vaccine", 1, "en", List.of(entity("Joe Biden", 1), entity("Pfizer", 1)),
                member("a2", "x", "Vaccine", "2021-04-13T11:00:00Z")));

        assertThat(board.query(StoryQuery.open().withEntity("joe biden")).items()).extracting(Story::id)
                .containsExactly("vaccine", "call");
        assertThat(board.query(StoryQuery.open().withEntity("Vladimir Putin")).items()).extracting(Story::id)
                .containsExactly("call");

        board.apply(open("call", 2, "en", List.of(entity("Vladimir Putin", 2)),
                member("a1", "x", "Call", "2021-04-13T10:00:00Z")));
        assertThat(board.query(StoryQuery.open().withEntity("Joe Biden")).items()).extracting(Story::id)
                .containsExactly("vaccine");
        assertThat(board.query(StoryQuery.open().withEntity("Nobody")).items()).isEmpty();
    }

    @Test
    void filtersByOverlapWithATimeRange() {
        board.apply(open("jan", 1, "en", List.of(), member("a1", "x", "Jan", "2021-01-26T10:00:00Z"),
                member("a2", "x", "Jan b", "2021-01-27T10:00:00Z")));
        board.apply(open("apr", 1, "en", List.of(), member("a3", "x", "Apr", "2021-04-13T10:00:00Z")));
        board.apply(open("undated", 1, "en", List.of(), member("a4", "x", "No date", null)));

        assertThat(ids(StoryQuery.open().between(Instant.parse("2021-01-27T00:00:00Z"), Instant.parse("2021-01-28T00:00:00Z"))))
                .containsExactly("jan");
        assertThat(ids(StoryQuery.open().between(Instant.parse("2021-04-01T00:00:00Z"), null))).containsExactly("apr");
        assertThat(ids(StoryQuery.open().between(null, Instant.parse("2021-02-01T00:00:00Z")))).containsExactly("jan");
        assertThat(ids(StoryQuery.open())).as("no range: undated stories too, last").containsExactly("apr", "jan", "undated");
    }

    @Test
    void combinesFilters() {
        board.apply(open("en-biden", 1, "en", List.of(entity("Joe Biden", 1)), member("a1", "x", "A", "2021-04-13T10:00:00Z")));
        board.apply(open("de-biden", 1, "de", List.of(entity("Joe Biden", 1)), member("a2", "x", "B", "2021-04-13T11:00:00Z")));
        board.apply(story("en-biden-closed", 1, "en", Story.Status.CLOSED, List.of(entity("Joe Biden", 1)),
                member("a3", "x", "C", "2021-04-13T12:00:00Z")));

        assertThat(ids(StoryQuery.open().withEntity("Joe Biden").withLanguage("en"))).containsExactly("en-biden");
    }

    @Test
    void rejectsWhatCannotBeAQuery() {
        assertThatThrownBy(() -> StoryQuery.open().page(-1, 10)).hasMessageContaining("page");
        assertThatThrownBy(() -> StoryQuery.open().page(0, 0)).hasMessageContaining("size");
        assertThatThrownBy(() -> StoryQuery.open().page(0, StoryQuery.MAX_PAGE_SIZE + 1)).hasMessageContaining("size");
        assertThatThrownBy(() -> StoryQuery.open().between(Instant.parse("2021-02-01T00:00:00Z"), Instant.parse("2021-01-01T00:00:00Z")))
                .hasMessageContaining("after");
        assertThatThrownBy(() -> StoryQuery.StatusFilter.parse("pending")).hasMessageContaining("open, closed, all");
        assertThatThrownBy(() -> board.apply(open(null, 1, "en", List.of()))).hasMessageContaining("id");
    }

    @Test
    void keepsTheLatestVersionOfEachStorylineWithTheEventsItHolds() {
        Story january = inStoryline("us-russia", open("jan", 1, "en", List.of(), member("a1", "x", "First call", "2021-01-26T18:00:00Z")));
        Story april = inStoryline("us-russia", open("apr", 1, "en", List.of(), member("a2", "y", "Second call", "2021-04-13T15:00:00Z")));
        Story elsewhere = inStoryline("other", open("quake", 1, "en", List.of(), member("a3", "z", "Quake", "2021-04-13T16:00:00Z")));
        Storyline v2 = storyline("us-russia", 2, List.of(), january, april);
        Storyline v1 = storyline("us-russia", 1, List.of(), january);

        board.apply(january);
        board.apply(elsewhere);
        assertThat(board.apply(v2)).isTrue();
        assertThat(board.apply(v1)).as("an older snapshot arriving late").isFalse();
        assertThat(board.apply(v2)).as("a redelivered snapshot").isTrue();

        StorylineView view = board.storyline("us-russia").orElseThrow();
        assertThat(view.storyline()).isEqualTo(v2);
        assertThat(view.events()).as("april's snapshot has not arrived yet").containsOnlyKeys("jan");
        board.apply(april);
        assertThat(board.storyline("us-russia").orElseThrow().events()).containsOnlyKeys("jan", "apr");
        assertThat(board.storylineCount()).isEqualTo(1);
        assertThat(board.storyline("other")).as("events alone make no storyline").isEmpty();

        // an event that moves leaves the storyline it was in; a deleted storyline leaves its events on the board
        board.apply(inStoryline("other", open("apr", 2, "en", List.of(), member("a2", "y", "Second call", "2021-04-13T15:00:00Z"))));
        assertThat(board.storyline("us-russia").orElseThrow().events()).containsOnlyKeys("jan");
        assertThat(board.removeStoryline("us-russia")).isTrue();
        assertThat(board.removeStoryline("us-russia")).isFalse();
        assertThat(board.storyline("us-russia")).isEmpty();
        assertThat(board.story("jan")).isPresent();
        assertThatThrownBy(() -> board.apply(storyline(null, 1, List.of()))).hasMessageContaining("id");
    }

    @Test
    void listsStorylinesNewestActivityFirstWithTheFiltersOfStories() {
        Story january = inStoryline("calls", open("jan", 1, "en", List.of(entity("Joe Biden", 1)),
                member("a1", "x", "First call", "2021-01-26T18:00:00Z")));
        Story april = inStoryline("calls", open("apr", 1, "en", List.of(entity("Joe Biden", 2), entity("Vladimir Putin", 2)),
                member("a2", "y", "Second call", "2021-04-13T15:00:00Z")));
        Story quake = inStoryline("quake", open("quake", 1, "de", List.of(entity("Taiwan", 1)),
                member("a3", "z", "Beben", "2021-03-01T10:00:00Z")));
        Story old = inStoryline("old", story("old", 1, "en", Story.Status.CLOSED, List.of(), member("a4", "z", "Old", "2021-05-01T10:00:00Z")));
        Story undated = inStoryline("undated", open("undated", 1, "en", List.of(), member("a5", "z", "When?", null)));
        for (Story event : List.of(january, april, quake, old, undated)) {
            board.apply(event);
        }
        // the storyline itself names only Biden; Putin is named by one of its events
        board.apply(storyline("calls", 2, List.of(entity("Joe Biden", 3)), january, april));
        board.apply(storyline("quake", 1, List.of(entity("Taiwan", 1)), quake));
        board.apply(closed(storyline("old", 1, List.of(), old)));
        board.apply(storyline("undated", 1, List.of(), undated));

        assertThat(storylineIds(StoryQuery.open())).containsExactly("calls", "quake", "undated");
        assertThat(storylineIds(StoryQuery.open().withStatus(StoryQuery.StatusFilter.ALL))).containsExactly("old", "calls", "quake", "undated");
        assertThat(storylineIds(StoryQuery.open().withStatus(StoryQuery.StatusFilter.CLOSED))).containsExactly("old");
        assertThat(storylineIds(StoryQuery.open().withLanguage("DE"))).containsExactly("quake");
        assertThat(storylineIds(StoryQuery.open().withEntity("joe biden"))).containsExactly("calls");
        assertThat(storylineIds(StoryQuery.open().withEntity("Vladimir Putin"))).as("named by an event").containsExactly("calls");
        assertThat(storylineIds(StoryQuery.open().withEntity("Nobody"))).isEmpty();
        assertThat(storylineIds(StoryQuery.open().between(Instant.parse("2021-02-01T00:00:00Z"), Instant.parse("2021-03-31T00:00:00Z"))))
                .as("overlaps January to April").containsExactly("calls", "quake");
        assertThat(storylineIds(StoryQuery.open().between(Instant.parse("2021-04-01T00:00:00Z"), null))).containsExactly("calls");

        StoryPage<StorylineView> second = board.queryStorylines(StoryQuery.open().page(1, 2));
        assertThat(second.items()).extracting(StorylineView::id).containsExactly("undated");
        assertThat(second.total()).isEqualTo(3);
        assertThat(board.queryStorylines(StoryQuery.open()).items().get(0).events()).containsOnlyKeys("jan", "apr");
        StoryQuery putin = StoryQuery.open().withEntity("Vladimir Putin");
        assertThat(putin.matches(board.storyline("calls").orElseThrow())).as("the stream's filter agrees").isTrue();
        assertThat(putin.matches(board.storyline("quake").orElseThrow())).isFalse();
    }

    private List<String> storylineIds(StoryQuery query) {
        return board.queryStorylines(query).items().stream().map(StorylineView::id).toList();
    }

    private List<String> ids(StoryQuery query) {
        return board.query(query).items().stream().map(Story::id).toList();
    }
}
