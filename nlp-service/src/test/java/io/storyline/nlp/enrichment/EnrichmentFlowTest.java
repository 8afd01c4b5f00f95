package io.storyline.nlp.enrichment;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.EventJson;
import io.storyline.events.NamedEntity;
import io.storyline.events.Topic;
import io.storyline.nlp.SeedArticles;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.storyline.testing.kafka.TestKafka;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Over the real broker: raw articles in, enriched articles (key = language) or dead letters out. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class EnrichmentFlowTest {
    private final KafkaCompanion kafka = new KafkaCompanion(TestKafka.bootstrapServers());

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private void send(String key, byte[] value, String traceId) throws Exception {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.ARTICLES_RAW.topicName(), key, value);
        record.headers().add(EventHeaders.TRACE_ID, traceId.getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.INGESTED_AT, "1618300800000".getBytes(StandardCharsets.UTF_8));
        kafka.produce(String.class, byte[].class).fromRecords(record).awaitCompletion();
    }

    @Test
    void seedArticleIsEnrichedKeyedByLanguageWithTraceHeaders() throws Exception {
        String trace = UUID.randomUUID().toString();
        Article seed = SeedArticles.load("003");
        Article article = new Article("it-" + trace, 1, seed.url(), seed.title(), seed.text(), "aljazeera.com", "en",
                null, null, null, seed.published(), seed.publishedSource(), Instant.now(), "h-" + trace, seed.channel());
        send(article.id(), EventJson.mapper().writeValueAsBytes(article), trace);

        ConsumerTask<String, String> consumer = kafka.consume(String.class, String.class)
                .fromTopics(Topic.ARTICLES_ENRICHED.topicName());
        ConsumerRecord<String, String> record = await().atMost(Duration.ofSeconds(60)).until(
                () -> consumer.getRecords().stream().filter(r -> trace.equals(header(r, EventHeaders.TRACE_ID)))
                        .findFirst().orElse(null),
                r -> r != null);
        consumer.stop();
        assertThat(record.key()).isEqualTo("en");
        assertThat(header(record, EventHeaders.INGESTED_AT)).isEqualTo("1618300800000");
        EnrichedArticle enriched = EventJson.mapper().readValue(record.value(), EnrichedArticle.class);
        assertThat(enriched.article().id()).isEqualTo(article.id());
        assertThat(enriched.language().code()).isEqualTo("en");
        assertThat(enriched.ner().status()).isEqualTo("OK");
        assertThat(enriched.entities()).extracting(NamedEntity::canonical)
                .contains("Vladimir Putin", "Joseph Biden", "Russia", "United States", "Kremlin", "White House");
        assertThat(enriched.terms()).containsKey("summit");
        assertThat(enriched.enrichedAt()).isNotNull();
        assertThat(enriched.outlet()).as("the headline's site name").isEqualTo("Russian News");
        assertThat(record.value()).contains("\"firstBegin\"", "\"surfaceForms\"", "\"declaredConfirmed\"",
                "\"outlet\":\"Russian News\"");
    }

    @Test
    void unreadableAndOversizedArticlesGoToTheDeadLetterTopicAndTheServiceKeepsGoing() throws Exception {
        String badTrace = UUID.randomUUID().toString();
        byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
        send("bad-" + badTrace, garbage, badTrace);

        String bigTrace = UUID.randomUUID().toString();
        Article huge = SeedArticles.article("big-" + bigTrace, "A very long article", "word ".repeat(130_000), "en",
                Instant.parse("2021-04-13T00:00:00Z"));
        send(huge.id(), EventJson.mapper().writeValueAsBytes(huge), bigTrace);

        String okTrace = UUID.randomUUID().toString();
        Article ok = SeedArticles.article("ok-" + okTrace, "Putin on the phone with US President Biden",
                "Moscow, January 26 (Xinhua) Russian President Vladimir Putin and U.S. President Biden spoke.", "en",
                Instant.parse("2021-01-27T00:00:00Z"));
        send(ok.id(), EventJson.mapper().writeValueAsBytes(ok), okTrace);

        ConsumerTask<String, byte[]> dead = kafka.consume(String.class, byte[].class).fromTopics(Topic.DEADLETTER.topicName());
        List<ConsumerRecord<String, byte[]>> letters = await().atMost(Duration.ofSeconds(60)).until(
                () -> dead.getRecords().stream()
                        .filter(r -> List.of(badTrace, bigTrace).contains(header(r, EventHeaders.TRACE_ID))).toList(),
                l -> l.size() == 2);
        dead.stop();
        ConsumerRecord<String, byte[]> bad = letters.stream()
                .filter(r -> badTrace.equals(header(r, EventHeaders.TRACE_ID))).findFirst().orElseThrow();
        assertThat(bad.value()).isEqualTo(garbage);
        assertThat(header(bad, EventHeaders.DLQ_REASON)).startsWith("not a valid Article");
        assertThat(header(bad, EventHeaders.DLQ_CODE)).isEqualTo("unreadable");
        assertThat(header(bad, EventHeaders.DLQ_CAUSE)).as("the parser's exception class").contains("Json");
        assertThat(header(bad, EventHeaders.DLQ_STAGE)).isEqualTo("nlp-service");
        assertThat(header(bad, EventHeaders.DLQ_TOPIC)).isEqualTo(Topic.ARTICLES_RAW.topicName());
        ConsumerRecord<String, byte[]> big = letters.stream()
                .filter(r -> bigTrace.equals(header(r, EventHeaders.TRACE_ID))).findFirst().orElseThrow();
        assertThat(header(big, EventHeaders.DLQ_REASON)).startsWith("article too large");
        assertThat(header(big, EventHeaders.DLQ_CODE)).isEqualTo("rejected");

        ConsumerTask<String, String> enriched = kafka.consume(String.class, String.class)
                .fromTopics(Topic.ARTICLES_ENRICHED.topicName());
        await().atMost(Duration.ofSeconds(60)).until(() -> enriched.getRecords().stream()
                .anyMatch(r -> okTrace.equals(header(r, EventHeaders.TRACE_ID))));
        enriched.stop();
    }

    @Test
    void readyOnceTheModelIsLoaded() {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().when().get("/q/health/ready").then().statusCode(200)
                        .body("checks.find { it.name == 'nlp-models' }.data.state", equalTo("loaded")));
    }
}
