package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Readiness includes Kafka; metrics count outcomes by reason and source; the API is documented. */
@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class OperationsTest {

    @Test
    void readinessChecksKafka() {
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body(containsString("Kafka"));
    }

    @Test
    void metricsCountAcceptedAndRejectedByReasonAndSource() {
        String source = "metrics-" + UUID.randomUUID().toString().substring(0, 8);
        given().contentType(ContentType.JSON).body("{\"url\":\"https://m.example.com/" + UUID.randomUUID() + "\",\"title\":\"T\",\"body\":\"x\",\"source\":\"" + source + "\"}")
                .post("/articles").then().statusCode(202);
        given().contentType(ContentType.JSON).body("{\"title\":\"T\",\"body\":\"x\",\"source\":\"" + source + "\",\"url\":\"ftp://x\"}")
                .post("/articles").then().statusCode(400);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        org.assertj.core.api.Assertions.assertThat(metrics)
                .containsPattern("storyline_ingest_articles_total\\{[^}]*outcome=\"accepted\"[^}]*source=\"" + source + "\"[^}]*} 1\\.0")
                .containsPattern("storyline_ingest_articles_total\\{[^}]*outcome=\"rejected\"[^}]*reason=\"url-scheme-not-allowed\"[^}]*source=\"" + source + "\"[^}]*} 1\\.0");
    }

    @Test
    void openApiAndSwaggerUi() {
        given().get("/q/openapi").then().statusCode(200)
                .body(containsString("/articles/batch")).body(containsString("/articles/text")).body(containsString("/feeds"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
