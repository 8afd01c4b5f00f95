package io.storyline.ingest.feed;

import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RejectionReason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FeedArticlesTest {

    static final String RSS = """
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0"><channel><title>Example World</title><link>https://www.example.com/</link><language>en-us</language>
            <item><title>Biden calls Putin</title><link>https://www.example.com/a?utm_source=rss</link>
              <description>&lt;p&gt;The presidents spoke.&lt;/p&gt;</description><pubDate>Tue, 13 Apr 2021 18:30:00 GMT</pubDate>
              <category>World</category><author>desk@example.com (Desk)</author></item>
            <item><title>No body</title><link>https://www.example.com/b</link></item>
            </channel></rss>""";

    static final String ATOM = """
            <?xml version="1.0" encoding="utf-8"?>
            <feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title><id>urn:uuid:feed</id><link href="https://atom.example.org/"/>
            <updated>2021-04-13T18:30:00Z</updated>
            <entry><title>Summit proposed</title><id>tag:atom.example.org,2021:1</id><link href="https://atom.example.org/1"/>
              <updated>2021-04-13T19:00:00Z</updated><published>2021-04-13T18:45:00Z</published>
              <content type="html">&lt;p&gt;Biden proposed a summit.&lt;/p&gt;</content><author><name>Reporter</name></author></entry>
            </feed>""";

    @Test
    void rssItemsBecomeSubmissions() {
        var items = FeedArticles.read(RSS.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(items).hasSize(2);
        ArticleSubmission s = items.get(0).submission();
        assertThat(s.url()).isEqualTo("https://www.example.com/a?utm_source=rss");
        assertThat(s.title()).isEqualTo("Biden calls Putin");
        assertThat(s.body()).contains("<p>The presidents spoke.</p>");
        assertThat(s.source()).isEqualTo("example.com");
        assertThat(s.language()).isEqualTo("en-us");
        assertThat(Instant.parse(s.published())).isEqualTo(Instant.parse("2021-04-13T18:30:00Z"));
        assertThat(s.section()).isEqualTo("World");
        assertThat(s.feedId()).isEqualTo("https://www.example.com/");
        assertThat(items.get(1).rejection().reason()).isEqualTo(RejectionReason.MISSING_FIELD);
    }

    @Test
    void atomEntriesBecomeSubmissions() {
        var items = FeedArticles.read(ATOM.getBytes(StandardCharsets.UTF_8), "Atom", "atom-1");
        assertThat(items).hasSize(1);
        var s = items.get(0).submission();
        assertThat(s.url()).isEqualTo("https://atom.example.org/1");
        assertThat(s.bodyFormat()).isEqualTo(ArticleSubmission.BodyFormat.HTML);
        assertThat(s.source()).isEqualTo("Atom");
        assertThat(s.feedId()).isEqualTo("atom-1");
        assertThat(Instant.parse(s.published())).isEqualTo(Instant.parse("2021-04-13T18:45:00Z"));
        assertThat(s.author()).isEqualTo("Reporter");
    }

    @Test
    void malformedDocumentsAndExternalEntitiesAreRefused() {
        for (String xml : new String[]{"", "not xml", "<html><body>hi</body></html>", "<rss version=\"2.0\"><channel>",
                "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><rss version=\"2.0\"><channel><title>&xxe;</title></channel></rss>"}) {
            assertThatThrownBy(() -> FeedArticles.read(xml.getBytes(StandardCharsets.UTF_8), null, null))
                    .as(xml)
                    .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.MALFORMED_FEED));
        }
    }
}
