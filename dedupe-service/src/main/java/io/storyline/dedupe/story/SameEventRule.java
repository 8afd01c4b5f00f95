package io.storyline.dedupe.story;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The event decision: does an article report the same real-world happening as an open event? It joins the event
 * with the highest score if that reaches {@link #threshold()}, else it starts an event.
 * <pre>
 *   score(a, E) = T(a, E) · Σ_k w_k · s_k(a, E) / Σ_k w_k·[k applies]
 *
 *   s_content  TF-IDF cosine of the article's content terms with E's centroid
 *   s_action   TF-IDF cosine of its headline and lead terms (what happened) with E's lead centroid
 *   s_actors   IDF-weighted cosine of its people, organisations and other named things (a person by surname)
 *   s_places   IDF-weighted cosine of its places, dateline place included
 *   s_numbers  IDF-weighted cosine of the numbers that identify a happening (magnitude, toll, amount)
 *   T          time fit in (0, 1]: 1 / (1 + (max(0, gap - grace) / scale)²), gap = distance from the article's
 *              event day to E's dated range; an article or event known only by receipt time is compared by arrival
 *              with {@code arrivalTolerance} as grace instead
 * </pre>
 * A part applies when both sides have something to compare (content always; numbers only when both name some), so
 * an article is not punished for what its outlet left out, but shared actors, places and numbers it does name count,
 * weighted by rarity, and unshared ones count against it. Events of one kind (two earthquakes, two acquisitions by one
 * company) share vocabulary; their days, places, specific actors and numbers are what differ.
 *
 * @param threshold        minimum score to join an event
 * @param content          weight of content-term similarity
 * @param action           weight of headline-and-lead similarity
 * @param actors           weight of actor agreement
 * @param places           weight of place agreement
 * @param numbers          weight of agreement on identifying numbers
 * @param timeGrace        event-day distance that costs nothing (days are day-precise, time zones differ)
 * @param timeScale        beyond the grace, the distance at which the time fit halves
 * @param arrivalTolerance grace in arrival time when either side is known only by its receipt time
 */
public record SameEventRule(double threshold, double content, double action, double actors, double places,
                            double numbers, Duration timeGrace, Duration timeScale, Duration arrivalTolerance) {

    public SameEventRule {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("event threshold must be in (0, 1): " + threshold);
        }
        if (content < 0 || action < 0 || actors < 0 || places < 0 || numbers < 0 || content <= 0) {
            throw new IllegalArgumentException("event weights must be >= 0, the content weight positive");
        }
        for (Duration d : new Duration[] {timeGrace, timeScale, arrivalTolerance}) {
            Objects.requireNonNull(d, "durations must be given");
            if (d.isNegative()) {
                throw new IllegalArgumentException("durations must not be negative: " + d);
            }
        }
        if (timeScale.isZero()) {
            throw new IllegalArgumentException("timeScale must be positive");
        }
    }

    public static SameEventRule defaults() {
        return new SameEventRule(0.40, 0.20, 0.15, 0.40, 0.15, 0.10,
                Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7));
    }

    public SameEventRule withThreshold(double t) {
        return new SameEventRule(t, content, action, actors, places, numbers, timeGrace, timeScale, arrivalTolerance);
    }

    /** The score and its parts, for the article's explanation. */
    record Score(double total, double time, Double timeGapDays, Map<String, Double> parts) {
        double part(String name) {
            return parts.getOrDefault(name, 0.0);
        }
    }

    /** The article's vectors prepared once under current IDF, for comparison with many events. */
    record Queries(TermVector.Query body, TermVector.Query lead, TermVector.Query actors, TermVector.Query places,
                   TermVector.Query numbers) {
        static Queries of(ArticleProfile a, DocumentFrequencies terms, DocumentFrequencies keys) {
            return new Queries(a.body.query(terms), a.lead.query(terms), a.actors.query(keys), a.places.query(keys),
                    a.numbers.query(keys));
        }
    }

    /** Null when even a perfect content match could not reach the threshold in time. */
    Score score(ArticleProfile a, Queries q, OpenStory e, DocumentFrequencies terms, DocumentFrequencies keys) {
        OpenStory.TimeFit fit = e.timeFit(a.time, this);
        if (fit.factor() < threshold) {
            return null;
        }
        Map<String, Double> parts = new LinkedHashMap<>();
        double sum = 0;
        double weights = 0;
        double s = e.body.cosine(q.body(), terms);
        parts.put("content", s);
        sum += content * s;
        weights += content;
        if (action > 0 && !a.lead.isEmpty() && !e.lead.isEmpty()) {
            s = e.lead.cosine(q.lead(), terms);
            parts.put("action", s);
            sum += action * s;
            weights += action;
        }
        if (actors > 0 && !a.actors.isEmpty() && !e.actors.isEmpty()) {
            s = e.actors.cosine(q.actors(), keys);
            parts.put("actors", s);
            sum += actors * s;
            weights += actors;
        }
        if (places > 0 && !a.places.isEmpty() && !e.places.isEmpty()) {
            s = e.places.cosine(q.places(), keys);
            parts.put("places", s);
            sum += places * s;
            weights += places;
        }
        if (numbers > 0 && !a.numbers.isEmpty() && !e.numbers.isEmpty()) {
            s = e.numbers.cosine(q.numbers(), keys);
            parts.put("numbers", s);
            sum += numbers * s;
            weights += numbers;
        }
        parts.put("time", fit.factor());
        double total = fit.factor() * sum / weights;
        return new Score(total, fit.factor(), fit.gapDays(), parts);
    }

    /** A day read from the text is an estimate (a weekday resolved a week off, a quoted earlier date): weeks apart. */
    static final Duration TEXT_GRACE = Duration.ofDays(14);
    static final Duration TEXT_SCALE = Duration.ofDays(30);

    Duration textTimeGrace() {
        return TEXT_GRACE.compareTo(timeGrace) > 0 ? TEXT_GRACE : timeGrace;
    }

    Duration textTimeScale() {
        return TEXT_SCALE.compareTo(timeScale) > 0 ? TEXT_SCALE : timeScale;
    }

    /** 1 / (1 + x²) with x the distance beyond the grace, in units of the scale. */
    double decay(long distanceSeconds, Duration grace, Duration scale) {
        double over = Math.max(0, distanceSeconds - grace.toSeconds());
        double x = over / scale.toSeconds();
        return 1.0 / (1.0 + x * x);
    }
}
