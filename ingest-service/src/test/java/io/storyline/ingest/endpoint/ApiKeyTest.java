package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@TestProfile(ApiKeyTest.WithKeys.class)
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class ApiKeyTest {

    public static class WithKeys implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("storyline.ingest.auth.enabled", "true", "storyline.ingest.auth.api-keys", "first-key,second-key");
        }
    }

    private static String article() {
        return "{\"url\":\"https://auth.example.com/" + UUID.randomUUID() + "\",\"title\":\"T\",\"body\":\"x\",\"source\":\"s\"}";
    }

    @Test
    void keysAreRequiredOnEveryEndpoint() {
        given().contentType(ContentType.JSON).body(article()).post("/articles").then()
                .statusCode(401).contentType("application/problem+json").body("reason", equalTo("unauthorized"));
        given().contentType(ContentType.JSON).header("X-API-Key", "first-kez").body(article()).post("/articles").then().statusCode(401);
        given().contentType("application/x-ndjson").body(article().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/articles/batch").then().statusCode(401);
        given().contentType("text/plain").queryParam("name", "a.txt").body("Headline here\nBody.").post("/articles/text").then().statusCode(401);
        given().contentType("application/rss+xml").body("<rss/>").post("/feeds").then().statusCode(401);
    }

    @Test
    void validKeysInTheHeaderOrAsBearerTokenAreAccepted() {
        given().contentType(ContentType.JSON).header("X-API-Key", "second-key").body(article()).post("/articles").then().statusCode(202);
        given().contentType(ContentType.JSON).header("Authorization", "Bearer first-key").body(article()).post("/articles").then().statusCode(202);
    }

    @Test
    void healthStaysOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
