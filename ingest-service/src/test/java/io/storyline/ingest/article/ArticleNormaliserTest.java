package io.storyline.ingest.article;

import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleNormaliserTest {

    private static final Instant NOW = Instant.parse("2021-04-14T08:00:00Z");
    private final ArticleNormaliser normaliser = new ArticleNormaliser(ArticleLimits.defaults());

    private static ArticleSubmission submission(String url, String title, String body) {
        return new ArticleSubmission(url, title, body, ArticleSubmission.BodyFormat.DETECT, null, null, null, null, null, null);
    }

    @Test
    void buildsTheContractArticle() {
        var n = normaliser.normalise(new ArticleSubmission("https://WWW.Example.com/a?utm_source=x", " Title ",
                "<p>Body  text</p>", ArticleSubmission.BodyFormat.DETECT, null, "EN", "2021-04-13T10:00:00Z", " A ", null, null),
                IngestChannel.HTTP, NOW);
        var a = n.article();
        assertThat(a.url()).isEqualTo("https://www.example.com/a");
        assertThat(a.source()).isEqualTo("example.com");
        assertThat(a.title()).isEqualTo("Title");
        assertThat(a.text()).isEqualTo("Body text");
        assertThat(a.language()).isEqualTo("en");
        assertThat(a.author()).isEqualTo("A");
        assertThat(a.revision()).isEqualTo(1);
        assertThat(a.published()).isEqualTo(Instant.parse("2021-04-13T10:00:00Z"));
        assertThat(a.publishedSource()).isEqualTo(TimeSource.FEED);
        assertThat(a.received()).isEqualTo(NOW);
        assertThat(a.id()).isEqualTo(ArticleIdentity.idFromUrl("https://www.example.com/a"));
        assertThat(a.contentHash()).isEqualTo(ArticleIdentity.contentHash("Title", "Body text"));
    }

    @Test
    void withoutUrlTheIdComesFromTheContent() {
        var one = normaliser.normalise(new ArticleSubmission(null, "T", "x", null, "S", null, null, null, null, null), IngestChannel.HTTP, NOW).article();
        var same = normaliser.normalise(new ArticleSubmission(null, "T", " x ", null, "S", null, null, null, null, null), IngestChannel.HTTP, NOW).article();
        var other = normaliser.normalise(new ArticleSubmission(null, "T", "y", null, "S", null, null, null, null, null), IngestChannel.HTTP, NOW).article();
        assertThat(one.id()).isEqualTo(same.id()).isNotEqualTo(other.id());
        assertThat(one.url()).isNull();
    }

    @Test
    void refusals() {
        expect(submission("https://e.com/a", null, "x"), RejectionReason.MISSING_FIELD, "title");
        expect(submission("https://e.com/a", "T", null), RejectionReason.MISSING_FIELD, "body");
        expect(submission("https://e.com/a", "<b></b>", "x"), RejectionReason.EMPTY_TEXT, "title");
        expect(submission("https://e.com/a", "T", "<script>x()</script>"), RejectionReason.EMPTY_TEXT, "body");
        expect(submission("https://e.com/a", "T", "Leave a comment"), RejectionReason.EMPTY_TEXT, "body");
        expect(submission("https://e.com/a", "T".repeat(1001), "x"), RejectionReason.TOO_LONG, "title");
        expect(submission("https://e.com/a", "T", "x".repeat(500_001)), RejectionReason.TOO_LONG, "body");
        expect(submission("file:/etc/passwd", "T", "x"), RejectionReason.URL_SCHEME_NOT_ALLOWED, "url");
        expect(submission(null, "T", "x"), RejectionReason.MISSING_FIELD, "source");
        expect(new ArticleSubmission("https://e.com/a", "T", "x", null, null, "english!", null, null, null, null),
                RejectionReason.INVALID_FIELD, "language");
        expect(new ArticleSubmission("https://e.com/a", "T", "x", null, "s".repeat(300), null, null, null, null, null),
                RejectionReason.TOO_LONG, "source");
    }

    @Test
    void languageCodes() {
        assertThat(ArticleNormaliser.language("en-US")).isEqualTo("en");
        assertThat(ArticleNormaliser.language("deu")).isEqualTo("de");
        assertThat(ArticleNormaliser.language(null)).isNull();
    }

    private void expect(ArticleSubmission s, RejectionReason reason, String field) {
        assertThatThrownBy(() -> normaliser.normalise(s, IngestChannel.HTTP, NOW)).isInstanceOfSatisfying(RejectedInputException.class, e -> {
            assertThat(e.rejection().reason()).isEqualTo(reason);
            assertThat(e.rejection().field()).isEqualTo(field);
        });
    }
}
