package io.storyline.dedupe.story;

import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;
import io.storyline.events.Story;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * How many articles of an event or storyline name each entity, one entity per {@link EntityKeys key}: "Biden" and
 * "Joseph Biden" are one person, shown by the fuller name. Ranked principal actors first (people, organisations and
 * other named things before places), then by count, then by name; kept in order as articles join rather than sorted
 * for every snapshot (a big story names thousands of entities).
 */
final class EntityTallies {
    private static final class Tally {
        final String key;
        final EntityType type;
        String name;
        int articles;

        Tally(String key, String name, EntityType type) {
            this.key = key;
            this.name = name;
            this.type = type;
        }
    }

    private final Map<String, Tally> byKey = new HashMap<>();
    private final TreeSet<Tally> ranking = new TreeSet<>(
            Comparator.<Tally>comparingInt(t -> EntityKeys.isActor(t.type) ? 0 : 1)
                    .thenComparingInt(t -> -t.articles)
                    .thenComparing(t -> t.name)
                    .thenComparing(t -> t.key));

    /** Counts an article's entities, each once however often it names it. */
    void add(List<NamedEntity> entities) {
        Set<String> named = new LinkedHashSet<>();
        for (NamedEntity e : entities) {
            String key = EntityKeys.key(e.canonical(), e.type());
            if (key == null || !named.add(key)) {
                continue;
            }
            String name = e.canonical().strip();
            Tally tally = byKey.get(key);
            if (tally == null) {
                tally = new Tally(key, name, e.type());
                byKey.put(key, tally);
            } else {
                ranking.remove(tally); // its place changes with its count (and name)
                if (EntityKeys.fuller(name, tally.name)) {
                    tally.name = name;
                }
            }
            tally.articles++;
            ranking.add(tally);
        }
    }

    boolean names(NamedEntity e) {
        String key = EntityKeys.key(e.canonical(), e.type());
        return key != null && byKey.containsKey(key);
    }

    /** The name this tally shows for an entity an article names, or null if it is not counted here. */
    String nameOf(NamedEntity e) {
        String key = EntityKeys.key(e.canonical(), e.type());
        Tally t = key == null ? null : byKey.get(key);
        return t == null ? null : t.name;
    }

    List<Story.StoryEntity> top(int limit) {
        List<Story.StoryEntity> out = new ArrayList<>(Math.min(limit, ranking.size()));
        for (Tally t : ranking) {
            if (out.size() >= limit) {
                break;
            }
            out.add(new Story.StoryEntity(t.name, t.type, t.articles));
        }
        return out;
    }
}
