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

    /** IDF values computed since the last document came: choosing a big story's headline asks for the same terms over and over. */
    private double[] memo = new double[1024];
    /** For each memoised id, the document count it was computed at, plus one (0: never). */
    private long[] memoAt = new long[1024];

    double idf(int id) {
        if (id < memoAt.length && memoAt[id] == documents + 1) {
            return memo[id];
        }
        int df = id < frequencies.length ? frequencies[id] : 0;
        double idf = Math.log((documents + 1.0) / (df + 1.0)) + 1.0;
        if (id >= memoAt.length) {
            int size = Math.max(id + 1, memoAt.length * 2);
            memo = Arrays.copyOf(memo, size);
            memoAt = Arrays.copyOf(memoAt, size);
        }
        memo[id] = idf;
        memoAt[id] = documents + 1;
        return idf;
    }

    long documents() {
        return documents;
    }
}
