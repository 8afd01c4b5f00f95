package io.storyline.ingest.article;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.Random;
import java.util.regex.Pattern;

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

    /** fold is one hand-written pass; its definition is these two regex replacements, checked on random text. */
    @Test
    void foldEqualsItsRegexDefinition() {
        Pattern invisible = Pattern.compile("[\\p{Cc}\\p{Cf}&&[^\\n\\t]]");
        Pattern spaces = Pattern.compile("[\\s\\p{Z}]+");
        int[] alphabet = {'a', 'Z', 'e', 0x301, ' ', ' ', '\t', '\n', '\r', 0x0B, '\f', 0x00A0, 0x2007, 0x202F, 0x2028,
                0x2029, 0x3000, 0x200B, 0x200D, 0xFEFF, 0x00AD, 0x0085, 0x001F, 0x0000, 0x1F600, 0xE0001, 0x1D400, 'é', 0x212B};
        Random random = new Random(7);
        for (int run = 0; run < 20_000; run++) {
            StringBuilder raw = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                raw.appendCodePoint(alphabet[random.nextInt(alphabet.length)]);
            }
            String nfc = Normalizer.normalize(raw, Normalizer.Form.NFC);
            String expected = spaces.matcher(invisible.matcher(nfc).replaceAll("")).replaceAll(" ").strip();
            assertThat(CleanText.fold(raw.toString())).as("fold of %s", raw.codePoints().boxed().toList()).isEqualTo(expected);
        }
    }
}
