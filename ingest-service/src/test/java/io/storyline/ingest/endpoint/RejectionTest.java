package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

/** Every rejection reason over HTTP: the right 4xx, problem+json with field and reason, nothing published. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class RejectionTest {

    private static String article(String url, String title, String body) {
        return "{\"url\":" + url + ",\"title\":" + title + ",\"body\":" + body + ",\"source\":\"test\"}";
    }

    private static String unique() {
        return "\"https://example.com/" + UUID.randomUUID() + "\"";
    }

    private static ValidatableResponse post(byte[] body) {
        return given().contentType(ContentType.JSON).body(body).post("/articles").then();
    }

    private static ValidatableResponse post(String body) {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private static void problem(ValidatableResponse response, int status, String reason, String field) {
        response.statusCode(status)
                .contentType("application/problem+json")
                .body("status", equalTo(status))
                .body("reason", equalTo(reason))
                .body("type", equalTo("https://storyline.io/problems/" + reason))
                .body("detail", notNullValue())
                .body("detail", not(containsString("Exception")))
                .body("field", equalTo(field));
    }

    @Test
    void eachReasonHasItsStatusFieldAndReason() {
        try (RawTopic raw = new RawTopic()) {
            problem(post(article(unique(), null, "\"x\"")), 400, "missing-field", "title");
            problem(post("{\"url\":" + unique() + ",\"title\":\"T\",\"source\":\"s\"}"), 400, "missing-field", "body");
            problem(post(article(unique(), "\"T\"", "\"<script>x()</script>   \"")), 400, "empty-text", "body");
            problem(post(article(unique(), "\"   \"", "\"x\"")), 400, "empty-text", "title");
            problem(post(article(unique(), "7", "\"x\"")), 400, "invalid-field", "title");
            problem(post(article("\"ftp://example.com/a\"", "\"T\"", "\"x\"")), 400, "url-scheme-not-allowed", "url");
            problem(post(article("\"file:///etc/passwd\"", "\"T\"", "\"x\"")), 400, "url-scheme-not-allowed", "url");
            problem(post(article("\"http://exa mple.com\"", "\"T\"", "\"x\"")), 400, "invalid-url", "url");
            problem(post(article(unique(), "\"" + "T".repeat(1001) + "\"", "\"x\"")), 400, "too-long", "title");
            problem(post("{\"title\":\"T\",\"body\":\"x\"}"), 400, "missing-field", "source");
            problem(post("{\"title\":\"T\",\"body\":\"x\",\"source\":\"s\",\"language\":\"klingon!\"}"), 400, "invalid-field", "language");
            problem(post("{\"title\": \"T\", \"body\": "), 400, "malformed-json", null);
            problem(post(""), 400, "malformed-json", null);
            problem(post("[]"), 400, "malformed-json", null);

            byte[] invalidUtf8 = article(unique(), "\"T\"", "\"caf\u00e9\"").getBytes(StandardCharsets.UTF_8);
            int e = indexOf(invalidUtf8, (byte) 0xC3);
            invalidUtf8[e + 1] = (byte) 0x28; // broken continuation byte
            problem(post(invalidUtf8), 400, "invalid-utf8", "body");

            problem(post(new byte[]{0x7b, 0x00, 0x01, 0x02, (byte) 0xff, 0x7d}), 400, "invalid-utf8", "body");
            problem(post(article(unique(), "\"T\"", "\"x\"").replace("\"x\"", "\"x\u0000y\"").getBytes(StandardCharsets.UTF_8)), 400, "binary-content", "body");

            byte[] huge = article(unique(), "\"T\"", "\"" + "x".repeat(1_100_000) + "\"").getBytes(StandardCharsets.UTF_8);
            problem(post(huge), 413, "too-large", "body");

            given().contentType("application/xml").body("<a/>").post("/articles").then()
                    .statusCode(415).contentType("application/problem+json").body("reason", equalTo("unsupported-media-type"));

            assertThat(raw.drain(Duration.ofSeconds(2))).isEmpty();
        }
    }

    @Test
    void textEndpointRefusals() {
        problem(given().contentType("text/plain").body("Headline here\n\nBody.").post("/articles/text").then(), 400, "missing-field", "name");
        problem(given().contentType("text/plain").queryParam("name", "x.txt").body("   \n\n").post("/articles/text").then(), 400, "empty-text", "body");
        problem(given().contentType("text/plain").queryParam("name", "x.txt").body(new byte[]{(byte) 0xff, (byte) 0xfe, 0, 0}).post("/articles/text").then(),
                400, "invalid-utf8", "body");
    }

    @Test
    void batchOverTheLineLimitIs413WithResultsForTheLinesBeforeIt() {
        byte[] body = "\n".repeat(50_001).getBytes(StandardCharsets.UTF_8);
        given().contentType("application/x-ndjson").body(body).post("/articles/batch").then()
                .statusCode(413).contentType("application/problem+json")
                .body("reason", equalTo("batch-too-large"))
                .body("results.lines", equalTo(0));
    }

    @Test
    void feedRefusals() {
        problem(given().contentType("application/rss+xml").body("this is not xml").post("/feeds").then(), 400, "malformed-feed", "body");
        problem(given().contentType("application/rss+xml")
                .body("<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&x;</title></channel></rss>")
                .post("/feeds").then(), 400, "malformed-feed", "body");
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == b) {
                return i;
            }
        }
        throw new AssertionError("byte not found");
    }
}
