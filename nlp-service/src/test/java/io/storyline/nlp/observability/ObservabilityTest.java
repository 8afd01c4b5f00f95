package io.storyline.nlp.observability;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;
import io.storyline.events.Article;
import io.storyline.events.EventHeaders;
import io.storyline.events.EventJson;
import io.storyline.events.Topic;
import io.storyline.nlp.SeedArticles;
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
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** Articles through the real broker move the metrics, and their trace continues in the enriched record's traceparent. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ObservabilityTest {

    private static KafkaCompanion kafka;

    @Inject
    InMemorySpanExporter spans;

    @BeforeAll
    static void connect() {
        kafka = new KafkaCompanion(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void disconnect() {
        kafka.close();
    }

    @Test
    void enrichedRecordCarriesTheIncomingTraceAndTheAnalysisIsASpanOfIt() throws Exception {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String parentSpan = "00f067aa0ba902b7";
        Article seed = SeedArticles.load("003");
        Article article = new Article("trace-" + traceId, 1, seed.url(), seed.title(), seed.text(), "aljazeera.com", "en",
                null, null, null, seed.published(), seed.publishedSource(), Instant.now(), "h-" + traceId, seed.channel());
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topic.ARTICLES_RAW.topicName(), article.id(),
                EventJson.mapper().writeValueAsBytes(article));
        record.headers().add("traceparent", ("00-" + traceId + "-" + parentSpan + "-01").getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.TRACE_ID, traceId.getBytes(StandardCharsets.UTF_8));
        ConsumerTask<String, String> enriched = kafka.consume(String.class, String.class).fromTopics(Topic.ARTICLES_ENRICHED.topicName());
        kafka.produce(String.class, byte[].class).fromRecords(record).awaitCompletion();

        ConsumerRecord<String, String> out = await().atMost(Duration.ofSeconds(90)).until(
                () -> enriched.getRecords().stream().filter(r -> traceId.equals(header(r, EventHeaders.TRACE_ID))).findFirst().orElse(null),
                r -> r != null);
        enriched.stop();

        String traceparent = header(out, "traceparent");
        assertThat(traceparent).as("W3C trace context on the enriched record").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        String[] parts = traceparent.split("-");
        assertThat(parts[1]).as("same trace as the raw record").isEqualTo(traceId);
        assertThat(parts[2]).as("a span of nlp-service, not the sender's").isNotEqualTo(parentSpan);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream().filter(s -> s.getTraceId().equals(traceId)).toList();
            SpanData analysis = trace.stream().filter(s -> s.getName().equals("nlp analyse")).findFirst().orElseThrow();
            assertThat(analysis.getAttributes().asMap().values()).contains(article.id());
            assertThat(analysis.getInstrumentationScopeInfo().getName()).isEqualTo("io.storyline.nlp");
            // consumer span (parent: the sender's span) -> nlp analyse -> producer span, whose id is in the header
            SpanData producer = trace.stream().filter(s -> s.getSpanId().equals(parts[2])).findFirst().orElseThrow();
            assertThat(producer.getParentSpanId()).isEqualTo(analysis.getSpanId());
            SpanData consumer = trace.stream().filter(s -> s.getSpanId().equals(analysis.getParentSpanId())).findFirst().orElseThrow();
            assertThat(consumer.getParentSpanId()).isEqualTo(parentSpan);
        });
    }

    @Test
    void domainAndPipelineMetricsMoveWhenArticlesFlow() throws Exception {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP")));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        PrometheusScrape before = PrometheusScrape.now();

        String run = UUID.randomUUID().toString().substring(0, 8);
        Article english = SeedArticles.article("en-" + run, "Putin on the phone with US President Biden",
                "Moscow, January 26 (Xinhua) Russian President Vladimir Putin and U.S. President Joe Biden spoke by phone on Tuesday.",
                "en", Instant.parse("2021-01-27T00:00:00Z"));
        Article german = SeedArticles.article("de-" + run, "Bundesregierung beschließt neues Klimaschutzgesetz",
                "Die Bundesregierung hat am Mittwoch in Berlin ein neues Gesetz zum Klimaschutz beschlossen. Die Ministerin sagte, "
                        + "die Wirtschaft müsse ihre Emissionen bis zum Ende des Jahrzehnts deutlich senken, und die Länder sollen mehr Geld bekommen.",
                "de", Instant.parse("2021-05-12T00:00:00Z"));
        ConsumerTask<String, String> enriched = kafka.consume(String.class, String.class).fromTopics(Topic.ARTICLES_ENRICHED.topicName());
        ConsumerTask<String, String> dead = kafka.consume(String.class, String.class).fromTopics(Topic.DEADLETTER.topicName());
        kafka.produce(String.class, byte[].class).fromRecords(
                new ProducerRecord<>(Topic.ARTICLES_RAW.topicName(), english.id(), EventJson.mapper().writeValueAsBytes(english)),
                new ProducerRecord<>(Topic.ARTICLES_RAW.topicName(), german.id(), EventJson.mapper().writeValueAsBytes(german)),
                new ProducerRecord<>(Topic.ARTICLES_RAW.topicName(), "bad-" + run, ("{broken " + run).getBytes(StandardCharsets.UTF_8)))
                .awaitCompletion();
        await().atMost(Duration.ofSeconds(90)).until(() ->
                enriched.getRecords().stream().filter(r -> r.value().contains(run)).count() == 2
                        && dead.getRecords().stream().anyMatch(r -> ("bad-" + run).equals(r.key())));
        enriched.stop();
        dead.stop();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            PrometheusScrape after = PrometheusScrape.now();
            assertThat(after.sum("storyline_records_in_total", "channel", "articles-raw"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_in_total", "channel", "articles-raw") + 3);
            assertThat(after.sum("storyline_records_out_total", "topic", "news.articles.enriched"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_out_total", "topic", "news.articles.enriched") + 2);
            assertThat(after.sum("storyline_records_failed_total", "reason", "unreadable"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_records_failed_total", "reason", "unreadable") + 1);
            assertThat(after.sum("storyline_nlp_articles_total", "language", "en"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_nlp_articles_total", "language", "en") + 1);
            assertThat(after.sum("storyline_nlp_ner_no_model_total", "language", "de"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_nlp_ner_no_model_total", "language", "de") + 1);
            assertThat(after.sum("storyline_nlp_ner_duration_seconds_count"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_nlp_ner_duration_seconds_count") + 1);
            // a later call of this method sends the same text, which the analysis cache answers without NER
            assertThat(after.sum("storyline_nlp_ner_sequences_total", "source", "model") + after.sum("storyline_nlp_ner_sequences_total", "source", "cache"))
                    .as("the English headline and lead sentence, labelled by the model or its cache").isGreaterThanOrEqualTo(2);
            assertThat(after.sum("storyline_nlp_entities_sum"))
                    .as("Putin and Biden at least").isGreaterThanOrEqualTo(before.sum("storyline_nlp_entities_sum") + 2);
            assertThat(after.sum("storyline_stage_duration_seconds_count", "stage", "analyse"))
                    .isGreaterThanOrEqualTo(before.sum("storyline_stage_duration_seconds_count", "stage", "analyse") + 2);
            assertThat(after.sum("storyline_stage_duration_seconds_bucket", "stage", "batch", "le", "+Inf"))
                    .isGreaterThan(before.sum("storyline_stage_duration_seconds_bucket", "stage", "batch", "le", "+Inf"));
            // every meter carries the service tag; the Kafka consumer's lag is exposed per partition
            assertThat(after.text()).contains("service=\"nlp-service\"");
            assertThat(after.names()).contains("kafka_consumer_fetch_manager_records_lag_max");
        });
    }

    @Test
    void everyMetricTheDashboardQueriesForNlpIsExposed() throws Exception {
        // the metrics appear once articles have flowed (the other tests of this class send them)
        domainAndPipelineMetricsMoveWhenArticlesFlow();
        assertThat(DashboardMetrics.of("nlp-service")).isNotEmpty();
        assertThat(PrometheusScrape.now().names()).containsAll(DashboardMetrics.of("nlp-service"));
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header h = record.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
