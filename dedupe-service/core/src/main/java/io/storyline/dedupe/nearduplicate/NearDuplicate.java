package io.storyline.dedupe.nearduplicate;

import java.util.Objects;

/**
 * The verdict that an article is a copy of an earlier one.
 *
 * @param originalId id of the first copy of the group the stream delivered (never a copy of a copy)
 * @param similarity estimated Jaccard similarity of the two shingle sets, in [0, 1]
 */
public record NearDuplicate(String originalId, double similarity) {
    public NearDuplicate {
        Objects.requireNonNull(originalId, "originalId");
        if (!(similarity >= 0.0 && similarity <= 1.0)) {
            throw new IllegalArgumentException("similarity must be in [0, 1], was " + similarity);
        }
    }
}
