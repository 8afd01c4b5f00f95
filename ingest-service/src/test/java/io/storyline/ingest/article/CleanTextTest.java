package io.storyline.ingest.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CleanTextTest {

    @Test
    void htmlKeepsParagraphsAndDropsScriptsNavigationAndCommentForms() {
        String html = """
                <html><head><title>x</title><style>p{color:red}</style></head><body>
                <nav><a href="/">Home</a> <a href="/world">World</a></nav>
                <article><h1>Headline</h1><p>First  paragraph,
                  over two lines.</p><script>var a = 1;</script>
                <p>Second&nbsp;paragraph with <a href="#">a link</a> and <b>bold</b>.</p>
                <!-- a comment --><div class="share">Share this</div>
                <p>Leave a comment</p><p>Please enter your name here</p></article>
                <footer>© Outlet</footer></body></html>""";
        assertThat(CleanText.fromHtml(html)).isEqualTo(
                "Headline\n\nFirst paragraph, over two lines.\n\nSecond paragraph with a link and bold.");
    }

    @Test
    void lineBreaksSeparateParagraphs() {
        assertThat(CleanText.fromHtml("one<br>two<br/><br/>three")).isEqualTo("one\n\ntwo\n\nthree");
    }

    @Test
    void plainTextIsNfcWithFoldedWhitespaceAndNoBoilerplate() {
        String text = "  Cafe\u0301   au lait\t here \n\n\nSecond\u00a0line\u200b.\r\nLeave a comment\nYour email address will not be published. Required fields are marked *\n";
        assertThat(CleanText.fromPlainText(text)).isEqualTo("Café au lait here\n\nSecond line.");
    }

    @Test
    void markupIsDetected() {
        assertThat(CleanText.looksLikeHtml("<p>hello</p>")).isTrue();
        assertThat(CleanText.looksLikeHtml("a < b and c > d")).isFalse();
    }

    @Test
    void titlesLoseMarkupAndEntities() {
        assertThat(CleanText.line(" Biden &amp; <i>Putin</i>\n talk ")).isEqualTo("Biden & Putin talk");
    }

    @Test
    void longProseThatMentionsCommentsIsNotBoilerplate() {
        assertThat(CleanText.isBoilerplate("Comments")).isTrue();
        assertThat(CleanText.isBoilerplate("The Kremlin declined to comment on the call.")).isFalse();
    }
}
