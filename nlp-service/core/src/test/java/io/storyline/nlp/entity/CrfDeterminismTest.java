package io.storyline.nlp.entity;

import edu.stanford.nlp.ling.CoreLabel;
import io.storyline.events.EntityType;
import io.storyline.nlp.Deadline;
import io.storyline.nlp.NlpSettings;
import io.storyline.nlp.text.EnglishTokenizer;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The model's labels depend on the text alone, never on what the instance labelled before. */
class CrfDeterminismTest {
    private final CrfEntityRecognizer model = CrfEntityRecognizer.load(NlpSettings.ENGLISH_3CLASS);
    private final EnglishTokenizer tokenizer = new EnglishTokenizer();

    private List<CoreLabel> sentence(String text) {
        return tokenizer.sentences(text, Deadline.after(Duration.ofMinutes(1))).get(0);
    }

    @Test
    void labellingTextDoesNotTeachTheModelNewLowerCaseWords() {
        int known = model.knownLowerCaseWords();
        // Invented lower-case words: CoreNLP would add them to the set its word shapes consult.
        model.label(sentence("The zorbleflax and the quimbrastic frandle met in Glorbton on Tuesday."));
        model.label(sentence("Officials said the vextrabulous plimnor would stay in Moscow."));
        assertThat(model.knownLowerCaseWords()).isEqualTo(known);
    }

    @Test
    void theSameSentenceGetsTheSameLabelsBeforeAndAfterOtherText() {
        String text = "Frandle said Zorbleflax Industries would open an office in Plimnor next spring.";
        EntityType[] before = model.label(sentence(text));
        model.label(sentence("the frandle of the zorbleflax industries and the plimnor of next spring were discussed."));
        assertThat(model.label(sentence(text))).containsExactly(before);
    }
}
