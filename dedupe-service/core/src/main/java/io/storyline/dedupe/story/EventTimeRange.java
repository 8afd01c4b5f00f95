package io.storyline.dedupe.story;

import java.time.Instant;

/**
 * When an event happened and when its reports came: the range of its members' event times (dateline, feed time or a
 * day the text names) and the range of their receipt times. An undated member widens only the second.
 */
final class EventTimeRange {
    private Instant datedFirst;
    private Instant datedLast;
    private Instant arrivedFirst;
    private Instant arrivedLast;

    void add(EventTime t) {
        if (t.at() != null && t.evidence().datesTheEvent()) {
            datedFirst = min(datedFirst, t.at());
            datedLast = max(datedLast, t.at());
        }
        if (t.arrival() != null) {
            arrivedFirst = min(arrivedFirst, t.arrival());
            arrivedLast = max(arrivedLast, t.arrival());
        }
    }

    /** Earliest dated event time of any member, or null if no member is dated. */
    Instant datedFirst() {
        return datedFirst;
    }

    /** Latest dated event time of any member, or null if no member is dated. */
    Instant datedLast() {
        return datedLast;
    }

    Instant arrivedFirst() {
        return arrivedFirst;
    }

    Instant arrivedLast() {
        return arrivedLast;
    }

    /** Stream time of the last arrival (the dated range if no member has a receipt time). */
    Instant lastActivity() {
        return arrivedLast != null ? arrivedLast : datedLast;
    }

    /** Seconds from {@code t} to the range [from, to]; 0 inside it. */
    static long distance(Instant t, Instant from, Instant to) {
        if (t.isBefore(from)) {
            return from.getEpochSecond() - t.getEpochSecond();
        }
        if (t.isAfter(to)) {
            return t.getEpochSecond() - to.getEpochSecond();
        }
        return 0;
    }

    private static Instant min(Instant a, Instant b) {
        return a == null || b.isBefore(a) ? b : a;
    }

    private static Instant max(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
