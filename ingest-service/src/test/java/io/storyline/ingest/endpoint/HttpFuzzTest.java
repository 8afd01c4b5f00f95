package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.storyline.testing.kafka.KafkaBrokerResource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random bytes and mangled documents posted to every endpoint of the running service (jqwik generators): the answer
 * is always 2xx or a 4xx problem with a reason, never a 5xx.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class HttpFuzzTest {

    private static final List<String[]> ENDPOINTS = List.of(
            new String[]{"/articles", "application/json"},
            new String[]{"/articles/batch", "application/x-ndjson"},
            new String[]{"/articles/text?name=fuzz.txt", "text/plain"},
            new String[]{"/feeds", "application/rss+xml"});

    @Test
    void noInputCausesAServerError() {
        Arbitrary<byte[]> bodies = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                Arbitraries.strings().all().ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.strings().withChars("{}[]\":,<>/ \n\\utrlebodyxhm").ofMaxLength(300).map(s -> s.getBytes(StandardCharsets.UTF_8)),
                Arbitraries.of("{\"title\":\"T\",\"body\":\"<p>x</p>\",\"source\":\"s\",\"url\":\"https://fuzz.example.com/", "<rss version=\"2.0\"><channel><item><title>",
                        "{\"title\":\"T\",\"body\":\"x\",\"source\":\"s\",\"published\":\"9999-99-99\"}").map(s -> s.getBytes(StandardCharsets.UTF_8)));
        var random = new java.util.Random(42);
        bodies.sampleStream().limit(240).forEach(body -> {
            String[] endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
            Response response = given().contentType(endpoint[1]).body(body).post(endpoint[0]);
            int status = response.statusCode();
            assertThat(status).as("%s %s", endpoint[0], new String(body, StandardCharsets.UTF_8)).isLessThan(500);
            if (status >= 400) {
                assertThat(response.contentType()).startsWith("application/problem+json");
                assertThat(response.jsonPath().getString("reason")).isNotBlank();
            }
        });
    }
}
