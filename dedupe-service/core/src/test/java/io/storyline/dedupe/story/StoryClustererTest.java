package io.storyline.dedupe.story;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.MembershipReason;
import io.storyline.events.Story;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.storyline.dedupe.story.Articles.T0;
import static io.storyline.dedupe.story.Articles.article;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoryClustererTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static Articles summit(String id, String title, String text) {
        return article(id).title(title).text(text)
                .entity("Joe Biden", EntityType.PERSON, 4).entity("Vladimir Putin", EntityType.PERSON, 4)
                .entity("Russia", EntityType.LOCATION, 3).entity("United States", EntityType.LOCATION, 2);
    }

    private static final String SUMMIT_A = "Biden proposed a summit with Putin in a third country during a telephone call. "
            + "The White House said the presidents discussed strategic stability, arms control, Ukraine and the troop build-up "
            + "on the border. Biden called on Russia to de-escalate tensions and proposed the summit in the coming months.";
    private static final String SUMMIT_B = "In a phone conversation Biden offered Putin a summit meeting in a third country. "
            + "The Kremlin said the leaders discussed Ukraine, the troop build-up, arms control and strategic stability; "
            + "Biden urged Russia to de-escalate and the summit could take place in the coming months.";
    private static final String START_CALL = "Putin and Biden spoke by phone for the first time and agreed to extend the "
            + "New START treaty on strategic nuclear arms for five years. Putin congratulated Biden on taking office; the "
            + "presidents discussed strategic stability, arms control and Ukraine.";
    private static final String FOOTBALL = "Arsenal beat Chelsea two nil at the Emirates stadium in the Premier League. "
            + "The goals came from a header and a penalty in the second half as the home side climbed to third in the table.";

    @Test
    void articlesAboutTheSameEventFormOneStoryAndAnUnrelatedOneStartsAnother() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        var first = clusterer.place(summit("a1", "Biden proposes summit to Putin in phone call", SUMMIT_A).build(), null, null, NOW);
        var second = clusterer.place(summit("a2", "Biden offers Putin summit in third country", SUMMIT_B)
                .published(T0.plus(Duration.ofHours(3))).source("other.org").build(), null, null, NOW);
        var football = clusterer.place(article("f1").title("Arsenal beat Chelsea").text(FOOTBALL)
                .entity("Arsenal", EntityType.ORGANIZATION, 3).entity("Chelsea", EntityType.ORGANIZATION, 2).build(), null, null, NOW);

        assertThat(first.storyId()).isEqualTo("story-a1");
        assertThat(first.reason().kind()).isEqualTo(MembershipReason.Kind.NEW_STORY);
        assertThat(second.storyId()).isEqualTo("story-a1");
        assertThat(second.reason().kind()).isEqualTo(MembershipReason.Kind.SIMILAR);
        assertThat(second.reason().score()).isBetween(StorySettings.defaults().joinThreshold(), 1.0);
        assertThat(second.reason().sharedEntities()).startsWith("Joe Biden", "Vladimir Putin");
        assertThat(second.reason().entityOverlap()).isEqualTo(1.0);
        assertThat(football.storyId()).isEqualTo("story-f1");
        assertThat(clusterer.openStories()).isEqualTo(2);

        Story story = second.changedStories().get(0);
        assertThat(story.id()).isEqualTo("story-a1");
        assertThat(story.version()).isEqualTo(2);
        assertThat(story.members()).extracting(Story.StoryMember::articleId).containsExactly("a1", "a2");
        assertThat(story.articleCount()).isEqualTo(2);
        assertThat(story.sourceCount()).isEqualTo(2);
        assertThat(story.duplicateCount()).isZero();
        assertThat(story.firstSeen()).isEqualTo(T0);
        assertThat(story.lastSeen()).isEqualTo(T0.plus(Duration.ofHours(3)));
        assertThat(story.entities().get(0).articles()).isEqualTo(2);
        assertThat(story.headlineArticle()).isIn("a1", "a2");
        assertThat(story.updatedAt()).isEqualTo(NOW);
        assertThat(story.status()).isEqualTo(Story.Status.OPEN);
    }

    @Test
    void aDatelineSeparatesTwoCallsBetweenTheSamePresidentsThoughTheyArriveTogether() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        Instant arrival = Instant.parse("2021-05-01T08:00:00Z");
        var april = clusterer.place(summit("apr", "Biden proposes summit to Putin", SUMMIT_A)
                .receivedOnly(arrival).dateline(LocalDate.of(2021, 4, 13)).build(), null, null, NOW);
        var january = clusterer.place(summit("jan", "Putin and Biden agree to extend New START", START_CALL)
                .receivedOnly(arrival.plusSeconds(5)).dateline(LocalDate.of(2021, 1, 26)).build(), null, null, NOW);
        // no dateline, only a receipt time: text decides, the time must not split it from its story
        var undated = clusterer.place(summit("undated", "Biden offers Putin summit in third country", SUMMIT_B)
                .receivedOnly(arrival.plusSeconds(10)).build(), null, null, NOW);

        assertThat(january.storyId()).isNotEqualTo(april.storyId());
        assertThat(undated.storyId()).isEqualTo(april.storyId());
        assertThat(clusterer.openStories()).isEqualTo(2);
    }

    @Test
    void twoCallsOfThePresidentsAreTwoEventsOfOneStorylineAndAJoinExplainsItself() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        Instant arrival = Instant.parse("2021-05-01T08:00:00Z");
        var april = clusterer.place(summit("apr", "Biden proposes summit to Putin", SUMMIT_A)
                .receivedOnly(arrival).dateline(LocalDate.of(2021, 4, 13)).build(), null, null, NOW);
        var again = clusterer.place(summit("apr2", "Biden offers Putin summit in third country", SUMMIT_B)
                .receivedOnly(arrival.plusSeconds(3)).dateline(LocalDate.of(2021, 4, 13)).build(), null, null, NOW);
        var january = clusterer.place(summit("jan", "Putin and Biden agree to extend New START", START_CALL)
                .receivedOnly(arrival.plusSeconds(5)).dateline(LocalDate.of(2021, 1, 26)).build(), null, null, NOW);
        var football = clusterer.place(article("f1").title("Arsenal beat Chelsea").text(FOOTBALL)
                .entity("Arsenal", EntityType.ORGANIZATION, 3).entity("Chelsea", EntityType.ORGANIZATION, 2).build(), null, null, NOW);

        assertThat(january.storyId()).isNotEqualTo(april.storyId());
        assertThat(again.storyId()).isEqualTo(april.storyId());
        assertThat(january.storylineId()).isEqualTo(april.storylineId());
        assertThat(football.storylineId()).isNotEqualTo(april.storylineId());
        assertThat(clusterer.openStorylines()).isEqualTo(2);

        // the join says why: its parts, the time gap, the shared actors by name
        assertThat(again.reason().components()).containsKeys("content", "actors", "time");
        assertThat(again.reason().components().get("time")).isEqualTo(1.0);
        assertThat(again.reason().timeGapDays()).isEqualTo(0.0);
        assertThat(again.reason().sharedEntities()).contains("Joe Biden", "Vladimir Putin");
        // the January call started an event but joined a storyline, and says with what score
        assertThat(january.reason().kind()).isEqualTo(MembershipReason.Kind.NEW_STORY);
        assertThat(january.reason().storylineScore()).isBetween(StorySettings.defaults().storylines().threshold(), 1.0);
        // the April event was out of reach in time: nothing near to report
        assertThat(january.reason().components()).isEmpty();

        var line = january.changedStorylines().get(0);
        assertThat(line.id()).isEqualTo(april.storylineId());
        assertThat(line.eventCount()).isEqualTo(2);
        assertThat(line.articleCount()).isEqualTo(3);
        // chapters by their dated day: January first
        assertThat(line.events()).extracting(e -> e.storyId()).containsExactly(january.storyId(), april.storyId());
        assertThat(january.changedStories().get(0).storylineId()).isEqualTo(line.id());
    }

    @Test
    void aPersonNamedBySurnameAndByFullNameIsOneEntityAndActorsComeBeforePlaces() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        clusterer.place(summit("a1", "Biden proposes summit to Putin in phone call", SUMMIT_A)
                .entity("Russia", EntityType.LOCATION, 9).build(), null, null, NOW);
        var second = clusterer.place(article("a2").title("Biden offers Putin summit in third country").text(SUMMIT_B)
                .published(T0.plus(Duration.ofHours(2))).entity("Biden", EntityType.PERSON, 3)
                .entity("Putin", EntityType.PERSON, 3).entity("Russia", EntityType.LOCATION, 9).build(), null, null, NOW);

        Story story = second.changedStories().get(0);
        assertThat(story.members()).hasSize(2);
        assertThat(story.entities()).extracting(Story.StoryEntity::name).startsWith("Joe Biden", "Vladimir Putin");
        assertThat(story.entities()).filteredOn(e -> e.name().equals("Joe Biden")).singleElement()
                .extracting(Story.StoryEntity::articles).isEqualTo(2);
        assertThat(story.entities()).extracting(Story.StoryEntity::name).doesNotContain("Biden", "Putin");
        assertThat(story.entities()).extracting(Story.StoryEntity::type)
                .containsExactly(EntityType.PERSON, EntityType.PERSON, EntityType.LOCATION, EntityType.LOCATION);
    }

    @Test
    void anUndatedMemberAddsNoTimeToItsEvent() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        clusterer.place(summit("a1", "Biden proposes summit to Putin in phone call", SUMMIT_A)
                .dateline(LocalDate.of(2021, 4, 13)).receivedOnly(Instant.parse("2021-04-13T15:00:00Z")).build(), null, null, NOW);
        var late = clusterer.place(summit("a2", "Biden offers Putin summit in third country", SUMMIT_B)
                .receivedOnly(Instant.parse("2021-04-14T09:00:00Z")).build(), null, null, NOW);

        Story story = late.changedStories().get(0);
        assertThat(story.members()).hasSize(2);
        assertThat(story.firstSeen()).isEqualTo(Instant.parse("2021-04-13T12:00:00Z"));
        assertThat(story.lastSeen()).isEqualTo(Instant.parse("2021-04-13T12:00:00Z"));
        assertThat(story.members().get(1).published()).isNull();
    }

    @Test
    void aSnapshotOfAHugeStoryListsItsFirstAndLatestMembersButCountsThemAll() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        StoryClusterer.Placement last = null;
        for (int i = 0; i < 300; i++) {
            last = clusterer.place(summit("m" + i, "Biden proposes summit to Putin", SUMMIT_A).build(), null, null, NOW);
        }
        Story snapshot = last.changedStories().get(last.changedStories().size() - 1);
        assertThat(snapshot.articleCount()).isEqualTo(300);
        assertThat(snapshot.members()).hasSize(250);
        assertThat(snapshot.members().get(0).articleId()).isEqualTo("m0");
        assertThat(snapshot.members().get(249).articleId()).isEqualTo("m299");
        assertThat(snapshot.members().get(1).articleId()).isEqualTo("m51");
    }

    @Test
    void anUndatedArticleThatFitsTwoDatedCallsJoinsTheLaterOne() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        Instant arrival = Instant.parse("2021-05-01T08:00:00Z");
        // the same summit text dated twice: only the dates tell the stories apart
        var january = clusterer.place(summit("jan", "Biden proposes summit to Putin", SUMMIT_A)
                .receivedOnly(arrival).dateline(LocalDate.of(2021, 1, 26)).build(), null, null, NOW);
        var april = clusterer.place(summit("apr", "Biden proposes summit to Putin", SUMMIT_A)
                .receivedOnly(arrival.plusSeconds(5)).dateline(LocalDate.of(2021, 4, 13)).build(), null, null, NOW);
        var undated = clusterer.place(summit("undated", "Biden offers Putin summit in third country", SUMMIT_B)
                .receivedOnly(arrival.plusSeconds(10)).build(), null, null, NOW);

        assertThat(april.storyId()).isNotEqualTo(january.storyId());
        assertThat(undated.storyId()).as("news follows events: the latest matching event").isEqualTo(april.storyId());
    }

    @Test
    void theSameTextTwoMonthsApartByFeedTimeIsADifferentStoryButReceiptTimesDoNotSplit() {
        StoryClusterer byFeed = new StoryClusterer(StorySettings.defaults().withQuietPeriod(Duration.ofDays(365)));
        var early = byFeed.place(summit("e", "Biden proposes summit to Putin", SUMMIT_A).published(T0).build(), null, null, NOW);
        var late = byFeed.place(summit("l", "Biden offers Putin summit", SUMMIT_B).published(T0.plus(Duration.ofDays(60))).build(), null, null, NOW);
        assertThat(late.storyId()).isNotEqualTo(early.storyId());

        StoryClusterer byReceipt = new StoryClusterer(StorySettings.defaults());
        var r1 = byReceipt.place(summit("r1", "Biden proposes summit to Putin", SUMMIT_A).receivedOnly(T0).build(), null, null, NOW);
        var r2 = byReceipt.place(summit("r2", "Biden offers Putin summit", SUMMIT_B).receivedOnly(T0.plus(Duration.ofDays(2))).build(), null, null, NOW);
        assertThat(r2.storyId()).isEqualTo(r1.storyId());
    }

    @Test
    void aNearDuplicateJoinsTheStoryOfItsOriginal() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        clusterer.place(summit("orig", "Biden proposes summit to Putin", SUMMIT_A).build(), null, null, NOW);
        var copy = clusterer.place(summit("copy", "Biden proposes summit to Putin", SUMMIT_A).source("mirror.net").build(),
                "orig", 0.93, NOW);

        assertThat(copy.storyId()).isEqualTo("story-orig");
        assertThat(copy.duplicateOf()).isEqualTo("orig");
        assertThat(copy.reason().kind()).isEqualTo(MembershipReason.Kind.NEAR_DUPLICATE);
        assertThat(copy.reason().textSimilarity()).isEqualTo(0.93);
        Story story = copy.changedStories().get(0);
        assertThat(story.duplicateCount()).isEqualTo(1);
        assertThat(story.articleCount()).isEqualTo(2);
        assertThat(story.members().get(1).duplicateOf()).isEqualTo("orig");
    }

    @Test
    void quietStoriesCloseAreReportedAndLeaveMemory() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults().withQuietPeriod(Duration.ofDays(2)));
        clusterer.place(summit("s1", "Biden proposes summit to Putin", SUMMIT_A).published(T0).build(), null, null, NOW);
        var later = clusterer.place(article("f1").title("Arsenal beat Chelsea").text(FOOTBALL)
                .published(T0.plus(Duration.ofDays(3))).build(), null, null, NOW);

        assertThat(later.changedStories()).extracting(Story::id, Story::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("story-s1", Story.Status.CLOSED),
                        org.assertj.core.groups.Tuple.tuple("story-f1", Story.Status.OPEN));
        assertThat(later.changedStories().get(0).version()).isEqualTo(2);
        assertThat(clusterer.openStories()).isEqualTo(1);
        assertThat(clusterer.storyOf("s1")).isEmpty();
    }

    @Test
    void aRedeliveredArticleChangesNothingAndARevisionStaysInItsStory() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        var first = clusterer.place(summit("a1", "Biden proposes summit to Putin", SUMMIT_A).build(), null, null, NOW);
        var again = clusterer.place(summit("a1", "Biden proposes summit to Putin", SUMMIT_A).build(), null, null, NOW);
        var revised = clusterer.place(summit("a1", "Biden proposes summit to Putin in a third country", SUMMIT_A)
                .revision(2).build(), null, null, NOW);

        assertThat(again.changedStories().get(0)).isEqualTo(first.changedStories().get(0));
        assertThat(revised.storyId()).isEqualTo("story-a1");
        Story story = revised.changedStories().get(0);
        assertThat(story.version()).isEqualTo(2);
        assertThat(story.articleCount()).isEqualTo(1);
        assertThat(story.members().get(0).title()).isEqualTo("Biden proposes summit to Putin in a third country");
    }

    @Test
    void languagesDoNotMix() {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        var en = clusterer.place(summit("en1", "Biden proposes summit to Putin", SUMMIT_A).build(), null, null, NOW);
        var de = clusterer.place(summit("de1", "Biden proposes summit to Putin", SUMMIT_A).language("de").build(), null, null, NOW);
        assertThat(de.storyId()).isNotEqualTo(en.storyId());
        assertThat(de.changedStories().get(0).language()).isEqualTo("de");
    }

    @Test
    void theSameInputOrderGivesTheSameStories() {
        List<EnrichedArticle> stream = new ArrayList<>();
        String[] texts = {SUMMIT_A, START_CALL, FOOTBALL, SUMMIT_B};
        for (int i = 0; i < 40; i++) {
            String text = texts[i % texts.length] + " Update " + (i / 4) + ".";
            Articles a = i % 4 == 2
                    ? article("x" + i).title("Match report").text(text).entity("Arsenal", EntityType.ORGANIZATION, 2)
                    : summit("x" + i, "Report " + (i % 4), text);
            stream.add(a
                    .published(T0.plus(Duration.ofHours(7L * i))).source("s" + (i % 3) + ".org").build());
        }
        assertThat(run(stream)).isEqualTo(run(stream));
        assertThat(run(stream).stream().map(Story::id).distinct().count()).isGreaterThan(1);
    }

    @Test
    void settingsRejectNonsense() {
        assertThatThrownBy(() -> StorySettings.defaults().withJoinThreshold(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SameEventRule(0.2, 0, 0, 0, 0, 0, Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> StorySettings.defaults().withQuietPeriod(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Story> run(List<EnrichedArticle> stream) {
        StoryClusterer clusterer = new StoryClusterer(StorySettings.defaults());
        List<Story> out = new ArrayList<>();
        for (EnrichedArticle a : stream) {
            out.addAll(clusterer.place(a, null, null, NOW).changedStories());
        }
        return out;
    }
}
