package io.storyline.dedupe.nearduplicate;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Learns, per source, the lines that recur across its original articles (bylines, "Subscribe to our newsletter",
 * copyright notices) so they can be left out of shingling. Memory is bounded: each source keeps at most
 * {@code linesPerSource} line counters (when full, all counts are halved and lines seen once are forgotten, so
 * recurring lines survive), and at most {@code maxSources} sources are kept, least recently seen dropped first.
 */
final class SourceBoilerplate {

    private final int minArticles;
    private final int linesPerSource;
    private final LinkedHashMap<String, LineCounts> sources;

    SourceBoilerplate(int minArticles, int linesPerSource, int maxSources) {
        this.minArticles = minArticles;
        this.linesPerSource = linesPerSource;
        this.sources = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LineCounts> eldest) {
                return size() > maxSources;
            }
        };
    }

    /** The filter for one source's article; lets everything through when the source is unknown. */
    ShingleExtractor.LineFilter filterFor(String source) {
        if (source == null) {
            return ShingleExtractor.LineFilter.NONE;
        }
        LineCounts counts = sources.get(source);
        if (counts == null) {
            return ShingleExtractor.LineFilter.NONE;
        }
        return lineHash -> counts.get(lineHash) >= minArticles;
    }

    /** Counts each distinct line of one original article of {@code source} once. */
    void record(String source, long[] lineHashes, int lineCount) {
        if (source == null || lineCount == 0) {
            return;
        }
        LineCounts counts = sources.computeIfAbsent(source, s -> new LineCounts(linesPerSource));
        counts.startArticle();
        for (int i = 0; i < lineCount; i++) {
            counts.increment(lineHashes[i]);
        }
    }

    int sourceCount() {
        return sources.size();
    }

    long estimatedBytes() {
        long bytes = 64;
        for (Map.Entry<String, LineCounts> e : sources.entrySet()) {
            bytes += 48 + 40 + 2L * e.getKey().length() + e.getValue().estimatedBytes();
        }
        return bytes;
    }

    /** Open-addressing long -> count map with a fixed ceiling; key 0 is remapped so it can mark empty slots. */
    static final class LineCounts {
        private final int maxLines;
        private long[] keys = new long[32];
        private int[] counts = new int[32];
        private int[] lastArticle = new int[32];
        private int size;
        private int article;

        LineCounts(int maxLines) {
            this.maxLines = maxLines;
        }

        void startArticle() {
            article++;
        }

        int get(long lineHash) {
            long key = lineHash == 0 ? 1 : lineHash;
            int mask = keys.length - 1;
            for (int i = (int) ShingleExtractor.mix(key) & mask; ; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return counts[i];
                }
                if (keys[i] == 0) {
                    return 0;
                }
            }
        }

        void increment(long lineHash) {
            long key = lineHash == 0 ? 1 : lineHash;
            int mask = keys.length - 1;
            int i = (int) ShingleExtractor.mix(key) & mask;
            while (keys[i] != 0 && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (keys[i] == key) {
                if (lastArticle[i] != article) { // a line repeated within one article counts once
                    counts[i]++;
                    lastArticle[i] = article;
                }
                return;
            }
            if (size >= maxLines) {
                decay();
                increment(lineHash);
                return;
            }
            keys[i] = key;
            counts[i] = 1;
            lastArticle[i] = article;
            size++;
            if (size * 2 > keys.length) {
                rehash(keys.length * 2);
            }
        }

        /** Halves every count and forgets lines that drop to zero: one-off lines go, recurring ones stay. */
        private void decay() {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != 0) {
                    counts[i] >>= 1;
                }
            }
            rehash(keys.length);
            if (size >= maxLines) { // everything recurred equally; drop the lot rather than grow
                keys = new long[keys.length];
                counts = new int[keys.length];
                lastArticle = new int[keys.length];
                size = 0;
            }
        }

        private void rehash(int capacity) {
            long[] oldKeys = keys;
            int[] oldCounts = counts;
            int[] oldLast = lastArticle;
            keys = new long[capacity];
            counts = new int[capacity];
            lastArticle = new int[capacity];
            size = 0;
            int mask = capacity - 1;
            for (int j = 0; j < oldKeys.length; j++) {
                if (oldKeys[j] != 0 && oldCounts[j] > 0) {
                    int i = (int) ShingleExtractor.mix(oldKeys[j]) & mask;
                    while (keys[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    keys[i] = oldKeys[j];
                    counts[i] = oldCounts[j];
                    lastArticle[i] = oldLast[j];
                    size++;
                }
            }
        }

        long estimatedBytes() {
            return 16L + 16 + 8L * keys.length + 16 + 4L * counts.length + 16 + 4L * lastArticle.length + 24;
        }
    }
}
