package io.storyline.dedupe.nearduplicate;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class ShingleExtractorTest {

    private final ShingleExtractor words = new ShingleExtractor(3, 2);

    private long[] shingles(ShingleExtractor extractor, String language, String text) {
        int n = extractor.extract(language, text, ShingleExtractor.LineFilter.NONE);
        return Arrays.copyOf(extractor.shingles(), n);
    }

    @Test
    void caseAndPunctuationDoNotMatter() {
        assertThat(shingles(words, "en", "The President, said: \"We'll talk SOON!\""))
                .containsExactly(shingles(words, "en", "the president said well talk soon"));
    }

    @Test
    void htmlLeftoversAreDropped() {
        assertThat(shingles(words, "en", "<p class=\"lead\">Talks resume&nbsp;in Geneva</p> on Monday"))
                .containsExactly(shingles(words, "en", "Talks resume in Geneva on Monday"));
    }

    @Test
    void wordNgramsOverlap() {
        assertThat(shingles(words, "en", "one two three four five")).hasSize(3);
        assertThat(shingles(words, "en", "one two")).hasSize(1); // shorter than a shingle: one shingle
        assertThat(shingles(words, "en", "  ,;  ")).isEmpty();
    }

    @Test
    void wordOrderMatters() {
        assertThat(shingles(words, "en", "one two three")).doesNotContain(shingles(words, "en", "three two one"));
    }

    @Test
    void chineseIsShingledByCharacters() {
        long[] chinese = shingles(words, "zh", "拜登与普京通话。");
        assertThat(chinese).hasSize(6); // 7 characters, bigrams; the full stop is punctuation
        assertThat(shingles(words, "zh-Hans", "拜登 与普京，通话")).containsExactly(chinese);
    }

    @Test
    void latinWordsInChineseTextAreWordsAndAccentsStayInTheirWord() {
        assertThat(shingles(words, "zh", "iPhone手机")).hasSize(2)
                .containsExactly(shingles(words, "zh", "IPHONE 手 机"));
        assertThat(shingles(words, "fr", "Le café est très chaud")).hasSize(3)
                .doesNotContain(shingles(words, "fr", "Le caf est tr s chaud"));
    }

    @Test
    void undeclaredLanguageIsDecidedByScript() {
        assertThat(ShingleExtractor.writtenWithoutSpaces(null, "นายกรัฐมนตรีเดินทางไปต่างประเทศ")).isTrue();
        assertThat(ShingleExtractor.writtenWithoutSpaces("und", "Le président a parlé")).isFalse();
        assertThat(ShingleExtractor.writtenWithoutSpaces("ja", "anything")).isTrue();
        assertThat(ShingleExtractor.writtenWithoutSpaces("en", "拜登与普京通话")).isFalse();
    }

    @Test
    void boilerplateLinesAreLeftOut() {
        String text = "Talks resume in Geneva on Monday\nSubscribe to our newsletter today";
        words.extract("en", "Subscribe to our newsletter today", ShingleExtractor.LineFilter.NONE);
        long footer = words.lineHashes()[0];
        int n = words.extract("en", text, hash -> hash == footer);
        assertThat(words.lineCount()).isEqualTo(2);
        long[] kept = Arrays.copyOf(words.shingles(), n);
        assertThat(kept).containsExactly(shingles(words, "en", "Talks resume in Geneva on Monday"));
    }

    @Test
    void sameTextSameHashesAcrossInstances() {
        String text = "Russian President Putin had a telephone conversation with US President Biden";
        assertThat(shingles(new ShingleExtractor(4, 3), "en", text))
                .containsExactly(shingles(new ShingleExtractor(4, 3), "en", text));
    }
}
