package io.storyline.ingest.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CanonicalUrlTest {

    private final ArticleLimits limits = ArticleLimits.defaults();

    @Test
    void lowerCasesHostDropsFragmentDefaultPortAndTrackingParameters() {
        assertThat(CanonicalUrl.of(" HTTPS://WWW.Example.COM:443/World/Story?utm_source=tw&id=7&fbclid=abc&gclid=x&UTM_Campaign=y#comments ", limits))
                .isEqualTo("https://www.example.com/World/Story?id=7");
    }

    @Test
    void sortsRemainingParametersAndAddsRootPath() {
        assertThat(CanonicalUrl.of("http://example.com?b=2&a=1", limits)).isEqualTo("http://example.com/?a=1&b=2");
        assertThat(CanonicalUrl.of("http://example.com:8080/x?", limits)).isEqualTo("http://example.com:8080/x");
    }

    @Test
    void sameArticleThroughDifferentLinksHasOneId() {
        String a = CanonicalUrl.of("https://news.example.com/a?utm_medium=email", limits);
        String b = CanonicalUrl.of("https://NEWS.example.com/a#top", limits);
        assertThat(ArticleIdentity.idFromUrl(a)).isEqualTo(ArticleIdentity.idFromUrl(b)).hasSize(32);
    }

    @Test
    void refusesOtherSchemesRelativeAndMalformedUrls() {
        assertThatThrownBy(() -> CanonicalUrl.of("ftp://example.com/a", limits))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.URL_SCHEME_NOT_ALLOWED));
        assertThatThrownBy(() -> CanonicalUrl.of("javascript:alert(1)", limits))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.URL_SCHEME_NOT_ALLOWED));
        assertThatThrownBy(() -> CanonicalUrl.of("/world/story", limits))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.INVALID_URL));
        assertThatThrownBy(() -> CanonicalUrl.of("http://exa mple.com/", limits))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().field()).isEqualTo("url"));
        assertThatThrownBy(() -> CanonicalUrl.of("https://example.com/" + "a".repeat(3000), limits))
                .isInstanceOfSatisfying(RejectedInputException.class, e -> assertThat(e.rejection().reason()).isEqualTo(RejectionReason.TOO_LONG));
    }
}
