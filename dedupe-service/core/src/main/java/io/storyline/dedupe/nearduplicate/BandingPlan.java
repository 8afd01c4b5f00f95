package io.storyline.dedupe.nearduplicate;

/**
 * How a MinHash signature is cut into LSH bands: {@code bands} bands of {@code rows} components each.
 * Two signatures become candidates when at least one band agrees entirely, which happens with
 * probability {@code 1 - (1 - s^rows)^bands} for Jaccard similarity {@code s}.
 */
public record BandingPlan(int bands, int rows) {

    private static final int INTEGRATION_STEPS = 256; // even, for Simpson's rule

    public BandingPlan {
        if (bands < 1 || rows < 1) {
            throw new IllegalArgumentException("bands and rows must be >= 1, were " + bands + "/" + rows);
        }
    }

    /**
     * The plan minimising {@code fpWeight * FP + fnWeight * FN}, where FP is the area under the candidate
     * probability curve below the threshold and FN the area above it that the curve misses (the method of
     * datasketch's MinHashLSH). Ties keep the plan found first (fewest bands), so the choice is deterministic.
     */
    public static BandingPlan optimal(double threshold, int signatureSize, double fpWeight, double fnWeight) {
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (signatureSize < 1) {
            throw new IllegalArgumentException("signatureSize must be >= 1, was " + signatureSize);
        }
        double best = Double.POSITIVE_INFINITY;
        BandingPlan plan = null;
        for (int b = 1; b <= signatureSize; b++) {
            int maxRows = signatureSize / b;
            for (int r = 1; r <= maxRows; r++) {
                double error = fpWeight * falsePositiveArea(threshold, b, r)
                        + fnWeight * falseNegativeArea(threshold, b, r);
                if (error < best) {
                    best = error;
                    plan = new BandingPlan(b, r);
                }
            }
        }
        return plan;
    }

    /** Probability that two signatures of Jaccard similarity {@code s} share at least one band. */
    public double candidateProbability(double s) {
        return 1.0 - Math.pow(1.0 - Math.pow(s, rows), bands);
    }

    /** Integral over [0, threshold] of the candidate probability. */
    static double falsePositiveArea(double threshold, int bands, int rows) {
        BandingPlan p = new BandingPlan(bands, rows);
        return simpson(p::candidateProbability, 0.0, threshold);
    }

    /** Integral over [threshold, 1] of the probability of not becoming a candidate. */
    static double falseNegativeArea(double threshold, int bands, int rows) {
        BandingPlan p = new BandingPlan(bands, rows);
        return simpson(s -> 1.0 - p.candidateProbability(s), threshold, 1.0);
    }

    private static double simpson(java.util.function.DoubleUnaryOperator f, double a, double b) {
        if (b <= a) {
            return 0.0;
        }
        double h = (b - a) / INTEGRATION_STEPS;
        double sum = f.applyAsDouble(a) + f.applyAsDouble(b);
        for (int i = 1; i < INTEGRATION_STEPS; i++) {
            sum += f.applyAsDouble(a + i * h) * ((i & 1) == 1 ? 4 : 2);
        }
        return sum * h / 3.0;
    }
}
