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
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.storyline.dedupe.board.Stories.entity;
import static io.storyline.dedupe.board.Stories.inStoryline;
import static io.storyline.dedupe.board.Stories.member;
import static io.storyline.dedupe.board.Stories.open;
import static io.storyline.dedupe.board.Stories.place;
import static io.storyline.dedupe.board.Stories.storyline;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The board page in a real browser (headless Chromium) over a real broker: a storyline published to news.storylines,
 * with its events on news.stories, appears on the open page as a card with its events as dated chapters, grows live
 * from the stream without a reload, and opens into its events and its own view. Article text carrying markup stays
 * text. Screenshots land in target/.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class StoryBoardPageTest {

    private static final Path TARGET = Path.of("target").toAbsolutePath();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final String SCRIPT = "<script>alert(1)</script>";

    private static KafkaCompanion companion;
    private static Chromium browser;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/")
    URL boardUrl;

    @BeforeAll
    static void start() throws Exception {
        companion = new KafkaCompanion(TestKafka.bootstrapServers());
        browser = Chromium.start(TARGET);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (companion != null) {
            companion.close();
        }
    }

    @Test
    void storylineCardShowsItsEventsAsDatedChaptersAndGrowsLive() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String tag = "Entity " + run;
        String storylineId = run + "-us-russia";
        // other tests publish to the same broker: this page shows only what names this run's entity
        browser.navigate(boardUrl + "?entity=" + URLEncoder.encode(tag, StandardCharsets.UTF_8));
        await().atMost(PATIENCE).until(() -> "Live".equals(text("#connection")) && "0 storylines".equals(text("#count")));
        // survives only if the page is never reloaded; and any blocked inline script or style would be recorded
        browser.script("window.storylineBoardSession = 'live'; window.cspViolations = [];"
                + "document.addEventListener('securitypolicyviolation', e => window.cspViolations.push(e.violatedDirective));");

        Story january = inStoryline(storylineId, open(run + "-jan", 1, "en", List.of(entity("Joe Biden", 1), entity("Vladimir Putin", 1)),
                member(run + "-j1", "Reuters", "Biden and Putin hold their first call", "2021-01-26T18:00:00Z")));
        Story april = inStoryline(storylineId, open(run + "-apr", 4, "en",
                List.of(entity("Vladimir Putin", 4), entity("Joe Biden", 4), entity(tag, 2), place("Ukraine", 3)),
                member(run + "-a1", "Xinhua", "Putin, Biden discuss summit " + SCRIPT, "2021-04-13T15:00:00Z"),
                member(run + "-a2", "China News Agency", "Biden proposes summit", "2021-04-13T16:00:00Z"),
                member(run + "-a3", "TASS", "Kremlin on the call", "2021-04-14T08:00:00Z"),
                member(run + "-a4", "AP", "Biden calls Putin", "2021-04-14T09:00:00Z")));
        Story analysis = inStoryline(storylineId, open(run + "-analysis", 1, "en", List.of(),
                member(run + "-u1", "BBC", "What the calls mean", null)));
        List<Story.StoryEntity> principals = List.of(entity("Vladimir Putin", 6), entity("Joe Biden", 6), entity(tag, 2), place("Ukraine", 3));
        publish(january, april, analysis);
        publish(storyline(storylineId, 1, principals, january, april, analysis));

        await().atMost(PATIENCE).untilAsserted(() -> assertThat(chapterSources(storylineId))
                .as("every chapter enriched from its event").containsExactly("1 source · Reuters",
                        "4 sources · AP, China News Agency, …", "1 source · BBC"));
        JsonNode card = card(storylineId);
        assertThat(card.path("headline").asText()).isEqualTo("Putin, Biden discuss summit " + SCRIPT);
        assertThat(card.path("size").asText()).startsWith("3 events · 6 articles · 6 sources");
        assertThat(card.path("dates").asText()).isEqualTo("Jan 26 – Apr 14");
        assertThat(texts(card.path("entities"))).as("principal actors first, as published")
                .containsExactly("Vladimir Putin", "Joe Biden", tag, "Ukraine");
        JsonNode chapters = card.path("chapters");
        assertThat(texts(chapters, "id")).containsExactly(run + "-jan", run + "-apr", run + "-analysis");
        assertThat(texts(chapters, "date")).as("an undated event shows no date").containsExactly("Jan 26", "Apr 13 – Apr 14", null);
        assertThat(texts(chapters, "articles")).containsExactly("1", "4", "1");
        assertThat(chapters.get(1).path("headline").asText()).isEqualTo("Putin, Biden discuss summit " + SCRIPT);
        assertThat(texts(chapters.get(1).path("entities"))).containsExactly("Vladimir Putin", "Joe Biden", tag);
        assertThat(card.path("injected").asInt()).as("no element was made of a headline").isZero();
        assertThat(browser.script("return document.scripts.length").asInt()).as("only board.js runs").isEqualTo(1);
        assertThat(browser.alertOpen()).isFalse();
        browser.screenshot(TARGET.resolve("board-storylines.png"));

        // the April event grows, then the storyline gains a fourth event: the open page follows, no reload
        Story aprilGrown = inStoryline(storylineId, open(run + "-apr", 5, "en", april.entities(),
                april.members().get(0), april.members().get(1), april.members().get(2), april.members().get(3),
                member(run + "-a5", "Reuters", "Biden, Putin agree to talk again", "2021-04-15T10:00:00Z")));
        Story summit = inStoryline(storylineId, open(run + "-summit", 1, "en", List.of(entity("Joe Biden", 1), place("Geneva", 1)),
                member(run + "-s1", "Swissinfo", "Geneva to host the summit", "2021-05-25T10:00:00Z")));
        publish(aprilGrown, summit);
        publish(storyline(storylineId, 2, principals, january, aprilGrown, analysis, summit));

        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonNode grown = card(storylineId);
            assertThat(texts(grown.path("chapters"), "id"))
                    .containsExactly(run + "-jan", run + "-apr", run + "-summit", run + "-analysis");
            assertThat(texts(grown.path("chapters"), "date")).containsExactly("Jan 26", "Apr 13 – Apr 15", "May 25", null);
            assertThat(texts(grown.path("chapters"), "sources")).containsExactly("1 source · Reuters",
                    "5 sources · AP, China News Agency, …", "1 source · Swissinfo", "1 source · BBC");
            assertThat(grown.path("size").asText()).startsWith("4 events · 8 articles");
        });
        assertThat(browser.script("return window.storylineBoardSession").asText()).as("the page was not reloaded").isEqualTo("live");

        // a chapter opens its event, with its articles and the way back to its storyline
        browser.click("#cards .chapter[data-story-id='" + run + "-apr'] .chapter__link");
        await().atMost(PATIENCE).until(() -> browser.script(
                "return !document.getElementById('detail').hidden && document.querySelectorAll('#detail-articles .article').length === 5").asBoolean());
        assertThat(text("#detail-headline")).isEqualTo("Putin, Biden discuss summit " + SCRIPT);
        assertThat(text("#detail-storyline")).contains("One event of the storyline", "(4 events)");
        browser.screenshot(TARGET.resolve("board-storyline-event.png"));

        browser.click("#detail-storyline a");
        await().atMost(PATIENCE).until(() -> browser.script(
                "return !document.getElementById('storyline-detail').hidden && document.querySelectorAll('#storyline-chapters .chapter').length === 4").asBoolean());
        assertThat(browser.script("return Array.from(document.querySelectorAll('#storyline-chapters .chapter__sources')).map(s => s.textContent)"))
                .extracting(JsonNode::asText).containsExactly("1 source · Reuters",
                        "5 sources · AP, China News Agency, Reuters, TASS, Xinhua", "1 source · Swissinfo", "1 source · BBC");
        assertThat(text("#storyline-summary")).startsWith("4 events · 8 articles");
        browser.screenshot(TARGET.resolve("board-storyline.png"));

        browser.click("#storyline-back");
        await().atMost(PATIENCE).until(() -> browser.script("return !document.getElementById('board').hidden").asBoolean());
        assertThat(browser.script("return window.cspViolations").size()).as("nothing the CSP had to block").isZero();
        assertThat(browser.alertOpen()).isFalse();
        assertThat(browser.script("return window.storylineBoardSession").asText()).isEqualTo("live");
    }

    /** The storyline's card as the page shows it now, read in one script so a live update cannot tear the reading. */
    private JsonNode card(String storylineId) throws Exception {
        return browser.script("""
                const card = document.querySelector('#cards .storyline-card[data-storyline-id="' + CSS.escape(%s) + '"]');
                if (!card) return null;
                const text = (node) => node ? node.textContent : null;
                return {
                  headline: text(card.querySelector('.storyline-card__link')),
                  size: text(card.querySelector('.storyline-card__size')),
                  dates: text(card.querySelector('.storyline-card__dates')),
                  entities: Array.from(card.querySelectorAll(':scope > .chips .chip')).map(text),
                  injected: card.querySelectorAll('script, b, img').length,
                  chapters: Array.from(card.querySelectorAll('.chapter')).map((c) => ({
                    id: c.dataset.storyId,
                    date: text(c.querySelector('.chapter__date')),
                    headline: text(c.querySelector('.chapter__link')),
                    articles: text(c.querySelector('.chapter__count')),
                    sources: text(c.querySelector('.chapter__sources')),
                    entities: Array.from(c.querySelectorAll('.chip')).map(text),
                  })),
                };""".formatted(json.writeValueAsString(storylineId)));
    }

    private List<String> chapterSources(String storylineId) throws Exception {
        JsonNode card = card(storylineId);
        return card == null || card.isNull() ? List.of() : texts(card.path("chapters"), "sources");
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.isNull() ? null : node.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> texts = new ArrayList<>();
        array.forEach(node -> texts.add(node.path(field).isNull() ? null : node.path(field).asText()));
        return texts;
    }

    private static String text(String selector) throws Exception {
        JsonNode text = browser.script("const n = document.querySelector(" + new ObjectMapper().writeValueAsString(selector)
                + "); return n ? n.textContent : null;");
        return text.isNull() ? null : text.asText();
    }

    private void publish(Story... stories) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Story story : stories) {
            records.add(new ProducerRecord<>(Topic.STORIES.topicName(), story.id(), json.writeValueAsBytes(story)));
        }
        companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }

    private void publish(Storyline... storylines) throws Exception {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Storyline storyline : storylines) {
            records.add(new ProducerRecord<>(Topic.STORYLINES.topicName(), storyline.id(), json.writeValueAsBytes(storyline)));
        }
        companion.produce(String.class, byte[].class).fromRecords(records).awaitCompletion();
    }
}
