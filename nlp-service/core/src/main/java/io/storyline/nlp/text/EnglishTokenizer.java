package io.storyline.nlp.text;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import io.storyline.nlp.Deadline;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * CoreNLP's PTB tokenizer and sentence splitter; sentences never cross a paragraph break (a line break,
 * optional blanks, another line break), so a headline or a paragraph without final punctuation never runs
 * into the next one. Token offsets are offsets into the whole document.
 */
public final class EnglishTokenizer {
    /** Longer runs without a sentence end (tables, lists) are cut so the CRF never sees a giant sequence. */
    static final int MAX_SENTENCE_TOKENS = 120;

    private final WordToSentenceProcessor<CoreLabel> splitter = new WordToSentenceProcessor<>();

    public List<List<CoreLabel>> sentences(String document, Deadline deadline) {
        // One tokenizer over the whole document (a tokenizer per paragraph costs as much to set up as a short
        // paragraph takes to tokenise); paragraphs are cut afterwards where the gap between two tokens holds
        // a blank line.
        PTBTokenizer<CoreLabel> tokenizer = new PTBTokenizer<>(new StringReader(document), TOKEN_FACTORY, OPTIONS);
        List<List<CoreLabel>> sentences = new ArrayList<>();
        List<CoreLabel> paragraph = new ArrayList<>();
        int previousEnd = 0;
        int count = 0;
        while (tokenizer.hasNext()) {
            CoreLabel token = tokenizer.next();
            if (!paragraph.isEmpty() && isParagraphBreak(document, previousEnd, token.beginPosition())) {
                split(paragraph, sentences);
                paragraph = new ArrayList<>();
            }
            paragraph.add(token);
            previousEnd = token.endPosition();
            if ((++count & 1023) == 0) {
                deadline.check("tokenisation");
            }
        }
        if (!paragraph.isEmpty()) {
            split(paragraph, sentences);
        }
        deadline.check("tokenisation");
        return sentences;
    }

    private static final CoreLabelTokenFactory TOKEN_FACTORY = new CoreLabelTokenFactory();
    private static final String OPTIONS = "invertible=false,untokenizable=noneKeep";

    /** A line break, optional blanks, another line break: the paragraph break of {@link #PARAGRAPH_BREAK}. */
    static boolean isParagraphBreak(String document, int from, int to) {
        int i = document.indexOf('\n', from);
        while (i >= 0 && i < to) {
            int j = i + 1;
            while (j < to && isBlank(document.charAt(j))) {
                j++;
            }
            if (j < to && document.charAt(j) == '\n') {
                return true;
            }
            i = document.indexOf('\n', i + 1);
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\u00A0' || c == '\u3000';
    }

    private void split(List<CoreLabel> tokens, List<List<CoreLabel>> sentences) {
        for (List<CoreLabel> sentence : splitter.process(tokens)) {
            for (int i = 0; i < sentence.size(); i += MAX_SENTENCE_TOKENS) {
                sentences.add(new ArrayList<>(sentence.subList(i, Math.min(sentence.size(), i + MAX_SENTENCE_TOKENS))));
            }
        }
    }
}
