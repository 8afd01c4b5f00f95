package io.storyline.dedupe.story;

import java.util.Arrays;

/**
 * Document frequencies learnt from the stream itself (never from a test set): IDF of a term is
 * {@code ln((N + 1) / (df + 1)) + 1}, so an unseen term weighs most and a term in every document still counts a little.
 */
final class DocumentFrequencies {
    private int[] frequencies = new int[1024];
    private long documents;

    void add(TermVector document) {
        for (int i = 0; i < document.size(); i++) {
            int id = document.id(i);
            if (id >= frequencies.length) {
                frequencies = Arrays.copyOf(frequencies, Math.max(id + 1, frequencies.length * 2));
            }
            frequencies[id]++;
        }
        documents++;
    }

    double idf(int id) {
        int df = id < frequencies.length ? frequencies[id] : 0;
        return Math.log((documents + 1.0) / (df + 1.0)) + 1.0;
    }

    long documents() {
        return documents;
    }
}
