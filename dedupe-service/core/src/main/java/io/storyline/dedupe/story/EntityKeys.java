package io.storyline.dedupe.story;

import io.storyline.events.EntityType;

import java.util.Locale;

/**
 * How entities are matched across articles. nlp canonicalises within one article ("Putin" is "Vladimir Putin"
 * there), but across articles one says "Biden" and another "Joseph Biden": a person is matched by surname, as news
 * refers to people on second mention. Other entities match by their canonical name, case-folded.
 */
final class EntityKeys {
    private EntityKeys() {
    }

    static boolean isActor(EntityType type) {
        return type != EntityType.LOCATION;
    }

    /** The key two mentions of one entity share; null for a blank name. */
    static String key(String canonical, EntityType type) {
        if (canonical == null || canonical.isBlank()) {
            return null;
        }
        String folded = canonical.strip().toLowerCase(Locale.ROOT);
        if (type == EntityType.PERSON) {
            String[] tokens = folded.split("\\s+");
            String last = tokens[tokens.length - 1];
            // "Martin Luther King Jr.": the surname is before the suffix
            if (tokens.length > 1 && last.matches("(jr|sr|ii|iii|iv)\\.?")) {
                last = tokens[tokens.length - 2];
            }
            return "p|" + last;
        }
        return (type == EntityType.LOCATION ? "l|" : type == EntityType.ORGANIZATION ? "o|" : "m|") + folded;
    }

    /** Of two names for one entity, the one to show: the fuller ("Joseph Biden" over "Biden"), then the first seen. */
    static boolean fuller(String candidate, String current) {
        return candidate.split("\\s+").length > current.split("\\s+").length;
    }
}
