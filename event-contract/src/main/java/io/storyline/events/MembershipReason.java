package io.storyline.events;

import java.util.List;

/**
 * Why an article is in its story, so a dashboard can explain it.
 *
 * @param kind           NEW_STORY (it started the story), NEAR_DUPLICATE (a copy of {@code duplicateOf}) or SIMILAR
 * @param score          the combined score that decided (1.0 for the article that started the story)
 * @param textSimilarity TF-IDF cosine with the story centroid, or estimated Jaccard for a near-duplicate
 * @param entityOverlap  overlap of canonical entities with the story, in [0, 1]
 * @param sharedEntities canonical entities shared with the story, most important first
 */
public record MembershipReason(
        Kind kind,
        double score,
        double textSimilarity,
        double entityOverlap,
        List<String> sharedEntities) {

    public enum Kind {
        NEW_STORY, NEAR_DUPLICATE, SIMILAR
    }
}
