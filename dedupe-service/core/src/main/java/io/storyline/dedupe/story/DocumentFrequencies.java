package io.storyline.dedupe.story;

import java.util.Arrays;

/**
 * Document frequencies learnt from the stream itself (never from a test set): IDF of a term is
 * {@code ln((N + 1) / (df + 1)) + 1}, so an unseen term weighs most and a term in every document still counts a little.
 */
final class DocumentFrequencies {
    private int[] frequencies = new int[1024];
    /** ln(df + 1) of each term, kept as frequencies change, so an IDF costs no logarithm: centroid norms ask for thousands. */
    private double[] logFrequencies = new double[1024];
    private long documents;
    /** ln(N + 1) + 1. */
    private double logDocuments = 1.0;

    void add(TermVector document) {
        for (int i = 0; i < document.size(); i++) {
            int id = document.id(i);
            if (id >= frequencies.length) {
                int size = Math.max(id + 1, frequencies.length * 2);
                frequencies = Arrays.copyOf(frequencies, size);
                logFrequencies = Arrays.copyOf(logFrequencies, size);
            }
            frequencies[id]++;
            logFrequencies[id] = Math.log(frequencies[id] + 1.0);
        }
        documents++;
        logDocuments = Math.log(documents + 1.0) + 1.0;
    }

    /** ln((N + 1) / (df + 1)) + 1, as ln(N + 1) + 1 − ln(df + 1). */
    double idf(int id) {
        return id < logFrequencies.length ? logDocuments - logFrequencies[id] : logDocuments;
    }

    long documents() {
        return documents;
    }
}
