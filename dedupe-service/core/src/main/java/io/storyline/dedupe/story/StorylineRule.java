package io.storyline.dedupe.story;

import java.time.Duration;
import java.util.Objects;

/**
 * The storyline decision, taken once for each new event: its first article links it to the open storyline it fits
 * best if that reaches {@link #threshold()}, else the event starts a storyline. A storyline is what a developing story
 * keeps over weeks: its principal actors and its subject, not its days.
 * <pre>
 *   score(a, L) = (w_c · s_content + w_a · s_actors) / (w_c + w_a·[a names actors])
 * </pre>
 * with {@code s_content} the TF-IDF cosine of the article's content terms with the storyline's centroid over all its
 * events' articles and {@code s_actors} the IDF-weighted cosine of its actors (a person by surname) with the
 * storyline's actors.
 *
 * @param threshold   minimum score to link a new event to a storyline
 * @param content     weight of content-term similarity
 * @param actors      weight of actor agreement
 * @param quietPeriod a storyline closes, and leaves memory, when none of its events changed for this long
 *                    (stream time); at most the input's retention, so a replay rebuilds it
 */
public record StorylineRule(double threshold, double content, double actors, Duration quietPeriod) {

    public StorylineRule {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("storyline threshold must be in (0, 1): " + threshold);
        }
        if (content <= 0 || actors < 0) {
            throw new IllegalArgumentException("storyline weights must be >= 0, the content weight positive");
        }
        Objects.requireNonNull(quietPeriod, "quietPeriod");
        if (quietPeriod.isNegative() || quietPeriod.isZero()) {
            throw new IllegalArgumentException("storyline quietPeriod must be positive");
        }
    }

    public static StorylineRule defaults() {
        return new StorylineRule(0.12, 0.6, 0.4, Duration.ofDays(7));
    }

    public StorylineRule withThreshold(double t) {
        return new StorylineRule(t, content, actors, quietPeriod);
    }

    double score(SameEventRule.Queries q, ArticleProfile a, OpenStoryline line, DocumentFrequencies terms,
                 DocumentFrequencies keys) {
        double sum = content * line.body.cosine(q.body(), terms);
        double weights = content;
        if (actors > 0 && !a.actors.isEmpty()) {
            sum += actors * line.actors.cosine(q.actors(), keys);
            weights += actors;
        }
        return sum / weights;
    }
}
