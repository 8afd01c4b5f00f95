package io.storyline.nlp.text;

import edu.stanford.nlp.ling.CoreLabel;
import io.storyline.nlp.Deadline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EnglishTokenizerTest {
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();

    private List<List<String>> words(String document) {
        return tokenizer.sentences(document, Deadline.after(Duration.ofMinutes(1))).stream()
                .map(s -> s.stream().map(CoreLabel::word).toList()).toList();
    }

    @Test
    void sentencesNeverCrossAParagraphBreak() {
        assertThat(words("Putin and Biden talk\n\nThe leaders spoke by phone. They agreed to meet\n \t\nMoscow said more"))
                .containsExactly(List.of("Putin", "and", "Biden", "talk"),
                        List.of("The", "leaders", "spoke", "by", "phone", "."),
                        List.of("They", "agreed", "to", "meet"),
                        List.of("Moscow", "said", "more"));
    }

    @Test
    void aSingleLineBreakIsNoParagraphBreak() {
        assertThat(words("The call lasted\nan hour. It ended.")).containsExactly(
                List.of("The", "call", "lasted", "an", "hour", "."), List.of("It", "ended", "."));
    }

    @Test
    void offsetsPointIntoTheWholeDocument() {
        String document = "Headline here\n\nBody starts, \"quoted\" words.";
        for (List<CoreLabel> sentence : tokenizer.sentences(document, Deadline.after(Duration.ofMinutes(1)))) {
            for (CoreLabel t : sentence) {
                assertThat(document.substring(t.beginPosition(), t.endPosition())).isEqualTo(t.originalText());
            }
        }
    }

    @Test
    void paragraphBreaksAreBlankLines() {
        assertThat(EnglishTokenizer.isParagraphBreak("a\n\nb", 1, 3)).isTrue();
        assertThat(EnglishTokenizer.isParagraphBreak("a\n \u00A0\nb", 1, 5)).isTrue();
        assertThat(EnglishTokenizer.isParagraphBreak("a\nb", 1, 2)).isFalse();
        assertThat(EnglishTokenizer.isParagraphBreak("a \n x \n b", 1, 8)).isFalse();
    }
}
