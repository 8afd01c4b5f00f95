package io.storyline.dedupe.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.ClusteredArticle;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The dedupe stage over a real broker: enriched articles in, clustered records, event and storyline snapshots out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class EnrichedArticleListenerTest {

    private static KafkaCompanion companion;

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        companion.close();
    }

    @Test
    void wireStoryAndTwentyEditedCopiesFormOneStoryWhileUnrelatedArticlesStayOut() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String[] wire = TestArticles.seed("001_34c964c25cad2962.txt");
        Instant t0 = Instant.parse("2021-04-13T12:00:00Z");
        Random random = new Random(7);
        List<EnrichedArticle> stream = new ArrayList<>();
        String originalId = run + "-wire";
        stream.add(TestArticles.enriched(originalId, "xinhua.net", wire[0], wire[1], t0));
        List<String> copyIds = new ArrayList<>();
        List<String> unrelatedIds = new ArrayList<>();
        for (int copy = 1; copy <= 20; copy++) {
            String[] edited = TestArticles.wireCopy(wire, copy, random);
            String id = run + "-copy-" + copy;
            copyIds.add(id);
            stream.add(TestArticles.enriched(id, "outlet" + copy + ".example", edited[0], edited[1], t0.plusSeconds(60L * copy)));
            if (copy % 4 == 0) {
                String[] other = TestArticles.resource("unrelated-" + (copy / 4) + ".txt");
                String otherId = run + "-other-" + copy / 4;
                unrelatedIds.add(otherId);
                stream.add(TestArticles.enriched(otherId, "paper" + copy + ".example", other[0], other[1], t0.plusSeconds(60L * copy + 30)));
            }
        }
        ConsumerTask<String, String> clusteredTask = consume(Topic.ARTICLES_CLUSTERED);
        ConsumerTask<String, String> storiesTask = consume(Topic.STORIES);
        ConsumerTask<String, String> storylinesTask = consume(Topic.STORYLINES);
        send(stream);

        Set<String> ids = stream.stream().map(a -> a.article().id()).collect(Collectors.toSet());
        Map<String, ClusteredArticle> clustered = awaitClustered(clusteredTask, ids);

        ClusteredArticle original = clustered.get(originalId);
        assertThat(original.duplicateOf()).isNull();
        assertThat(original.storylineId()).as("the event's storyline").isNotBlank();
        assertThat(original.reason().storylineScore()).as("a new event's storyline score").isNotNull();
        assertThat(copyIds).allSatisfy(id -> {
            ClusteredArticle copy = clustered.get(id);
            assertThat(copy.duplicateOf()).as(id).isEqualTo(originalId);
            assertThat(copy.similarity()).as(id).isGreaterThanOrEqualTo(0.5);
            assertThat(copy.storyId()).as(id).isEqualTo(original.storyId());
            assertThat(copy.storylineId()).as(id).isEqualTo(original.storylineId());
        });
        assertThat(unrelatedIds).allSatisfy(id -> {
            assertThat(clustered.get(id).duplicateOf()).as(id).isNull();
            assertThat(clustered.get(id).storyId()).as(id).isNotEqualTo(original.storyId());
        });

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Story story = latestStory(storiesTask, original.storyId());
            assertThat(story).isNotNull();
            assertThat(story.articleCount()).isEqualTo(21);
            assertThat(story.duplicateCount()).isEqualTo(20);
            assertThat(story.sourceCount()).isEqualTo(21);
            assertThat(story.storylineId()).isEqualTo(original.storylineId());
        });
        // the storyline's snapshot is a real record on news.storylines, keyed by its id, listing the event as it is now
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Storyline storyline = latestStoryline(storylinesTask, original.storylineId());
            assertThat(storyline).as("snapshot of storyline %s", original.storylineId()).isNotNull();
            assertThat(storyline.id()).isEqualTo(original.storylineId());
            assertThat(storyline.events()).anySatisfy(event -> {
                assertThat(event.storyId()).isEqualTo(original.storyId());
                assertThat(event.articleCount()).isEqualTo(21);
            });
            assertThat(storyline.articleCount()).isGreaterThanOrEqualTo(21);
        });
        clusteredTask.close();
        storiesTask.close();
        storylinesTask.close();
    }

    @Test
    void unreadableRecordIsDeadLetteredWithItsOriginAndTheNextArticleStillFlows() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        ConsumerTask<String, String> deadLetters = consume(Topic.DEADLETTER);
        ConsumerTask<String, String> clusteredTask = consume(Topic.ARTICLES_CLUSTERED);
        String poison = "{\"article\": {\"id\": 42, \"title\": [\"not\", \"text\"]}, " + run + "}";
        companion.produceStrings().fromRecords(List.of(new ProducerRecord<>(Topic.ARTICLES_ENRICHED.topicName(), "en", poison)))
                .awaitCompletion(Duration.ofSeconds(30));
        String[] next = TestArticles.resource("unrelated-6.txt");
        String nextId = run + "-after-poison";
        send(List.of(TestArticles.enriched(nextId, "after.example", next[0], next[1], Instant.parse("2021-05-01T08:00:00Z"))));

        awaitClustered(clusteredTask, Set.of(nextId));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ConsumerRecord<String, String> dead = deadLetters.getRecords().stream()
                    .filter(r -> r.value() != null && r.value().contains(run)).findFirst().orElse(null);
            assertThat(dead).as("dead letter of the poison record").isNotNull();
            assertThat(dead.value()).isEqualTo(poison);
            assertThat(header(dead, EventHeaders.DLQ_REASON)).startsWith("unreadable enriched article");
            assertThat(header(dead, EventHeaders.DLQ_STAGE)).isEqualTo("dedupe-service");
            assertThat(header(dead, EventHeaders.DLQ_TOPIC)).isEqualTo(Topic.ARTICLES_ENRICHED.topicName());
            assertThat(header(dead, EventHeaders.DLQ_OFFSET)).matches("\\d+");
        });
        deadLetters.close();
        clusteredTask.close();
    }

    private void send(List<EnrichedArticle> articles) throws Exception {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (EnrichedArticle article : articles) {
            records.add(new ProducerRecord<>(Topic.ARTICLES_ENRICHED.topicName(), article.language().code(), json.writeValueAsString(article)));
        }
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
    }

    private static ConsumerTask<String, String> consume(Topic topic) {
        return companion.consumeStrings()
                .withGroupId("test-" + UUID.randomUUID())
                .withOffsetReset(org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST)
                .withProp("isolation.level", "read_committed")
                .fromTopics(topic.topicName());
    }

    private Map<String, ClusteredArticle> awaitClustered(ConsumerTask<String, String> task, Set<String> ids) {
        Map<String, ClusteredArticle> byId = new HashMap<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (ConsumerRecord<String, String> record : task.getRecords()) {
                ClusteredArticle article = json.readValue(record.value(), ClusteredArticle.class);
                if (ids.contains(article.articleId())) {
                    byId.put(article.articleId(), article);
                }
            }
            return byId.keySet().containsAll(ids);
        });
        return byId;
    }

    private Story latestStory(ConsumerTask<String, String> task, String storyId) throws Exception {
        Story latest = null;
        for (ConsumerRecord<String, String> record : task.getRecords()) {
            if (storyId.equals(record.key()) && record.value() != null) {
                Story story = json.readValue(record.value(), Story.class);
                if (latest == null || story.version() > latest.version()) {
                    latest = story;
                }
            }
        }
        return latest;
    }

    private Storyline latestStoryline(ConsumerTask<String, String> task, String storylineId) throws Exception {
        Storyline latest = null;
        for (ConsumerRecord<String, String> record : task.getRecords()) {
            if (storylineId.equals(record.key()) && record.value() != null) {
                Storyline storyline = json.readValue(record.value(), Storyline.class);
                if (latest == null || storyline.version() > latest.version()) {
                    latest = storyline;
                }
            }
        }
        return latest;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
