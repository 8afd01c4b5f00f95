package io.storyline.dedupe.nearduplicate;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of near-duplicate detection.
 *
 * @param threshold              estimated Jaccard similarity at or above which an article is a copy
 * @param signatureSize          MinHash components per signature (at least 128)
 * @param shingleSize            words per shingle for space-separated languages
 * @param window                 event-time span an original stays matchable
 * @param characterShingleSize   characters per shingle for languages written without spaces (zh, ja, th, ...)
 * @param componentBits          bits kept per MinHash component (8 or 16); fewer bits, less memory, slightly
 *                               more chance agreement (corrected for in the estimate)
 * @param falsePositiveWeight    weight of the false-positive probability when banding is derived from the threshold
 * @param falseNegativeWeight    weight of the false-negative probability, likewise
 * @param boilerplateMinArticles a line recurring in this many originals of one source is boilerplate of that source
 * @param boilerplateLinesPerSource most distinct lines remembered per source (bounds memory)
 * @param boilerplateSources     most sources remembered at once, least recently seen forgotten first
 */
public record NearDuplicateSettings(
        double threshold,
        int signatureSize,
        int shingleSize,
        Duration window,
        int characterShingleSize,
        int componentBits,
        double falsePositiveWeight,
        double falseNegativeWeight,
        int boilerplateMinArticles,
        int boilerplateLinesPerSource,
        int boilerplateSources) {

    /**
     * Chosen from the quality curve of deploy/local/dedupe-quality.sh: 0.4 has the best F1 for every shingle size
     * (trimmed-to-fit copies fall to ~0.5 similarity; follow-up stories reusing background stay under ~0.35).
     */
    public static final double DEFAULT_THRESHOLD = 0.4;
    public static final int DEFAULT_SIGNATURE_SIZE = 128;
    /**
     * 4 words: as good as 2-3 at the chosen threshold on the curve but without their false positives at lower
     * thresholds (short n-grams are shared by unrelated stories); longer shingles lose recall to typos and edits.
     */
    public static final int DEFAULT_SHINGLE_SIZE = 4;
    public static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    /** About two Chinese words; not measured (no labelled CJK text here), kept equal to the word setting. */
    public static final int DEFAULT_CHARACTER_SHINGLE_SIZE = 4;

    public NearDuplicateSettings {
        if (!(threshold > 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("threshold must be in (0, 1], was " + threshold);
        }
        if (signatureSize < 128 || signatureSize > 4096) {
            throw new IllegalArgumentException("signatureSize must be in [128, 4096], was " + signatureSize);
        }
        if (shingleSize < 1 || shingleSize > 16) {
            throw new IllegalArgumentException("shingleSize must be in [1, 16], was " + shingleSize);
        }
        if (characterShingleSize < 1 || characterShingleSize > 16) {
            throw new IllegalArgumentException("characterShingleSize must be in [1, 16], was " + characterShingleSize);
        }
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        if (componentBits != 8 && componentBits != 16) {
            throw new IllegalArgumentException("componentBits must be 8 or 16, was " + componentBits);
        }
        if (!(falsePositiveWeight >= 0.0) || !(falseNegativeWeight >= 0.0)
                || falsePositiveWeight + falseNegativeWeight <= 0.0) {
            throw new IllegalArgumentException("false-positive/negative weights must be >= 0 and not both 0, were "
                    + falsePositiveWeight + "/" + falseNegativeWeight);
        }
        if (boilerplateMinArticles < 2) {
            throw new IllegalArgumentException("boilerplateMinArticles must be >= 2, was " + boilerplateMinArticles);
        }
        if (boilerplateLinesPerSource < 16) {
            throw new IllegalArgumentException("boilerplateLinesPerSource must be >= 16, was " + boilerplateLinesPerSource);
        }
        if (boilerplateSources < 1) {
            throw new IllegalArgumentException("boilerplateSources must be >= 1, was " + boilerplateSources);
        }
    }

    /** The four primary knobs; everything else at its default. */
    public NearDuplicateSettings(double threshold, int signatureSize, int shingleSize, Duration window) {
        this(threshold, signatureSize, shingleSize, window, DEFAULT_CHARACTER_SHINGLE_SIZE, 8, 0.5, 0.5, 3, 1024, 4096);
    }

    public static NearDuplicateSettings defaults() {
        return new NearDuplicateSettings(DEFAULT_THRESHOLD, DEFAULT_SIGNATURE_SIZE, DEFAULT_SHINGLE_SIZE, DEFAULT_WINDOW);
    }

    public NearDuplicateSettings withThreshold(double newThreshold) {
        return new NearDuplicateSettings(newThreshold, signatureSize, shingleSize, window, characterShingleSize,
                componentBits, falsePositiveWeight, falseNegativeWeight, boilerplateMinArticles,
                boilerplateLinesPerSource, boilerplateSources);
    }

    public NearDuplicateSettings withShingleSize(int newShingleSize) {
        return new NearDuplicateSettings(threshold, signatureSize, newShingleSize, window, characterShingleSize,
                componentBits, falsePositiveWeight, falseNegativeWeight, boilerplateMinArticles,
                boilerplateLinesPerSource, boilerplateSources);
    }

    public NearDuplicateSettings withWindow(Duration newWindow) {
        return new NearDuplicateSettings(threshold, signatureSize, shingleSize, newWindow, characterShingleSize,
                componentBits, falsePositiveWeight, falseNegativeWeight, boilerplateMinArticles,
                boilerplateLinesPerSource, boilerplateSources);
    }
}
