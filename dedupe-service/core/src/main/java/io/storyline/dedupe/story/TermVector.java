package io.storyline.dedupe.story;

import java.util.Arrays;
import java.util.Map;

/**
 * An immutable sparse vector, term ids ascending, so that every sum over it runs in the same order (floating-point
 * results, and so decisions, do not depend on hash order) and two vectors compare by a linear merge.
 */
final class TermVector {
    static final TermVector EMPTY = new TermVector(new int[0], new double[0]);

    private final int[] ids;
    private final double[] weights;

    private TermVector(int[] ids, double[] weights) {
        this.ids = ids;
        this.weights = weights;
    }

    /** Sublinear term frequency (1 + ln tf), scaled to unit length so long articles do not outweigh short ones. */
    static TermVector ofCounts(Map<String, ? extends Number> counts, Vocabulary vocabulary) {
        // ids are numbered in the map's order, but each only carries its own count: order cannot matter
        long[] packed = new long[counts.size()];
        double[] tfById = new double[counts.size()];
        int n = 0;
        for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
            double tf = e.getValue() == null ? 0 : e.getValue().doubleValue();
            if (e.getKey() != null && !e.getKey().isEmpty() && tf > 0) {
                // distinct terms have distinct ids; sort (id, position) pairs as longs instead of boxing into a tree
                tfById[n] = tf;
                packed[n] = ((long) vocabulary.id(e.getKey()) << 32) | n;
                n++;
            }
        }
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(packed, 0, n);
        int[] ids = new int[n];
        double[] weights = new double[n];
        double norm = 0;
        for (int i = 0; i < n; i++) {
            ids[i] = (int) (packed[i] >>> 32);
            weights[i] = 1 + Math.log(tfById[(int) packed[i]]);
            norm += weights[i] * weights[i];
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= norm;
        }
        return new TermVector(ids, weights);
    }

    /**
     * The {@code k} heaviest terms (ties to the lower id), ids still ascending, weights as they were: an approximation
     * kept where a full vector would cost more memory than its use is worth.
     */
    TermVector top(int k) {
        if (ids.length <= k) {
            return this;
        }
        Integer[] order = new Integer[ids.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> weights[a] != weights[b] ? Double.compare(weights[b], weights[a]) : Integer.compare(ids[a], ids[b]));
        int[] kept = new int[k];
        for (int i = 0; i < k; i++) {
            kept[i] = order[i];
        }
        Arrays.sort(kept);
        int[] topIds = new int[k];
        double[] topWeights = new double[k];
        for (int i = 0; i < k; i++) {
            topIds[i] = ids[kept[i]];
            topWeights[i] = weights[kept[i]];
        }
        return new TermVector(topIds, topWeights);
    }

    int size() {
        return ids.length;
    }

    boolean isEmpty() {
        return ids.length == 0;
    }

    int id(int i) {
        return ids[i];
    }

    double weight(int i) {
        return weights[i];
    }

    /** This vector as a query under current IDF: each weight times IDF squared (one IDF for each side), and its IDF norm. */
    Query query(DocumentFrequencies idf) {
        double[] q = new double[ids.length];
        double sum = 0;
        for (int i = 0; i < ids.length; i++) {
            double w = idf.idf(ids[i]);
            q[i] = weights[i] * w * w;
            sum += weights[i] * w * weights[i] * w;
        }
        return new Query(this, q, Math.sqrt(sum));
    }

    /** An article vector prepared once for comparison with many centroids. */
    record Query(TermVector vector, double[] weights, double norm) {
    }
}
