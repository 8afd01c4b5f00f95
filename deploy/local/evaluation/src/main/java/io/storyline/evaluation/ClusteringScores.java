package io.storyline.evaluation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * External clustering measures of predicted stories against true labels.
 * BCubed (Bagga and Baldwin 1998; Amigó et al. 2009) averages, per article, the precision and recall of its predicted
 * cluster with respect to its true one; pairwise scores count article pairs placed together.
 */
public record ClusteringScores(
        double bcubedPrecision, double bcubedRecall, double bcubedF1,
        double pairwisePrecision, double pairwiseRecall, double pairwiseF1,
        int clustersPredicted, int clustersTrue, int articles) {

    /** Both maps go from article id to cluster; they must cover the same articles. */
    public static ClusteringScores of(Map<String, String> predicted, Map<String, String> truth) {
        if (!predicted.keySet().equals(truth.keySet())) {
            Set<String> diff = new TreeSet<>(predicted.keySet());
            diff.removeAll(truth.keySet());
            throw new IllegalArgumentException("predicted and true clusterings cover different articles, e.g. " + diff);
        }
        int n = truth.size();
        if (n == 0) {
            throw new IllegalArgumentException("no articles to score");
        }
        Map<String, Integer> predictedSize = counts(predicted);
        Map<String, Integer> trueSize = counts(truth);
        Map<String, Integer> both = new HashMap<>();
        for (String id : truth.keySet()) {
            both.merge(predicted.get(id) + "\u0000" + truth.get(id), 1, Integer::sum);
        }
        double precision = 0;
        double recall = 0;
        for (String id : new TreeSet<>(truth.keySet())) {
            int together = both.get(predicted.get(id) + "\u0000" + truth.get(id));
            precision += (double) together / predictedSize.get(predicted.get(id));
            recall += (double) together / trueSize.get(truth.get(id));
        }
        precision /= n;
        recall /= n;
        long truePositives = 0;
        for (int c : both.values()) {
            truePositives += pairs(c);
        }
        long predictedPairs = predictedSize.values().stream().mapToLong(ClusteringScores::pairs).sum();
        long truePairs = trueSize.values().stream().mapToLong(ClusteringScores::pairs).sum();
        // with no pair predicted (or none true) nothing was wrongly joined (or missed)
        double pp = predictedPairs == 0 ? 1.0 : (double) truePositives / predictedPairs;
        double pr = truePairs == 0 ? 1.0 : (double) truePositives / truePairs;
        return new ClusteringScores(precision, recall, f1(precision, recall), pp, pr, f1(pp, pr),
                predictedSize.size(), trueSize.size(), n);
    }

    private static Map<String, Integer> counts(Map<String, String> clustering) {
        Map<String, Integer> out = new HashMap<>();
        clustering.values().forEach(c -> out.merge(c, 1, Integer::sum));
        return out;
    }

    private static long pairs(long k) {
        return k * (k - 1) / 2;
    }

    private static double f1(double p, double r) {
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
}
