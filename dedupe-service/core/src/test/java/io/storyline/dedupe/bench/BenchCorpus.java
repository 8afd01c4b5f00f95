package io.storyline.dedupe.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Benchmark articles of about 600 words built from real sentences (seeds + WikiRef220): each article strings
 * together random sentences of the corpus in paragraphs, so articles look like news text but are distinct
 * stories (no two share more than a sentence or two).
 */
final class BenchCorpus {

    private final String[] sentences;

    BenchCorpus(List<SeedCorpus.SourceArticle> corpus) {
        List<String> all = new ArrayList<>();
        for (SeedCorpus.SourceArticle article : corpus) {
            for (String paragraph : article.paragraphs()) {
                for (String sentence : paragraph.split("(?<=[.!?])\\s+")) {
                    int words = sentence.split("\\s+").length;
                    if (words >= 6 && words <= 40) { // a run-on "sentence" (a list, a table) would dominate an article
                        all.add(sentence);
                    }
                }
            }
        }
        if (all.size() < 500) {
            throw new IllegalStateException("corpus too small for benchmark articles: " + all.size() + " sentences");
        }
        sentences = all.toArray(String[]::new);
    }

    static BenchCorpus load() {
        return new BenchCorpus(SeedCorpus.load());
    }

    int sentenceCount() {
        return sentences.length;
    }

    /** An article of at least {@code words} words. */
    String article(SplittableRandom random, int words) {
        StringBuilder text = new StringBuilder(words * 7);
        int count = 0;
        int inParagraph = 0;
        while (count < words) {
            String sentence = sentences[random.nextInt(sentences.length)];
            if (inParagraph == 4) {
                text.append("\n\n");
                inParagraph = 0;
            } else if (text.length() > 0) {
                text.append(' ');
            }
            text.append(sentence);
            inParagraph++;
            count += wordCount(sentence);
        }
        return text.toString();
    }

    List<String> articles(long seed, int n, int words) {
        SplittableRandom random = new SplittableRandom(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(article(random, words));
        }
        return out;
    }

    static int wordCount(String s) {
        int words = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean space = Character.isWhitespace(s.charAt(i));
            if (!space && !in) {
                words++;
            }
            in = !space;
        }
        return words;
    }
}
