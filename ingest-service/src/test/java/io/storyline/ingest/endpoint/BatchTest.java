package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storyline.events.IngestChannel;
import io.storyline.testing.kafka.KafkaBrokerResource;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/** 20,000 NDJSON lines, some bad: every good line arrives on news.articles.raw exactly once. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class BatchTest {

    private static final int LINES = 20_000;

    @Test
    void twentyThousandLinesWithBadOnesInBetween() {
        String run = UUID.randomUUID().toString();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        Map<Integer, String> expectedReason = new HashMap<>();
        int good = 0;
        for (int line = 1; line <= LINES; line++) {
            String url = "https://batch.example.com/" + run + "/" + line;
            String ok = "{\"url\":\"" + url + "\",\"title\":\"Article " + line + "\",\"body\":\"<p>Body of article " + line
                    + ".</p>\",\"source\":\"batch-test\",\"published\":\"2021-04-13T18:30:00Z\"}";
            byte[] bytes;
            switch (line % 1000) {
                case 7 -> {
                    bytes = "{\"url\": \"broken".getBytes(StandardCharsets.UTF_8);
                    expectedReason.put(line, "malformed-json");
                }
                case 107 -> {
                    bytes = ok.replace("\"title\"", "\"headline\"").getBytes(StandardCharsets.UTF_8);
                    expectedReason.put(line, "missing-field");
                }
                case 207 -> {
                    bytes = ok.replace("https://", "gopher://").getBytes(StandardCharsets.UTF_8);
                    expectedReason.put(line, "url-scheme-not-allowed");
                }
                case 307 -> {
                    bytes = ok.getBytes(StandardCharsets.UTF_8);
                    bytes[bytes.length - 5] = (byte) 0xC0; // not valid UTF-8
                    expectedReason.put(line, "invalid-utf8");
                }
                case 407 -> {
                    bytes = ok.replace("<p>Body of article " + line + ".</p>", "<script>x()</script>").getBytes(StandardCharsets.UTF_8);
                    expectedReason.put(line, "empty-text");
                }
                default -> {
                    bytes = ok.getBytes(StandardCharsets.UTF_8);
                    good++;
                }
            }
            body.writeBytes(bytes);
            body.write('\n');
        }
        body.write('\n'); // a blank line is skipped, not reported (it still counts in line numbers)
        // One line over the per-line limit, never buffered whole.
        body.writeBytes(("{\"title\":\"" + "x".repeat(1_100_000) + "\"}\n").getBytes(StandardCharsets.UTF_8));

        try (RawTopic raw = new RawTopic()) {
            JsonPath report = given().contentType("application/x-ndjson").body(body.toByteArray())
                    .post("/articles/batch").then().statusCode(200).extract().jsonPath();
            assertThat(report.getInt("accepted")).isEqualTo(good);
            assertThat(report.getInt("rejected")).isEqualTo(expectedReason.size() + 1);
            assertThat(report.getInt("failed")).isZero();
            assertThat(report.getInt("lines")).isEqualTo(LINES + 1);
            List<Map<String, Object>> results = report.getList("results");
            Map<Integer, String> rejectedReason = results.stream().filter(r -> "rejected".equals(r.get("status")))
                    .collect(Collectors.toMap(r -> (Integer) r.get("line"), r -> (String) r.get("reason")));
            int oversizedLine = LINES + 2; // after the extra blank line
            assertThat(rejectedReason.remove(oversizedLine)).isEqualTo("too-large");
            assertThat(rejectedReason).isEqualTo(expectedReason);

            int expected = good;
            var records = raw.pollUntil(r -> r.size() >= expected, Duration.ofSeconds(120));
            var decoded = raw.drain(Duration.ofSeconds(2)).stream().map(RawTopic::decode)
                    .filter(r -> r.article().url().contains(run)).toList();
            assertThat(records).isNotEmpty();
            Map<String, Long> perId = decoded.stream().collect(Collectors.groupingBy(RawTopic.Received::key, Collectors.counting()));
            assertThat(perId).hasSize(good);
            assertThat(perId.values()).containsOnly(1L);
            assertThat(decoded).allSatisfy(r -> {
                assertThat(r.article().channel()).isEqualTo(IngestChannel.BATCH);
                assertThat(r.key()).isEqualTo(r.article().id());
            });

            // The same batch again: nothing new is published, every good line is a duplicate.
            JsonPath again = given().contentType("application/x-ndjson").body(body.toByteArray())
                    .post("/articles/batch").then().statusCode(200).extract().jsonPath();
            assertThat(again.getInt("duplicate")).isEqualTo(good);
            assertThat(again.getInt("accepted")).isZero();
            long more = raw.drain(Duration.ofSeconds(3)).stream().map(RawTopic::decode).filter(r -> r.article().url().contains(run)).count();
            assertThat(more).isEqualTo(good);
        }
    }
}
