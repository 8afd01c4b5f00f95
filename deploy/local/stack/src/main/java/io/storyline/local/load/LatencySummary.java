package io.storyline.local.load;

import java.util.Arrays;

/**
 * Exact percentiles (nearest rank) of a set of latencies in milliseconds; every article counts,
 * nothing is sampled.
 */
record LatencySummary(int count, long p50, long p95, long p99, long max, double mean) {

    static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    static LatencySummary of(long[] millis) {
        if (millis.length == 0) {
            return EMPTY;
        }
        long[] sorted = millis.clone();
        Arrays.sort(sorted);
        return new LatencySummary(sorted.length, rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99),
                sorted[sorted.length - 1], Arrays.stream(sorted).average().orElse(0));
    }

    /** The smallest value with at least that share of all values at or below it. */
    static long rank(long[] sorted, double share) {
        int index = (int) Math.ceil(share * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /**
     * Sustained rate of a run of completions: the middle 80% of them divided by the time they took, so
     * the start (warm-up, JIT) and the tail (last stragglers) do not count.
     */
    static double sustainedPerSecond(long[] completionMillis) {
        if (completionMillis.length < 10) {
            return 0;
        }
        long[] sorted = completionMillis.clone();
        Arrays.sort(sorted);
        int from = (int) (sorted.length * 0.1);
        int to = (int) (sorted.length * 0.9) - 1;
        long span = sorted[to] - sorted[from];
        return span <= 0 ? 0 : (to - from) * 1000.0 / span;
    }
}
