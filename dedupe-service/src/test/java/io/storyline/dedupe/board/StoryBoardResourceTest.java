package io.storyline.dedupe.board;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;
import static io.storyline.dedupe.board.Stories.copy;
import static io.storyline.dedupe.board.Stories.entity;
import static io.storyline.dedupe.board.Stories.inStoryline;
import static io.storyline.dedupe.board.Stories.member;
import static io.storyline.dedupe.board.Stories.open;
import static io.storyline.dedupe.board.Stories.place;
import static io.storyline.dedupe.board.Stories.story;
import static io.storyline.dedupe.board.Stories.storyline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.startsWith;

/**
 * The board over a real broker: snapshots produced to news.stories and news.storylines come out of the HTTP API and
 * the SSE stream. Other tests publish to the same broker, so every test works under its own entity and ids.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class StoryBoardResourceTest {

    private static KafkaCompanion companion;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/stories/stream")
    URL streamUrl;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        companion.close();
    }

    @Test
    void listsStoriesFromTheTopicNewestActivityFirstWithFiltersAndPages() throws Exception {
        String run = run();
        String tag = "Entity " + run;
        Story call = open(run + "-call", 2, "en", List.of(entity(tag, 2), entity("Joe Biden", 2)),
                member(run + "-a1", "reuters.com", "Biden and Putin speak", "2021-04-13T15:00:00Z"),
                member(run + "-a2", "apnews.com", "Biden calls Putin", "2021-04-13T16:00:00Z"));
        Story callBefore = open(run + "-call", 1, "en", List.of(entity(tag, 1)),
                member(run + "-a1", "reuters.com", "Biden and Putin speak", "2021-04-13T15:00:00Z"));
        Story january = open(run + "-jan", 1, "en", List.of(entity(tag, 1)),
                member(run + "-b1", "bbc.co.uk", "First call", "2021-01-26T18:00:00Z"));
        Story german = open(run + "-de", 1, "de", List.of(entity(tag, 1)),
                member(run + "-c1", "spiegel.de", "Telefonat", "2021-04-12T09:00:00Z"));
        Story closed = story(run + "-closed", 1, "en", Story.Status.CLOSED, List.of(entity(tag, 1)),
                member(run + "-d1", "cnn.com", "Old news", "2021-04-14T09:00:00Z"));
        // the stale version arrives last: the board must keep version 2
        publish(call, january, german, closed, callBefore);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("entity", tag).queryParam("status", "all")
                .when().get("/stories").then().statusCode(200).body("total", equalTo(4)));

        given().queryParam("entity", tag.toLowerCase()).when().get("/stories").then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.id", equalTo(List.of(run + "-call", run + "-de", run + "-jan")))
                .body("items[0].version", equalTo(2))
                .body("items[0].articleCount", equalTo(2))
                .body("items[0].sources.source", equalTo(List.of("apnews.com", "reuters.com")))
                .body("items[0].entities.name", hasItems(tag, "Joe Biden"))
                .body("items[0].firstSeen", equalTo("2021-04-13T15:00:00Z"))
                .body("items[0].lastSeen", equalTo("2021-04-13T16:00:00Z"))
                .body("items[0].timeline.counts.sum()", equalTo(2))
                .body("items[0].members", equalTo(null));
        given().queryParam("entity", tag).queryParam("language", "de").when().get("/stories").then()
                .body("items.id", equalTo(List.of(run + "-de")));
        given().queryParam("entity", tag).queryParam("from", "2021-04-13").queryParam("to", "2021-04-13").when().get("/stories").then()
                .body("items.id", equalTo(List.of(run + "-call")));
        given().queryParam("entity", tag).queryParam("status", "closed").when().get("/stories").then()
                .body("items.id", equalTo(List.of(run + "-closed")));
        given().queryParam("entity", tag).queryParam("page", "1").queryParam("size", "2").when().get("/stories").then()
                .body("page", equalTo(1)).body("size", equalTo(2)).body("total", equalTo(3))
                .body("items.id", equalTo(List.of(run + "-jan")));
    }

    @Test
    void storyDetailExplainsEveryMemberAndFoldsNearDuplicates() throws Exception {
        String run = run();
        Story story = open(run + "-story", 3, "en", List.of(entity("Entity " + run, 3)),
                member(run + "-orig", "reuters.com", "Biden proposes summit", "2021-04-13T15:00:00Z"),
                member(run + "-other", "bbc.co.uk", "Summit offer to Putin", "2021-04-13T15:30:00Z"),
                copy(run + "-copy", "yahoo.com", "Biden proposes summit (Reuters)", "2021-04-13T15:40:00Z", run + "-orig"));
        publish(story);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/stories/{id}", run + "-story").then().statusCode(200));

        given().when().get("/stories/{id}", run + "-story").then().statusCode(200)
                .body("card.id", equalTo(run + "-story"))
                .body("card.duplicateCount", equalTo(1))
                .body("story.version", equalTo(3))
                .body("story.members.articleId", equalTo(List.of(run + "-orig", run + "-other", run + "-copy")))
                .body("story.members[1].reason.kind", equalTo("SIMILAR"))
                .body("story.members[1].reason.sharedEntities", equalTo(List.of("Joe Biden")))
                .body("story.members[2].reason.kind", equalTo("NEAR_DUPLICATE"))
                .body("articles.article.articleId", equalTo(List.of(run + "-orig", run + "-other")))
                .body("articles[0].duplicates.articleId", equalTo(List.of(run + "-copy")))
                .body("articles[1].duplicates", equalTo(List.of()));
        given().when().get("/articles/{id}/story", run + "-copy").then().statusCode(200)
                .body("story.id", equalTo(run + "-story"));
    }

    @Test
    void unknownStoriesAndBadQueriesAreProblems() {
        given().when().get("/stories/{id}", "no-such-story").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404)).body("detail", containsString("no-such-story"));
        given().when().get("/storylines/{id}", "no-such-storyline").then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(404)).body("detail", containsString("no-such-storyline"));
        given().queryParam("size", "501").when().get("/storylines").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("size"));
        given().queryParam("to", "someday").when().get("/storylines").then().statusCode(400)
                .body("detail", containsString("to must be an ISO-8601 instant"));
        given().when().get("/articles/{id}/story", "no-such-article").then().statusCode(404)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("no-such-article"));
        given().queryParam("size", "0").when().get("/stories").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("size"));
        given().queryParam("page", "two").when().get("/stories").then().statusCode(400)
                .body("detail", containsString("page must be a whole number"));
        given().queryParam("from", "yesterday").when().get("/stories").then().statusCode(400)
                .body("detail", containsString("from must be an ISO-8601 instant"));
        given().queryParam("from", "2021-05-01").queryParam("to", "2021-04-01").when().get("/stories").then().statusCode(400)
                .body("detail", containsString("after"));
        given().queryParam("status", "pending").when().get("/stories/stream").then().statusCode(400)
                .contentType(startsWith("application/problem+json")).body("detail", containsString("status"));
    }

    @Test
    void streamSendsEachChangeOfAMatchingStoryAndSaysWhenOneLeaves() throws Exception {
        String run = run();
        String tag = "Entity " + run;
        String id = run + "-live";
        String filter = "?entity=" + tag.replace(" ", "%20");
        try (EventStream open = EventStream.open(streamUrl + filter);
             EventStream all = EventStream.open(streamUrl + filter + "&status=all")) {
            // a story not naming the entity must not reach either stream
            publish(open(run + "-unrelated", 1, "en", List.of(entity("Someone Else", 1)),
                    member(run + "-u1", "x.com", "Unrelated", "2021-04-13T10:00:00Z")));
            publish(open(id, 1, "en", List.of(entity(tag, 1)), member(run + "-a1", "reuters.com", "<b>Breaking</b>", "2021-04-13T15:00:00Z")));
            Event first = open.next("story");
            assertThat(first.id()).isEqualTo(id + "@1");
            assertThat(json.readTree(first.data()).path("articleCount").asInt()).isEqualTo(1);
            assertThat(json.readTree(first.data()).path("headline").asText()).isEqualTo("<b>Breaking</b>");

            long published = System.nanoTime();
            publish(open(id, 2, "en", List.of(entity(tag, 2)), member(run + "-a1", "reuters.com", "<b>Breaking</b>", "2021-04-13T15:00:00Z"),
                    member(run + "-a2", "apnews.com", "Follow-up", "2021-04-13T16:00:00Z")));
            Event second = open.next("story");
            // live means pushed at once, not held until the next keep-alive (20 s)
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(10));
            assertThat(second.id()).isEqualTo(id + "@2");
            JsonNode grown = json.readTree(second.data());
            assertThat(grown.path("articleCount").asInt()).isEqualTo(2);
            assertThat(grown.path("timeline").path("counts").size()).isEqualTo(ArticleTimeline.SLICES);

            // closing takes it off a stream of open stories; a tombstone takes it off the board
            publish(story(id, 3, "en", Story.Status.CLOSED, List.of(entity(tag, 2)),
                    member(run + "-a1", "reuters.com", "<b>Breaking</b>", "2021-04-13T15:00:00Z")));
            assertThat(json.readTree(open.next("removed").data()).path("id").asText()).isEqualTo(id);
            companion.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(Topic.STORIES.topicName(), id, null)).awaitCompletion();
            assertThat(all.next("story").id()).isEqualTo(id + "@1");
            assertThat(all.next("story").id()).isEqualTo(id + "@2");
            Event closed = all.next("story");
            assertThat(closed.id()).isEqualTo(id + "@3");
            assertThat(json.readTree(closed.data()).path("status").asText()).isEqualTo("CLOSED");
            assertThat(json.readTree(all.next("removed").data()).path("id").asText()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/stories/{id}", id).then().statusCode(404));
            assertThat(open.received()).extracting(Event::data).noneMatch(data -> data.contains(run + "-unrelated"));
            assertThat(all.received()).extracting(Event::data).noneMatch(data -> data.contains(run + "-unrelated"));
        }
    }

    @Test
    void skipsAnUnreadableSnapshotAndKeepsReading() throws Exception {
        String run = run();
        companion.produce(String.class, byte[].class).fromRecords(
                new ProducerRecord<>(Topic.STORIES.topicName(), run + "-broken", "{not json".getBytes())).awaitCompletion();
        publish(open(run + "-broken", 1, "en", List.of(), member(run + "-a1", "x.com", "Readable", "2021-04-13T10:00:00Z")));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/stories/{id}", run + "-broken").then().statusCode(200)
                        .body("card.headline", equalTo("Readable")));
    }

    /**
     * Nothing is ever committed for the board's consumers, so any start reads news.stories and news.storylines from
     * their first offsets.
     */
    @Test
    void boardConsumersCommitNoOffsets() throws Exception {
        String run = run();
        Story story = open(run + "-s", 1, "en", List.of(), member(run + "-a1", "x.com", "Committed?", "2021-04-13T10:00:00Z"));
        publish(story);
        publish(storyline("storyline-" + story.id(), 1, List.of(), story));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            given().when().get("/stories/{id}", run + "-s").then().statusCode(200);
            given().when().get("/storylines/{id}", "storyline-" + story.id()).then().statusCode(200);
        });

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()))) {
            List<String> groups = admin.listGroups().all().get(30, TimeUnit.SECONDS).stream()
                    .map(GroupListing::groupId).filter(g -> g.startsWith("dedupe-board-")).toList();
            assertThat(groups).as("the board's consumer groups").anyMatch(g -> g.startsWith("dedupe-board-storylines-"))
                    .anyMatch(g -> !g.startsWith("dedupe-board-storylines-"));
            for (String group : groups) {
                assertThat(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS))
                        .as("offsets committed by " + group).isEmpty();
            }
        }
    }

    @Test
    void servesTheBoardPageAndDocumentsTheApi() {
        given().when().get("/").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .body(containsString("<script src=\"board.js\""));
        String script = given().when().get("/board.js").then().statusCode(200).extract().asString();
        assertThat(script).contains("textContent")
                .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(");
        given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths.keySet()", hasItems("/stories", "/stories/{id}", "/articles/{id}/story", "/stories/stream",
                        "/storylines", "/storylines/{id}"))
                .body("paths.'/stories'.get.parameters.name", hasItems("language", "entity", "from", "to", "page", "size", "status"))
                .body("paths.'/storylines'.get.parameters.name", hasItems("language", "entity", "from", "to", "page", "size", "status"))
                .body("paths.'/storylines/{id}'.get.responses.'404'.content.keySet()", hasItems("application/problem+json"))
                .body("paths.'/stories/stream'.get.description", containsString("'storyline'"));
    }

    @Test
    void listsStorylinesWithTheirEventsAsChaptersEnrichedFromTheEventSnapshots() throws Exception {
        String run = run();
        String tag = "Entity " + run;
        String storylineId = run + "-us-russia";
        Story january = inStoryline(storylineId, open(run + "-jan", 2, "en", List.of(entity("Joe Biden", 1), entity("Vladimir Putin", 1)),
                member(run + "-j1", "Reuters", "Biden and Putin hold first call", "2021-01-26T18:00:00Z")));
        Story april = inStoryline(storylineId, open(run + "-apr", 4, "en",
                List.of(entity("Vladimir Putin", 4), entity("Joe Biden", 4), entity(tag, 1), place("Ukraine", 3)),
                member(run + "-a1", "Xinhua", "Putin, Biden discuss summit", "2021-04-13T15:00:00Z"),
                member(run + "-a2", "China News Agency", "Biden proposes summit", "2021-04-13T16:00:00Z"),
                member(run + "-a3", "TASS", "Kremlin on the call", "2021-04-14T08:00:00Z"),
                member(run + "-a4", "AP", "Biden calls Putin", "2021-04-14T09:00:00Z")));
        Storyline line = storyline(storylineId, 3, List.of(entity("Vladimir Putin", 5), entity("Joe Biden", 5), place("Ukraine", 3)),
                january, april);
        Story other = inStoryline(run + "-other", open(run + "-quake", 1, "en", List.of(entity(tag, 1)),
                member(run + "-q1", "BBC", "Quake", "2021-03-01T10:00:00Z")));
        publish(april, january, other);
        publish(line, storyline(run + "-other", 1, List.of(), other), storyline(storylineId, 2, List.of(), january));

        // the tag is named only by April's event, not by the storyline itself
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().queryParam("entity", tag)
                .when().get("/storylines").then().statusCode(200).body("total", equalTo(2))
                .body("items[0].version", equalTo(3))
                .body("items[0].chapters.onBoard", equalTo(List.of(true, true)))
                .body("items[1].chapters.onBoard", equalTo(List.of(true))));

        given().queryParam("entity", tag.toUpperCase()).when().get("/storylines").then().statusCode(200)
                .body("items.id", equalTo(List.of(storylineId, run + "-other")))
                .body("items[0].version", equalTo(3))
                .body("items[0].headline", equalTo("Putin, Biden discuss summit"))
                .body("items[0].eventCount", equalTo(2))
                .body("items[0].articleCount", equalTo(5))
                .body("items[0].sourceCount", equalTo(5))
                .body("items[0].firstSeen", equalTo("2021-01-26T18:00:00Z"))
                .body("items[0].lastSeen", equalTo("2021-04-14T09:00:00Z"))
                .body("items[0].entities.name", equalTo(List.of("Vladimir Putin", "Joe Biden", "Ukraine")))
                .body("items[0].sources", equalTo(List.of("AP", "China News Agency", "Reuters", "TASS", "Xinhua")))
                .body("items[0].chapters.storyId", equalTo(List.of(run + "-jan", run + "-apr")))
                .body("items[0].chapters[0].headline", equalTo("Biden and Putin hold first call"))
                .body("items[0].chapters[0].version", equalTo(2))
                .body("items[0].chapters[0].firstSeen", equalTo("2021-01-26T18:00:00Z"))
                .body("items[0].chapters[0].sources", equalTo(List.of("Reuters")))
                .body("items[1].chapters[0].storyId", equalTo(run + "-quake"))
                .body("items[0].chapters[1].articleCount", equalTo(4))
                .body("items[0].chapters[1].sourceCount", equalTo(4))
                .body("items[0].chapters[1].firstSeen", equalTo("2021-04-13T15:00:00Z"))
                .body("items[0].chapters[1].lastSeen", equalTo("2021-04-14T09:00:00Z"))
                .body("items[0].chapters[1].sources", equalTo(List.of("AP", "China News Agency", "TASS", "Xinhua")))
                .body("items[0].chapters[1].entities.name", equalTo(List.of("Vladimir Putin", "Joe Biden", tag, "Ukraine")))
                .body("items[0].chapters[1].timeline.counts.sum()", equalTo(4));
        given().queryParam("entity", tag).queryParam("from", "2021-04-01").when().get("/storylines").then()
                .body("items.id", equalTo(List.of(storylineId)));
        given().queryParam("entity", tag).queryParam("page", "1").queryParam("size", "1").when().get("/storylines").then()
                .body("total", equalTo(2)).body("items.id", equalTo(List.of(run + "-other")));
        given().queryParam("entity", tag).queryParam("status", "closed").when().get("/storylines").then()
                .body("total", equalTo(0));

        given().when().get("/storylines/{id}", storylineId).then().statusCode(200)
                .body("card.id", equalTo(storylineId))
                .body("storyline.version", equalTo(3))
                .body("storyline.events.storyId", equalTo(List.of(run + "-jan", run + "-apr")))
                .body("chapters.storyId", equalTo(List.of(run + "-jan", run + "-apr")))
                .body("chapters[1].headline", equalTo("Putin, Biden discuss summit"))
                .body("chapters[1].entities.size()", equalTo(4));
        // an event tells its storyline
        given().when().get("/articles/{id}/story", run + "-a3").then().statusCode(200)
                .body("story.id", equalTo(run + "-apr"))
                .body("story.storylineId", equalTo(storylineId))
                .body("card.storylineId", equalTo(storylineId))
                .body("storyline.id", equalTo(storylineId))
                .body("storyline.eventCount", equalTo(2));
        given().when().get("/stories/{id}", run + "-jan").then().statusCode(200)
                .body("storyline.headline", equalTo("Putin, Biden discuss summit"));
    }

    @Test
    void streamSendsStorylineChangesAlongsideStoryChanges() throws Exception {
        String run = run();
        String tag = "Entity " + run;
        String storylineId = run + "-line";
        String filter = "?entity=" + tag.replace(" ", "%20");
        try (EventStream stream = EventStream.open(streamUrl + filter)) {
            Story first = inStoryline(storylineId, open(run + "-e1", 1, "en", List.of(entity(tag, 1)),
                    member(run + "-a1", "Reuters", "First event", "2021-04-13T15:00:00Z")));
            publish(first);
            assertThat(stream.next("story").id()).as("stories still come as 'story'").isEqualTo(first.id() + "@1");
            publish(storyline(storylineId, 1, List.of(entity(tag, 1)), first));
            Event created = stream.next("storyline");
            assertThat(created.id()).isEqualTo(storylineId + "@1");
            JsonNode card = json.readTree(created.data());
            assertThat(card.path("id").asText()).isEqualTo(storylineId);
            assertThat(card.path("chapters").size()).isEqualTo(1);
            assertThat(card.path("chapters").get(0).path("sources").toString()).isEqualTo("[\"Reuters\"]");

            // the event grows before its storyline says so: the storyline is announced again, same version, new chapter
            Story grown = inStoryline(storylineId, open(run + "-e1", 2, "en", List.of(entity(tag, 2)),
                    member(run + "-a1", "Reuters", "First event", "2021-04-13T15:00:00Z"),
                    member(run + "-a2", "AP", "First event, more", "2021-04-13T16:00:00Z")));
            publish(grown);
            Event regrown = stream.next("storyline");
            assertThat(regrown.id()).isEqualTo(storylineId + "@1");
            JsonNode chapter = json.readTree(regrown.data()).path("chapters").get(0);
            assertThat(chapter.path("version").asInt()).isEqualTo(2);
            assertThat(chapter.path("articleCount").asInt()).isEqualTo(2);
            assertThat(chapter.path("sources").toString()).isEqualTo("[\"AP\",\"Reuters\"]");

            // a second event joins the storyline
            Story second = inStoryline(storylineId, open(run + "-e2", 1, "en", List.of(entity("Someone", 1)),
                    member(run + "-b1", "TASS", "Second event", "2021-04-20T09:00:00Z")));
            publish(second);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/stories/{id}", second.id()).then().statusCode(200));
            publish(storyline(storylineId, 2, List.of(entity(tag, 2)), grown, second));
            Event joined = nextOfVersion(stream, storylineId + "@2");
            JsonNode two = json.readTree(joined.data());
            assertThat(two.path("eventCount").asInt()).isEqualTo(2);
            assertThat(two.path("chapters").findValuesAsText("storyId")).containsExactly(run + "-e1", run + "-e2");
            assertThat(two.path("chapters").get(1).path("sources").toString()).isEqualTo("[\"TASS\"]");

            // a tombstone takes the storyline off the board, and so off the stream
            companion.produce(String.class, byte[].class)
                    .fromRecords(new ProducerRecord<>(Topic.STORYLINES.topicName(), storylineId, null)).awaitCompletion();
            assertThat(json.readTree(stream.next("storyline-removed").data()).path("id").asText()).isEqualTo(storylineId);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    given().when().get("/storylines/{id}", storylineId).then().statusCode(404));
            given().when().get("/stories/{id}", run + "-e2").then().statusCode(200).body("storyline", equalTo(null));
        }
    }

    @Test
    void skipsAnUnreadableStorylineSnapshotAndKeepsReading() throws Exception {
        String run = run();
        companion.produce(String.class, byte[].class).fromRecords(
                new ProducerRecord<>(Topic.STORYLINES.topicName(), run + "-broken", "{not json".getBytes()),
                new ProducerRecord<>(Topic.STORYLINES.topicName(), run + "-broken", "{\"version\": 1}".getBytes())).awaitCompletion();
        publish(storyline(run + "-broken", 1, List.of(), open(run + "-e", 1, "en", List.of(),
                member(run + "-a1", "x.com", "Readable", "2021-04-13T10:00:00Z"))));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().when().get("/storylines/{id}", run + "-broken").then().statusCode(200)
                        .body("card.headline", equalTo("Readable"))
                        .body("chapters[0].onBoard", equalTo(false)));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("storyline_board_unreadable_snapshots_total{service=\"dedupe-service\",topic=\"news.storylines\"}"))
                .body(containsString("storyline_board_storylines{"));
    }

    /** The next 'storyline' event with this SSE id (re-announcements of the previous version may come first). */
    private static Event nextOfVersion(EventStream stream, String id) throws InterruptedException {
        while (true) {
            Event event = stream.next("storyline");
            if (id.equals(event.id())) {
                return event;
            }
        }
    }

    private void publish(Storyline... storylines) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Storyline storyline : storylines) {
            records.add(new ProducerRecord<>(Topic.STORYLINES.topicName(), storyline.id(), json.writeValueAsBytes(storyline)));
        }
        companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    private void publish(Story... stories) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Story story : stories) {
            records.add(new ProducerRecord<>(Topic.STORIES.topicName(), story.id(), json.writeValueAsBytes(story)));
        }
        companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    private static String run() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    record Event(String name, String id, String data) {
    }

    /** A minimal Server-Sent Events reader over the JDK client: enough to see what a browser's EventSource would. */
    static final class EventStream implements AutoCloseable {
        private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
        private final List<Event> received = new ArrayList<>();
        private final CompletableFuture<HttpResponse<Stream<String>>> response;

        private EventStream(String url) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").GET().build();
            response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        }

        static EventStream open(String url) throws Exception {
            EventStream stream = new EventStream(url);
            HttpResponse<Stream<String>> response = stream.response.get(30, TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(200);
            Thread reader = new Thread(() -> stream.read(response.body()), "sse-reader");
            reader.setDaemon(true);
            reader.start();
            return stream;
        }

        private void read(Stream<String> lines) {
            String[] current = new String[3];
            StringBuilder data = new StringBuilder();
            try {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (current[0] != null || data.length() > 0) {
                            events.add(new Event(current[0] == null ? "message" : current[0], current[1], data.toString()));
                        }
                        current[0] = null;
                        current[1] = null;
                        data.setLength(0);
                    } else if (line.startsWith("event:")) {
                        current[0] = line.substring(6).trim();
                    } else if (line.startsWith("id:")) {
                        current[1] = line.substring(3).trim();
                    } else if (line.startsWith("data:")) {
                        if (data.length() > 0) {
                            data.append('\n');
                        }
                        data.append(line.substring(5).stripLeading());
                    }
                });
            } catch (RuntimeException closed) {
                // the stream was closed by the test
            }
        }

        /** The next event of that name, skipping others (e.g. removals of stories other tests publish). */
        Event next(String name) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                Event event = events.poll(200, TimeUnit.MILLISECONDS);
                if (event != null) {
                    received.add(event);
                    if (event.name().equals(name)) {
                        return event;
                    }
                }
            }
            throw new AssertionError("no '" + name + "' event within 30 s; received " + received);
        }

        List<Event> received() {
            return received;
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }
}
