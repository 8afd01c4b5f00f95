package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.storyline.events.EventHeaders;
import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class SingleArticleTest {

    private static final Path SEEDS = Path.of("../seeds");

    @Test
    void jsonArticleIsPublishedKeyedByIdWithTraceHeaders() {
        String slug = UUID.randomUUID().toString();
        try (RawTopic raw = new RawTopic()) {
            String id = given().contentType(ContentType.JSON)
                    .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                    .body("""
                            {"url": "https://News.Example.com/world/%s?utm_source=x&b=2&a=1#top",
                             "title": "Biden calls <b>Putin</b>",
                             "body": "<article><p>First   paragraph.</p><script>evil()</script><p>Second.</p><p>Leave a comment</p></article>",
                             "outlet": "Example News", "language": "en-GB", "published": "Tue, 13 Apr 2021 18:30:00 GMT",
                             "author": "A. Writer", "section": "World", "feedId": "world-feed"}
                            """.formatted(slug))
                    .post("/articles")
                    .then().statusCode(202)
                    .body("status", equalTo("accepted"))
                    .body("revision", equalTo(1))
                    .body("id", notNullValue())
                    .extract().path("id");

            var records = raw.pollUntil(r -> r.stream().anyMatch(x -> id.equals(x.key())), Duration.ofSeconds(30));
            var mine = records.stream().filter(x -> id.equals(x.key())).map(RawTopic::decode).toList();
            assertThat(mine).hasSize(1);
            var article = mine.get(0).article();
            assertThat(article.id()).isEqualTo(id);
            assertThat(article.url()).isEqualTo("https://news.example.com/world/" + slug + "?a=1&b=2");
            assertThat(article.title()).isEqualTo("Biden calls Putin");
            assertThat(article.text()).isEqualTo("First paragraph.\n\nSecond.");
            assertThat(article.source()).isEqualTo("Example News");
            assertThat(article.language()).isEqualTo("en");
            assertThat(article.published()).isEqualTo(Instant.parse("2021-04-13T18:30:00Z"));
            assertThat(article.publishedSource()).isEqualTo(TimeSource.FEED);
            assertThat(article.channel()).isEqualTo(IngestChannel.HTTP);
            assertThat(article.contentHash()).hasSize(64);
            var headers = mine.get(0).headers();
            assertThat(headers.get(EventHeaders.TRACE_ID)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(Long.parseLong(headers.get(EventHeaders.INGESTED_AT))).isEqualTo(article.received().toEpochMilli());
        }
    }

    @Test
    void seedFilesBecomeArticlesWithHeadlines() throws Exception {
        List<Path> seeds;
        try (var files = Files.list(SEEDS)) {
            seeds = files.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertThat(seeds).hasSize(5);
        try (RawTopic raw = new RawTopic()) {
            for (Path seed : seeds) {
                String name = "seeds/" + seed.getFileName();
                given().contentType("text/plain; charset=UTF-8").queryParam("name", name)
                        .header("X-Request-Id", "seed-" + seed.getFileName())
                        .body(Files.readAllBytes(seed))
                        .post("/articles/text")
                        .then().statusCode(202)
                        .body("status", org.hamcrest.Matchers.anyOf(equalTo("accepted"), equalTo("duplicate")))
                        .body("url", equalTo("file:" + name));
            }
            var records = raw.pollUntil(r -> r.size() >= 5, Duration.ofSeconds(30)).stream().map(RawTopic::decode).toList();
            assertThat(records).hasSize(5);
            var byUrl = new java.util.HashMap<String, RawTopic.Received>();
            records.forEach(r -> byUrl.put(r.article().url(), r));

            var s000 = byUrl.get("file:seeds/000_dfc8e261659470ef.txt").article();
            assertThat(s000.title()).startsWith("China News Agency, Moscow, April 13").endsWith("…").hasSizeLessThanOrEqualTo(161);
            assertThat(s000.text()).startsWith("China News Agency, Moscow, April 13");
            assertThat(s000.source()).isEqualTo("file");
            assertThat(s000.channel()).isEqualTo(IngestChannel.FILE);

            var s001 = byUrl.get("file:seeds/001_34c964c25cad2962.txt").article();
            assertThat(s001.title()).isEqualTo("Russian and American presidents talked over the phone to discuss bilateral relations and international hotspot issues");
            assertThat(s001.text()).startsWith("Xinhua News Agency, Moscow, April 13");

            var s002 = byUrl.get("file:seeds/002_e2c1e6ba63d4be95.txt").article();
            assertThat(s002.title()).isEqualTo("Putin on the phone with US President Biden");
            assertThat(s002.text()).doesNotContain("Leave a comment").doesNotContain("Your email address will not be published");

            var s003 = byUrl.get("file:seeds/003_837eb5a924254316.txt").article();
            assertThat(s003.title()).isEqualTo("Biden, Putin discuss future summit over the phone");
            assertThat(s003.text()).startsWith("Biden proposed summit with Putin in a third country")
                    .doesNotContain("Please enter your name here").doesNotContain("Recent Comments").doesNotContain("Home World News");

            var r004 = byUrl.get("file:seeds/004_7d541f05f79cddeb.txt");
            var s004 = r004.article();
            assertThat(s004.title()).isEqualTo("Biden calls Putin and offers him to meet");
            assertThat(s004.publishedSource()).isEqualTo(TimeSource.RECEIVED);
            assertThat(s004.published()).isEqualTo(s004.received());
            assertThat(s004.text()).startsWith("US President Joseph Biden held a telephone conversation");
            assertThat(r004.headers().get(EventHeaders.TRACE_ID)).isEqualTo("seed-004_7d541f05f79cddeb.txt");
            assertThat(r004.key()).isEqualTo(s004.id());
        }
    }
}
