package io.storyline.local.load;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One thing that happened: its kind, when, and the people, places, organisations and figures every report shares.
 * An event may be the next chapter of a developing story (a storyline): {@code previous} is the event it follows,
 * with the same principal actors and subject, a day or more earlier; {@code storylineKey} is the key of the
 * storyline's first event (its own key when it follows nothing).
 */
final class NewsEvent {
    final String key;
    final EventKind kind;
    final Instant start;
    final Map<String, String> slots;
    final NewsEvent previous;
    final String storylineKey;
    final Set<String> coveredBy = new HashSet<>();

    NewsEvent(String key, EventKind kind, Instant start, Map<String, String> slots, NewsEvent previous) {
        this.key = key;
        this.kind = kind;
        this.start = start;
        this.slots = Map.copyOf(slots);
        this.previous = previous;
        this.storylineKey = previous == null ? key : previous.storylineKey;
    }

    boolean isFollowUp() {
        return previous != null;
    }
}
