package io.storyline.ingest.endpoint;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;
import io.storyline.testing.kafka.KafkaBrokerResource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

@QuarkusTest
@QuarkusTestResource(value = KafkaBrokerResource.class, restrictToAnnotatedClass = false)
class FeedTest {

    @Test
    void everyRssItemBecomesAnArticle() {
        String run = UUID.randomUUID().toString();
        String rss = """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Example World</title><link>https://www.example.com/</link><language>en</language>
                <item><title>Biden calls Putin</title><link>https://www.example.com/%1$s/a?utm_source=rss</link>
                  <description>&lt;p&gt;The presidents spoke.&lt;/p&gt;&lt;p&gt;Leave a comment&lt;/p&gt;</description>
                  <pubDate>Tue, 13 Apr 2021 18:30:00 GMT</pubDate></item>
                <item><title>Summit proposed</title><link>https://www.example.com/%1$s/b</link>
                  <description>A summit in a third country.</description></item>
                <item><title>Nothing here</title><link>https://www.example.com/%1$s/c</link></item>
                </channel></rss>""".formatted(run);
        try (RawTopic raw = new RawTopic()) {
            given().contentType("application/rss+xml").queryParam("feedId", "example-world").body(rss).post("/feeds").then()
                    .statusCode(200)
                    .body("accepted", equalTo(2))
                    .body("rejected", equalTo(1))
                    .body("results[2].reason", equalTo("missing-field"));
            var mine = raw.pollUntil(r -> r.size() >= 2, Duration.ofSeconds(30)).stream().map(RawTopic::decode)
                    .filter(r -> r.article().url().contains(run)).toList();
            assertThat(mine).hasSize(2);
            var a = mine.stream().filter(r -> r.article().url().endsWith("/a")).findFirst().orElseThrow().article();
            assertThat(a.url()).isEqualTo("https://www.example.com/" + run + "/a");
            assertThat(a.text()).isEqualTo("The presidents spoke.");
            assertThat(a.source()).isEqualTo("example.com");
            assertThat(a.feedId()).isEqualTo("example-world");
            assertThat(a.language()).isEqualTo("en");
            assertThat(a.channel()).isEqualTo(IngestChannel.FEED);
            assertThat(a.published()).isEqualTo(Instant.parse("2021-04-13T18:30:00Z"));
            assertThat(a.publishedSource()).isEqualTo(TimeSource.FEED);
        }
    }

    @Test
    void atomEntries() {
        String run = UUID.randomUUID().toString();
        String atom = """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:uuid:%1$s</id><link href="https://atom.example.org/"/>
                <updated>2021-04-13T18:30:00Z</updated>
                <entry><title>Summit proposed</title><id>tag:atom.example.org,2021:%1$s</id><link href="https://atom.example.org/%1$s"/>
                  <updated>2021-04-13T19:00:00Z</updated>
                  <content type="html">&lt;p&gt;Biden proposed a summit.&lt;/p&gt;</content><author><name>Reporter</name></author></entry>
                </feed>""".formatted(run);
        try (RawTopic raw = new RawTopic()) {
            given().contentType("application/atom+xml").body(atom).post("/feeds").then().statusCode(200).body("accepted", equalTo(1));
            var mine = raw.pollUntil(r -> !r.isEmpty(), Duration.ofSeconds(30)).stream().map(RawTopic::decode)
                    .filter(r -> r.article().url().contains(run)).toList();
            assertThat(mine).hasSize(1);
            assertThat(mine.get(0).article().author()).isEqualTo("Reporter");
            assertThat(mine.get(0).article().feedId()).isEqualTo("urn:uuid:" + run);
        }
    }
}
