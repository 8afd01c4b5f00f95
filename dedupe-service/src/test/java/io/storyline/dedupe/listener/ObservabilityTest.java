package io.storyline.dedupe.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.runtime.testing.DashboardMetrics;
import io.storyline.runtime.testing.PrometheusScrape;
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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Enriched articles through the real broker move the dedupe metrics; the clustered record continues the article's trace. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ObservabilityTest {

    private static KafkaCompanion companion;

    @Inject
    ObjectMapper json;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void connect() {
        companion = new KafkaCompanion(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        companion.close();
    }

    @Test
    void domainAndPipelineMetricsMoveWhenArticlesFlow() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        PrometheusScrape before = PrometheusScrape.now();

        String run = UUID.randomUUID().toString().substring(0, 8);
        // made-up wire text of its own, so the articles of the other tests in this application neither match nor join it
        String[] wire = fictionalWire(run);
        Instant t0 = Instant.parse("2021-06-01T08:00:00Z");
        EnrichedArticle original = TestArticles.enriched(run + "-wire", "wire.example", wire[0], wire[1], t0);
        EnrichedArticle copy = TestArticles.enriched(run + "-copy", "outlet.example", wire[0],
                wire[1].replace("on Tuesday", "late on Tuesday") + " Local media reported the figures first.", t0.plusSeconds(60));
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        for (EnrichedArticle article : List.of(original, copy, original)) { // the original twice: a redelivery
            records.add(new ProducerRecord<>(Topic.ARTICLES_ENRICHED.topicName(), "en", json.writeValueAsString(article)));
        }
        records.add(new ProducerRecord<>(Topic.ARTICLES_ENRICHED.topicName(), "en", "{\"article\": [" + run + "]}"));
        ConsumerTask<String, String> clustered = companion.consumeStrings().fromTopics(Topic.ARTICLES_CLUSTERED.topicName());
        ConsumerTask<String, String> dead = companion.consumeStrings().fromTopics(Topic.DEADLETTER.topicName());
        companion.produceStrings().fromRecords(records).awaitCompletion(Duration.ofSeconds(30));
        await().atMost(Duration.ofSeconds(60)).until(() ->
                clustered.getRecords().stream().filter(r -> r.key().startsWith(run)).count() == 2
                        && dead.getRecords().stream().anyMatch(r -> r.value().contains(run)));
        clustered.close();
        dead.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(after.sum("storyline_records_in_total", "channel", "articles-enriched"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_in_total", "channel", "articles-enriched") + 4);
            assertThat(after.sum("storyline_records_out_total", "topic", "news.articles.clustered"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_out_total", "topic", "news.articles.clustered") + 2);
            assertThat(after.sum("storyline_records_out_total", "topic", "news.stories"))
                    .isGreaterThan(before.sum("storyline_records_out_total", "topic", "news.stories"));
            assertThat(after.sum("storyline_records_out_total", "topic", "news.storylines"))
                    .isGreaterThan(before.sum("storyline_records_out_total", "topic", "news.storylines"));
            assertThat(after.sum("storyline_records_failed_total", "reason", "unreadable"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_failed_total", "reason", "unreadable") + 1);
            assertThat(after.sum("storyline_dedupe_duplicates_total"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_dedupe_duplicates_total") + 1);
            assertThat(after.sum("storyline_dedupe_decisions_total", "kind", "near-duplicate"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_dedupe_decisions_total", "kind", "near-duplicate") + 1);
            assertThat(after.sum("storyline_dedupe_redeliveries_total"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_dedupe_redeliveries_total") + 1);
            assertThat(after.sum("storyline_dedupe_story_articles_count"))
                    .isGreaterThan(before.sum("storyline_dedupe_story_articles_count"));
            assertThat(after.sum("storyline_dedupe_stories_open")).isGreaterThanOrEqualTo(1);
            assertThat(after.sum("storyline_dedupe_nearduplicate_index_entries")).isGreaterThanOrEqualTo(1);
            assertThat(after.sum("storyline_dedupe_nearduplicate_index_bytes")).isGreaterThan(1000);
            assertThat(after.sum("storyline_stage_duration_seconds_count", "stage", "decide"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_stage_duration_seconds_count", "stage", "decide") + 4);
            assertThat(after.text()).contains("service=\"dedupe-service\"");
            assertThat(after.names()).contains("kafka_consumer_fetch_manager_records_lag_max");
        });
    }

    @Test
    void clusteredRecordAndStorySnapshotContinueTheArticlesTrace() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String senderSpan = "00f067aa0ba902b7";
        String[] other = fictionalWire(traceId.substring(0, 8));
        EnrichedArticle article = TestArticles.enriched("trace-" + traceId, "paper.example", other[0], other[1],
                Instant.parse("2021-06-02T08:00:00Z"));
        ProducerRecord<String, String> record = new ProducerRecord<>(Topic.ARTICLES_ENRICHED.topicName(), "en", json.writeValueAsString(article));
        record.headers().add("traceparent", ("00-" + traceId + "-" + senderSpan + "-01").getBytes(StandardCharsets.UTF_8));
        ConsumerTask<String, String> clustered = companion.consumeStrings().fromTopics(Topic.ARTICLES_CLUSTERED.topicName());
        ConsumerTask<String, String> stories = companion.consumeStrings().fromTopics(Topic.STORIES.topicName());
        companion.produceStrings().fromRecords(List.of(record)).awaitCompletion(Duration.ofSeconds(30));

        ConsumerRecord<String, String> out = await().atMost(Duration.ofSeconds(60)).until(
                () -> clustered.getRecords().stream().filter(r -> r.key().equals(article.article().id())).findFirst().orElse(null),
                r -> r != null);
        assertThat(header(out, "traceparent")).startsWith("00-" + traceId + "-").doesNotContain(senderSpan);
        // no storyline-trace-id came in: the OpenTelemetry trace id stands in for it
        assertThat(header(out, EventHeaders.TRACE_ID)).isEqualTo(traceId);
        ConsumerRecord<String, String> story = await().atMost(Duration.ofSeconds(60)).until(
                () -> stories.getRecords().stream().filter(r -> r.value() != null && r.value().contains(article.article().id())).findFirst().orElse(null),
                r -> r != null);
        assertThat(header(story, "traceparent")).startsWith("00-" + traceId + "-");
        clustered.close();
        stories.close();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            SpanData decide = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId) && s.getName().equals("dedupe decide")).findFirst().orElseThrow();
            assertThat(decide.getAttributes().asMap().values()).contains(article.article().id());
            assertThat(decide.getInstrumentationScopeInfo().getName()).isEqualTo("io.storyline.dedupe");
        });
    }

    @Test
    void everyMetricTheDashboardQueriesForDedupeIsExposed() throws Exception {
        domainAndPipelineMetricsMoveWhenArticlesFlow();
        assertThat(DashboardMetrics.of("dedupe-service")).isNotEmpty();
        assertThat(PrometheusScrape.now().names()).containsAll(DashboardMetrics.of("dedupe-service"));
    }

    private static String[] fictionalWire(String run) {
        String town = "Varnholm" + run;
        return new String[] {"Harbour authority of " + town + " closes northern pier after crane collapse",
                "The harbour authority of " + town + " closed its northern pier on Tuesday after a container crane collapsed "
                        + "during the night shift, injuring two dock workers. Director Alma Quist" + run + " said inspectors from the "
                        + "maritime safety board would examine the crane's counterweight and the wind readings recorded before the "
                        + "collapse. Ferries to the outer islands will use the southern terminal until further notice, and freight "
                        + "operators were told to expect delays of up to three days. The union representing the dock workers called "
                        + "for an independent review of maintenance contracts signed last year."};
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
