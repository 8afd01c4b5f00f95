package io.storyline.nlp.text;

import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import io.storyline.nlp.Deadline;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CoreNLP's PTB tokenizer and sentence splitter, run paragraph by paragraph so that a headline or a
 * paragraph without final punctuation never runs into the next one. Token offsets are offsets into the
 * whole document.
 */
public final class EnglishTokenizer {
    private static final Pattern PARAGRAPH_BREAK = Pattern.compile("\\n[ \\t\\u00A0\\u3000]*\\n\\s*");
    /** Longer runs without a sentence end (tables, lists) are cut so the CRF never sees a giant sequence. */
    static final int MAX_SENTENCE_TOKENS = 120;

    private final WordToSentenceProcessor<CoreLabel> splitter = new WordToSentenceProcessor<>();

    public List<List<CoreLabel>> sentences(String document, Deadline deadline) {
        List<List<CoreLabel>> sentences = new ArrayList<>();
        Matcher breaks = PARAGRAPH_BREAK.matcher(document);
        int start = 0;
        while (start < document.length()) {
            int end;
            int next;
            if (breaks.find(start)) {
                end = breaks.start();
                next = breaks.end();
            } else {
                end = document.length();
                next = document.length();
            }
            if (end > start) {
                addParagraph(document, start, end, sentences);
                deadline.check("tokenisation");
            }
            start = next;
        }
        return sentences;
    }

    private void addParagraph(String document, int start, int end, List<List<CoreLabel>> sentences) {
        PTBTokenizer<CoreLabel> tokenizer = new PTBTokenizer<>(new StringReader(document.substring(start, end)),
                new CoreLabelTokenFactory(), "invertible=false,untokenizable=noneKeep");
        List<CoreLabel> tokens = tokenizer.tokenize();
        if (tokens.isEmpty()) {
            return;
        }
        for (CoreLabel token : tokens) {
            token.setBeginPosition(token.beginPosition() + start);
            token.setEndPosition(token.endPosition() + start);
        }
        for (List<CoreLabel> sentence : splitter.process(tokens)) {
            for (int i = 0; i < sentence.size(); i += MAX_SENTENCE_TOKENS) {
                sentences.add(new ArrayList<>(sentence.subList(i, Math.min(sentence.size(), i + MAX_SENTENCE_TOKENS))));
            }
        }
    }
}
