package io.storyline.dedupe.story;

import java.util.Map;
import java.util.TreeMap;

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
        TreeMap<Integer, Double> sorted = new TreeMap<>();
        // entries are visited in the map's order, but each only sets its own id's value: order cannot matter
        for (Map.Entry<String, ? extends Number> e : counts.entrySet()) {
            double tf = e.getValue() == null ? 0 : e.getValue().doubleValue();
            if (e.getKey() != null && !e.getKey().isEmpty() && tf > 0) {
                sorted.merge(vocabulary.id(e.getKey()), tf, Double::sum);
            }
        }
        if (sorted.isEmpty()) {
            return EMPTY;
        }
        int[] ids = new int[sorted.size()];
        double[] weights = new double[sorted.size()];
        int i = 0;
        double norm = 0;
        for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
            ids[i] = e.getKey();
            weights[i] = 1 + Math.log(e.getValue());
            norm += weights[i] * weights[i];
            i++;
        }
        norm = Math.sqrt(norm);
        for (int j = 0; j < weights.length; j++) {
            weights[j] /= norm;
        }
        return new TermVector(ids, weights);
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
