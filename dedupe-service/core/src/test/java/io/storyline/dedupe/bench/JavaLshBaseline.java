package io.storyline.dedupe.bench;

import info.debatty.java.lsh.LSH;
import info.debatty.java.lsh.MinHash;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The same job done the way info.debatty:java-lsh is used: word n-gram shingles as a set of String hash codes,
 * {@link MinHash} signatures (same size), java-lsh's band bucketing ({@link LSH#hashSignature}) into a hash map
 * of buckets, candidates verified with {@link MinHash#similarity}, originals indexed, entries evicted by event
 * time. The library has no index of its own, so the map and the eviction are the obvious ones.
 */
final class JavaLshBaseline {

    private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private record Entry(String id, int[] signature, long eventTime, long[] bucketKeys) {
    }

    private final MinHash minHash;
    private final LSH lsh;
    private final int bands;
    private final int buckets;
    private final int shingleSize;
    private final double threshold;
    private final long windowMillis;
    private final Map<Long, List<Entry>> index = new HashMap<>();
    private final ArrayDeque<Entry> byTime = new ArrayDeque<>();
    private long watermark = Long.MIN_VALUE;

    JavaLshBaseline(int signatureSize, int bands, int shingleSize, double threshold, long windowMillis) {
        this.minHash = new MinHash(signatureSize, Integer.MAX_VALUE, 42L);
        this.bands = bands;
        this.buckets = 1 << 20;
        this.lsh = new LSH(bands, buckets) {
        };
        this.shingleSize = shingleSize;
        this.threshold = threshold;
        this.windowMillis = windowMillis;
    }

    Optional<String> observe(String id, String text, long eventTime) {
        if (eventTime > watermark) {
            watermark = eventTime;
            while (!byTime.isEmpty() && byTime.peekFirst().eventTime() < watermark - windowMillis) {
                Entry old = byTime.pollFirst();
                for (long key : old.bucketKeys()) {
                    List<Entry> bucket = index.get(key);
                    bucket.remove(old);
                    if (bucket.isEmpty()) {
                        index.remove(key);
                    }
                }
            }
        }
        int[] signature = minHash.signature(shingles(text));
        int[] bucketOfBand = lsh.hashSignature(signature);
        long[] keys = new long[bands];
        Entry best = null;
        double bestSimilarity = -1;
        Set<Entry> seen = new HashSet<>();
        for (int b = 0; b < bands; b++) {
            keys[b] = (long) b * buckets + bucketOfBand[b];
            List<Entry> bucket = index.get(keys[b]);
            if (bucket == null) {
                continue;
            }
            for (Entry candidate : bucket) {
                if (seen.add(candidate)) {
                    double similarity = minHash.similarity(signature, candidate.signature());
                    if (similarity >= threshold && similarity > bestSimilarity) {
                        best = candidate;
                        bestSimilarity = similarity;
                    }
                }
            }
        }
        if (best != null) {
            return Optional.of(best.id());
        }
        Entry entry = new Entry(id, signature, eventTime, keys);
        for (long key : keys) {
            index.computeIfAbsent(key, k -> new ArrayList<>(1)).add(entry);
        }
        byTime.addLast(entry);
        return Optional.empty();
    }

    int size() {
        return byTime.size();
    }

    private Set<Integer> shingles(String text) {
        String[] words = NON_WORD.split(text.toLowerCase(Locale.ROOT));
        Set<Integer> shingles = new HashSet<>();
        int start = words.length > 0 && words[0].isEmpty() ? 1 : 0;
        for (int i = start; i + shingleSize <= words.length; i++) {
            StringBuilder shingle = new StringBuilder();
            for (int j = 0; j < shingleSize; j++) {
                shingle.append(words[i + j]).append(' ');
            }
            shingles.add(shingle.toString().hashCode() & Integer.MAX_VALUE);
        }
        return shingles;
    }
}
