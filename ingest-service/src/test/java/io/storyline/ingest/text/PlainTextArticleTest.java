package io.storyline.ingest.text;

import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.RejectedInputException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlainTextArticleTest {

    private static ArticleSubmission seed(String file) throws IOException {
        return PlainTextArticle.read("seeds/" + file, Files.readString(Path.of("../seeds", file)), null);
    }

    @Test
    void headlineOnTheFirstLine() throws IOException {
        var s = seed("002_e2c1e6ba63d4be95.txt");
        assertThat(s.title()).isEqualTo("Putin on the phone with US President Biden");
        assertThat(s.body()).startsWith("\nMoscow, January 26 (Xinhua)");
        assertThat(s.url()).isEqualTo("file:seeds/002_e2c1e6ba63d4be95.txt");
        assertThat(s.source()).isEqualTo("file");
        assertThat(s.published()).isNull();
    }

    @Test
    void paragraphInsteadOfHeadlineGivesTitleFromFirstSentenceAndKeepsTheParagraph() throws IOException {
        var s = seed("000_dfc8e261659470ef.txt");
        assertThat(s.title()).startsWith("China News Agency, Moscow, April 13 (Reporter Wang Xiujun) According to").endsWith("…");
        assertThat(s.body()).startsWith("China News Agency, Moscow, April 13 (Reporter Wang Xiujun)");
    }

    @Test
    void breadcrumbTrailBeforeTheHeadlineIsSkippedAndSiteSuffixDropped() throws IOException {
        var s = seed("003_837eb5a924254316.txt");
        assertThat(s.title()).isEqualTo("Biden, Putin discuss future summit over the phone");
        assertThat(s.body().strip()).startsWith("Biden proposed summit with Putin in a third country");
    }

    @Test
    void leadingDateIsTakenAsPublishedTimeAndRemovedFromTheHeadline() throws IOException {
        var s = seed("004_7d541f05f79cddeb.txt");
        assertThat(s.title()).isEqualTo("Biden calls Putin and offers him to meet");
        assertThat(s.published()).isEqualTo("2003-01-17");
        assertThat(s.body().strip()).startsWith("US President Joseph Biden held a telephone conversation");
    }

    @Test
    void headlineHeuristics() {
        assertThat(PlainTextArticle.looksLikeHeadline("U.S. President Biden calls Putin")).isTrue();
        assertThat(PlainTextArticle.looksLikeHeadline("Is a summit next?")).isTrue();
        assertThat(PlainTextArticle.looksLikeHeadline("The call lasted an hour. Both sides spoke.")).isFalse();
        assertThat(PlainTextArticle.looksLikeHeadline("The two presidents spoke on Tuesday.")).isFalse();
        assertThat(PlainTextArticle.withoutSiteSuffix("Biden calls Putin | The Daily News")).isEqualTo("Biden calls Putin");
        assertThat(PlainTextArticle.isBreadcrumbEndingIn("Home > World > Biden calls Putin", "Biden calls Putin")).isTrue();
        assertThat(PlainTextArticle.isBreadcrumbEndingIn("He said it. Biden calls Putin", "Biden calls Putin")).isFalse();
    }

    @Test
    void breadcrumbWithSeparatorsOnOneLine() {
        var s = PlainTextArticle.read("a.txt", "Home > World > Europe > Leaders agree to talk\nThe leaders agreed to talk.\n", null);
        assertThat(s.title()).isEqualTo("Leaders agree to talk");
        assertThat(s.body()).isEqualTo("The leaders agreed to talk.");
    }

    @Test
    void emptyOrHeadlineOnlyFilesAreRefused() {
        assertThatThrownBy(() -> PlainTextArticle.read("a.txt", " \n\n ", null)).isInstanceOf(RejectedInputException.class);
        assertThatThrownBy(() -> PlainTextArticle.read("a.txt", "Just a headline here\n", null)).isInstanceOf(RejectedInputException.class);
    }
}
