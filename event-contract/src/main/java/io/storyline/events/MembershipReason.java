package io.storyline.events;

import java.util.List;
import java.util.Map;

/**
 * Why an article is in its event (story), so an operator can see why two articles were put together.
 *
 * @param kind           NEW_STORY (it started the event), NEAR_DUPLICATE (a copy of {@code duplicateOf}) or SIMILAR
 * @param score          the combined event score that decided (1.0 for the article that started the event)
 * @param textSimilarity TF-IDF cosine of content terms with the event, or estimated Jaccard for a near-duplicate
 * @param entityOverlap  share of the article's canonical entities that the event names too, in [0, 1]
 * @param sharedEntities canonical entities shared with the event, most important first
 * @param components     the named parts of the event score, in the order the rule combines them (for example
 *                       {@code content}, {@code actors}, {@code places}, {@code action}, {@code numbers},
 *                       {@code time}); empty for a near-duplicate. docs/topics.md lists them
 * @param timeGapDays    days between the article's event time and the event's dated range (0 inside it); null when
 *                       either side is undated
 * @param storylineScore the score with which the article's new event joined its storyline (NEW_STORY only; 1.0
 *                       when the event started a storyline), else null
 */
public record MembershipReason(
        Kind kind,
        double score,
        double textSimilarity,
        double entityOverlap,
        List<String> sharedEntities,
        Map<String, Double> components,
        Double timeGapDays,
        Double storylineScore) {

    /** A reason without score components (a near-duplicate, or an article that started its event). */
    public static MembershipReason of(Kind kind, double score, double textSimilarity, double entityOverlap,
                                      List<String> sharedEntities) {
        return new MembershipReason(kind, score, textSimilarity, entityOverlap, sharedEntities, Map.of(), null, null);
    }

    public enum Kind {
        NEW_STORY, NEAR_DUPLICATE, SIMILAR
    }
}
