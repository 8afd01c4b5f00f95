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

    /**
     * The score under a time fit already measured, or null when it cannot beat {@code toBeat} once multiplied by
     * {@code scale}: the small entity parts are compared first and the two term cosines (most of the cost) only
     * while a perfect match on them could still win. A returned score is the same, to the bit, as without the bound.
     */
    Score score(ArticleProfile a, Queries q, OpenStory e, DocumentFrequencies terms, DocumentFrequencies keys,
                TimeFit fit, double scale, double toBeat) {
        boolean hasAction = action > 0 && !a.lead.isEmpty() && !e.lead.isEmpty();
        boolean hasActors = actors > 0 && !a.actors.isEmpty() && !e.actors.isEmpty();
        boolean hasPlaces = places > 0 && !a.places.isEmpty() && !e.places.isEmpty();
        boolean hasNumbers = numbers > 0 && !a.numbers.isEmpty() && !e.numbers.isEmpty();
        double weights = content + (hasAction ? action : 0) + (hasActors ? actors : 0) + (hasPlaces ? places : 0)
                + (hasNumbers ? numbers : 0);
        double sActors = hasActors ? e.actors.cosine(q.actors(), keys) : 0;
        double sPlaces = hasPlaces ? e.places.cosine(q.places(), keys) : 0;
        double sNumbers = hasNumbers ? e.numbers.cosine(q.numbers(), keys) : 0;
        double known = (hasActors ? actors * sActors : 0) + (hasPlaces ? places * sPlaces : 0) + (hasNumbers ? numbers * sNumbers : 0);
        if (cannotBeat(fit, known + content + (hasAction ? action : 0), weights, scale, toBeat)) {
            return null;
        }
        double sAction = hasAction ? e.lead.cosine(q.lead(), terms) : 0;
        if (hasAction && cannotBeat(fit, known + action * sAction + content, weights, scale, toBeat)) {
            return null;
        }
        double sContent = e.body.cosine(q.body(), terms);
        // summed in the rule's order, so a score does not depend on the order its parts were compared in
        Map<String, Double> parts = new LinkedHashMap<>();
        double sum = content * sContent;
        parts.put("content", sContent);
        if (hasAction) {
            parts.put("action", sAction);
            sum += action * sAction;
        }
        if (hasActors) {
            parts.put("actors", sActors);
            sum += actors * sActors;
        }
        if (hasPlaces) {
            parts.put("places", sPlaces);
            sum += places * sPlaces;
        }
        if (hasNumbers) {
            parts.put("numbers", sNumbers);
            sum += numbers * sNumbers;
        }
        parts.put("time", fit.factor());
        double total = fit.factor() * sum / weights;
        return new Score(total, fit.factor(), fit.gapDays(), parts);
    }

    /** An upper bound that stays below the score to beat (with room for rounding) cannot win. */
    private static boolean cannotBeat(TimeFit fit, double optimisticSum, double weights, double scale, double toBeat) {
        return toBeat >= 0 && fit.factor() * optimisticSum / weights * scale < toBeat - 1e-9;
    }

    /** The time factor T of the rule, and the gap it measured in days (null when either side is undated). */
    record TimeFit(double factor, Double gapDays) {
    }

    /**
     * T for an article and an event: dated evidence on both sides (dateline, feed time, a day the text names) is
     * compared strictly; a receipt time only bounds the event, so it is compared by arrival with a wide tolerance and
     * never splits an event that is otherwise alive.
     */
    TimeFit timeFit(EventTime t, EventTimeRange event) {
        if (t.evidence().datesTheEvent() && event.datedFirst() != null) {
            long gap = EventTimeRange.distance(t.at(), event.datedFirst(), event.datedLast());
            // a day read from the text is an estimate: it only tells weeks and years apart
            return new TimeFit(t.evidence() == EventTime.Evidence.TEXT ? decay(gap, textTimeGrace(), textTimeScale())
                    : decay(gap, timeGrace, timeScale), gap / 86400.0);
        }
        if (t.arrival() != null && event.arrivedFirst() != null) {
            return new TimeFit(decay(EventTimeRange.distance(t.arrival(), event.arrivedFirst(), event.arrivedLast()),
                    arrivalTolerance, timeScale), null);
        }
        return new TimeFit(1.0, null);
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
