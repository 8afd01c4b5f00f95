package io.storyline.ingest.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleJsonTest {

    @Test
    void readsFieldsAliasesAndBodyKinds() {
        var s = ArticleJson.read("""
                {"url":"https://e.com/a","title":"T","html":"<p>x</p>","outlet":"E","lang":"en","publishedAt":1618338600,
                 "author":"A","section":"S","feed_id":"F","unknown":{"deep":[1,2]}}""");
        assertThat(s.url()).isEqualTo("https://e.com/a");
        assertThat(s.bodyFormat()).isEqualTo(ArticleSubmission.BodyFormat.HTML);
        assertThat(s.source()).isEqualTo("E");
        assertThat(s.language()).isEqualTo("en");
        assertThat(s.published()).isEqualTo("1618338600");
        assertThat(s.feedId()).isEqualTo("F");
        assertThat(ArticleJson.read("{\"title\":\"T\",\"text\":\"x\"}").bodyFormat()).isEqualTo(ArticleSubmission.BodyFormat.TEXT);
        assertThat(ArticleJson.read("{\"title\":\"T\",\"body\":\"x\"}").bodyFormat()).isEqualTo(ArticleSubmission.BodyFormat.DETECT);
    }

    @Test
    void everyProblemNamesTheFieldAndReason() {
        expect("{\"title\":\"T\"}", RejectionReason.MISSING_FIELD, "body");
        expect("{\"title\":5,\"body\":\"x\"}", RejectionReason.INVALID_FIELD, "title");
        expect("{\"title\":\"T\",\"body\":\"x\",\"text\":\"y\"}", RejectionReason.INVALID_FIELD, "text");
        expect("{\"title\":\"T\",\"title\":\"U\",\"body\":\"x\"}", RejectionReason.MALFORMED_JSON, null);
        expect("[1,2]", RejectionReason.MALFORMED_JSON, null);
        expect("{\"title\":", RejectionReason.MALFORMED_JSON, null);
        expect("", RejectionReason.MALFORMED_JSON, null);
        expect("{} {}", RejectionReason.MALFORMED_JSON, null);
        expect("[".repeat(1000), RejectionReason.MALFORMED_JSON, null);
    }

    private static void expect(String json, RejectionReason reason, String field) {
        assertThatThrownBy(() -> ArticleJson.read(json)).isInstanceOfSatisfying(RejectedInputException.class, e -> {
            assertThat(e.rejection().reason()).isEqualTo(reason);
            assertThat(e.rejection().field()).isEqualTo(field);
            assertThat(e.rejection().detail()).isNotBlank();
        });
    }
}
