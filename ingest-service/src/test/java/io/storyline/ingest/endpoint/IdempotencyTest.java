package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class IdempotencyTest {

    private static String submit(String json, String expectedStatus, int expectedRevision) {
        return given().contentType(ContentType.JSON).body(json).post("/articles").then()
                .statusCode(202)
                .body("status", equalTo(expectedStatus))
                .body("revision", equalTo(expectedRevision))
                .extract().path("id");
    }

    @Test
    void resendIsADuplicateAndAChangedBodyARevisionWithTheSameId() {
        String path = "https://example.com/news/" + UUID.randomUUID();
        String v1 = "{\"url\":\"" + path + "\",\"title\":\"Leaders talk\",\"body\":\"<p>They talked.</p>\",\"source\":\"Example\"}";
        // Same article reached through a tracking link with different markup and whitespace: same id, same content.
        String v1Again = "{\"url\":\"" + path.replace("example.com", "EXAMPLE.com") + "?utm_campaign=x#top\",\"title\":\" Leaders  talk\","
                + "\"html\":\"<div><p>They   talked.</p></div>\",\"source\":\"Example\"}";
        String v2 = "{\"url\":\"" + path + "\",\"title\":\"Leaders talk\",\"body\":\"They talked for an hour.\",\"source\":\"Example\"}";
        try (RawTopic raw = new RawTopic()) {
            String id = submit(v1, "accepted", 1);
            assertThat(submit(v1Again, "duplicate", 1)).isEqualTo(id);
            assertThat(submit(v1, "duplicate", 1)).isEqualTo(id);
            assertThat(submit(v2, "revision", 2)).isEqualTo(id);
            assertThat(submit(v2, "duplicate", 2)).isEqualTo(id);
            assertThat(submit(v1, "revision", 3)).isEqualTo(id);

            var mine = raw.drain(Duration.ofSeconds(3)).stream().map(RawTopic::decode).filter(r -> id.equals(r.key())).toList();
            assertThat(mine).extracting(r -> r.article().revision()).containsExactly(1, 2, 3);
            assertThat(mine).extracting(r -> r.article().text()).containsExactly("They talked.", "They talked for an hour.", "They talked.");
            assertThat(mine).extracting(RawTopic.Received::partition).containsOnly(mine.get(0).partition());
        }
    }

    @Test
    void concurrentResendsPublishOnce() throws Exception {
        String url = "https://example.com/race/" + UUID.randomUUID();
        String json = "{\"url\":\"" + url + "\",\"title\":\"Race\",\"body\":\"Same body.\",\"source\":\"Example\"}";
        try (RawTopic raw = new RawTopic()) {
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                var futures = new java.util.ArrayList<java.util.concurrent.Future<String>>();
                for (int i = 0; i < 16; i++) {
                    futures.add(pool.submit(() -> given().contentType(ContentType.JSON).body(json).post("/articles").then()
                            .statusCode(202).extract().<String>path("status")));
                }
                var statuses = new java.util.ArrayList<String>();
                for (var f : futures) {
                    statuses.add(f.get());
                }
                assertThat(statuses).containsOnlyOnce("accepted").filteredOn("duplicate"::equals).hasSize(15);
            } finally {
                pool.shutdownNow();
            }
            var mine = raw.drain(Duration.ofSeconds(3)).stream().map(RawTopic::decode).filter(r -> url.equals(r.article().url())).toList();
            assertThat(mine).hasSize(1);
        }
    }
}
