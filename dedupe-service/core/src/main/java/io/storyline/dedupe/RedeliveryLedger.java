package io.storyline.dedupe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Remembers which revision of each article was decided, so that the same revision delivered again (a
 * scraper's retry after ingest restarted, an upstream stage's redelivery) changes nothing and is not
 * published twice, while a newer revision still goes through. It forgets articles that arrived longer
 * ago than the window, by the arrival time in the records, so it stays bounded and replays to the same state.
 */
public final class RedeliveryLedger {

    private record Delivery(String articleId, int revision, Instant arrival) {
    }

    private final Duration window;
    private final Map<String, Delivery> latest = new HashMap<>();
    private final ArrayDeque<Delivery> byArrival = new ArrayDeque<>();
    private Instant watermark = Instant.MIN;

    public RedeliveryLedger(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
        this.window = window;
    }

    /**
     * Records the delivery and tells whether it should be decided: true for an article not seen in the
     * window or for a newer revision of one; false for a revision seen before, or an older one.
     */
    public boolean firstDelivery(String articleId, int revision, Instant arrival) {
        if (arrival != null && arrival.isAfter(watermark)) {
            watermark = arrival;
            forgetBefore(watermark.minus(window));
        }
        Delivery seen = latest.get(articleId);
        if (seen != null && seen.revision() >= revision) {
            return false;
        }
        Delivery delivery = new Delivery(articleId, revision, arrival == null || arrival.isBefore(watermark) ? watermark : arrival);
        latest.put(articleId, delivery);
        byArrival.addLast(delivery);
        return true;
    }

    public int size() {
        return latest.size();
    }

    private void forgetBefore(Instant horizon) {
        while (!byArrival.isEmpty() && byArrival.peekFirst().arrival().isBefore(horizon)) {
            Delivery oldest = byArrival.pollFirst();
            // only an id's latest delivery forgets it; an older revision's entry leaves a newer one alone
            latest.remove(oldest.articleId(), oldest);
        }
    }
}
