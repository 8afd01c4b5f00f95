package io.storyline.local.load;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** One thing that happened: its kind, when, and the people, places, organisations and figures every report shares. */
final class NewsEvent {
    final String key;
    final EventKind kind;
    final Instant start;
    final Map<String, String> slots;
    final Set<String> coveredBy = new HashSet<>();

    NewsEvent(String key, EventKind kind, Instant start, Map<String, String> slots) {
        this.key = key;
        this.kind = kind;
        this.start = start;
        this.slots = Map.copyOf(slots);
    }
}
