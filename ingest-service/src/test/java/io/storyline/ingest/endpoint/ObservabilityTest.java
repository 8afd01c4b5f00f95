package io.storyline.ingest.endpoint;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storyline.events.EventHeaders;
import io.storyline.events.Topic;
import io.storyline.runtime.testing.DashboardMetrics;
import io.storyline.runtime.testing.PrometheusScrape;
import io.storyline.testing.kafka.KafkaBrokerResource;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** POST /articles starts the article's trace and moves the ingest metrics; the raw record carries the trace on. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ObservabilityTest {

    @Inject
    InMemorySpanExporter spans;

    private static String article(String slug, String text) {
        return """
                {"url": "https://observed.example.com/%s", "title": "Harbour pier closed %s", "body": "%s",
                 "source": "observed.example.com", "language": "en", "published": "2021-06-01T08:00:00Z"}
                """.formatted(slug, slug, text);
    }

    @Test
    void postWithoutTraceparentStartsATraceWhoseIdIsTheStorylineTraceId() {
        String slug = UUID.randomUUID().toString();
        try (RawTopic raw = new RawTopic()) {
            var receipt = given().contentType(ContentType.JSON).body(article(slug, "The northern pier is closed."))
                    .post("/articles").then().statusCode(202).extract();
            String id = receipt.path("id");
            String traceId = receipt.path("traceId");
            assertThat(traceId).matches("[0-9a-f]{32}");

            ConsumerRecord<String, byte[]> record = raw.pollUntil(r -> r.stream().anyMatch(x -> id.equals(x.key())), Duration.ofSeconds(30))
                    .stream().filter(x -> id.equals(x.key())).findFirst().orElseThrow();
            assertThat(header(record, EventHeaders.TRACE_ID)).isEqualTo(traceId);
            String traceparent = header(record, "traceparent");
            assertThat(traceparent).startsWith("00-" + traceId + "-");
            String producerSpan = traceparent.split("-")[2];

            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
                SpanData server = trace.stream().filter(s -> s.getKind() == SpanKind.SERVER).findFirst().orElseThrow();
                assertThat(server.getName()).isEqualTo("POST /articles");
                assertThat(server.getInstrumentationScopeInfo().getName()).isEqualTo("io.storyline.ingest");
                assertThat(server.getAttributes().asMap().values()).contains(id);
                SpanData producer = trace.stream().filter(s -> s.getSpanId().equals(producerSpan)).findFirst().orElseThrow();
                assertThat(producer.getKind()).isEqualTo(SpanKind.PRODUCER);
                assertThat(producer.getParentSpanId()).isEqualTo(server.getSpanId());
            });
        }
    }

    @Test
    void callersTraceparentIsContinued() {
        String slug = UUID.randomUUID().toString();
        String traceId = UUID.randomUUID().toString().replace("-", "");
        try (RawTopic raw = new RawTopic()) {
            String id = given().contentType(ContentType.JSON).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                    .body(article(slug, "The southern terminal takes the ferries.")).post("/articles")
                    .then().statusCode(202).body("traceId", equalTo(traceId)).extract().path("id");
            ConsumerRecord<String, byte[]> record = raw.pollUntil(r -> r.stream().anyMatch(x -> id.equals(x.key())), Duration.ofSeconds(30))
                    .stream().filter(x -> id.equals(x.key())).findFirst().orElseThrow();
            assertThat(header(record, "traceparent")).startsWith("00-" + traceId + "-").doesNotContain("00f067aa0ba902b7");
        }
    }

    @Test
    void domainAndPipelineMetricsMoveWhenArticlesFlow() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        PrometheusScrape before = PrometheusScrape.now();
        String slug = UUID.randomUUID().toString();
        try (RawTopic raw = new RawTopic()) {
            String id = given().contentType(ContentType.JSON).body(article(slug, "First version.")).post("/articles")
                    .then().statusCode(202).body("status", equalTo("accepted")).extract().path("id");
            given().contentType(ContentType.JSON).body(article(slug, "Second version, with the crane's make.")).post("/articles")
                    .then().statusCode(202).body("status", equalTo("revision"));
            given().contentType(ContentType.JSON).body(article(slug, "Second version, with the crane's make.")).post("/articles")
                    .then().statusCode(202).body("status", equalTo("duplicate"));
            given().contentType(ContentType.JSON).body("{\"title\": \"no url\"}").post("/articles").then().statusCode(400);
            raw.pollUntil(r -> r.stream().filter(x -> id.equals(x.key())).count() == 2, Duration.ofSeconds(30));
        }
        // a scraper's unreadable record on news.scraped is dead-lettered
        try (RawTopic dead = new RawTopic(Topic.DEADLETTER.topicName()); var kafka = RawTopic.companion()) {
            kafka.produceStrings()
                    .fromRecords(new ProducerRecord<>(Topic.SCRAPED.topicName(), "bad-" + slug, "{not json " + slug))
                    .awaitCompletion(Duration.ofSeconds(30));
            dead.pollUntil(r -> r.stream().anyMatch(x -> ("bad-" + slug).equals(x.key())), Duration.ofSeconds(30));
        }
        PrometheusScrape after = PrometheusScrape.now();
        assertThat(after.sum("storyline_records_failed_total", "channel", "scraped", "reason", "malformed-json"))
                .isEqualTo(before.sum("storyline_records_failed_total", "channel", "scraped", "reason", "malformed-json") + 1);
        assertThat(after.sum("storyline_records_in_total", "channel", "scraped"))
                .isEqualTo(before.sum("storyline_records_in_total", "channel", "scraped") + 1);
        assertThat(after.sum("storyline_records_in_total", "channel", "http"))
                .isEqualTo(before.sum("storyline_records_in_total", "channel", "http") + 4);
        assertThat(after.sum("storyline_records_out_total", "topic", "news.articles.raw"))
                .isEqualTo(before.sum("storyline_records_out_total", "topic", "news.articles.raw") + 2);
        for (String outcome : List.of("accepted", "revision", "duplicate", "rejected")) {
            assertThat(after.sum("storyline_ingest_articles_total", "outcome", outcome, "channel", "http"))
                    .as(outcome).isEqualTo(before.sum("storyline_ingest_articles_total", "outcome", outcome, "channel", "http") + 1);
        }
        assertThat(after.sum("storyline_stage_duration_seconds_count", "stage", "normalise"))
                .isGreaterThanOrEqualTo(before.sum("storyline_stage_duration_seconds_count", "stage", "normalise") + 3);
        assertThat(after.sum("storyline_stage_duration_seconds_count", "stage", "publish"))
                .isGreaterThanOrEqualTo(before.sum("storyline_stage_duration_seconds_count", "stage", "publish") + 3);
        assertThat(after.text()).contains("service=\"ingest-service\"");
    }

    @Test
    void everyMetricTheDashboardQueriesForIngestIsExposed() throws Exception {
        domainAndPipelineMetricsMoveWhenArticlesFlow();
        assertThat(DashboardMetrics.of("ingest-service")).isNotEmpty();
        assertThat(PrometheusScrape.now().names()).containsAll(DashboardMetrics.of("ingest-service"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
