package io.storyline.dedupe.story;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Inverted index from entity and term keys to the open events (or storylines) filed under them, so retrieval never
 * scans them all.
 */
final class StoryIndex<T extends StoryIndex.Filed> {
    /** What the index holds: a creation sequence for deterministic order, and the keys it is filed under. */
    abstract static class Filed {
        final long sequence;
        final Set<String> keys = new LinkedHashSet<>();

        Filed(long sequence) {
            this.sequence = sequence;
        }
    }

    private final Map<String, TreeSet<Long>> postings = new HashMap<>();
    private final Map<Long, T> filed = new HashMap<>();

    void file(T item, Collection<String> keys) {
        filed.put(item.sequence, item);
        for (String key : keys) {
            if (item.keys.add(key)) {
                postings.computeIfAbsent(key, k -> new TreeSet<>()).add(item.sequence);
            }
        }
    }

    void remove(T item) {
        filed.remove(item.sequence);
        for (String key : item.keys) {
            TreeSet<Long> list = postings.get(key);
            if (list != null) {
                list.remove(item.sequence);
                if (list.isEmpty()) {
                    postings.remove(key);
                }
            }
        }
    }

    /**
     * Items sharing keys with an article, most shared keys first, newer first on ties. Keys filed under more than
     * {@code maxPostings} items say nothing about which one it is and are skipped.
     */
    List<T> candidates(List<String> keys, int maxPostings, int limit) {
        // any map will do: the ranking below orders by count, then sequence, and never by the map's order
        HashMap<Long, int[]> shared = new HashMap<>();
        for (String key : keys) {
            TreeSet<Long> list = postings.get(key);
            if (list == null || list.size() > maxPostings) {
                continue;
            }
            for (Long sequence : list) {
                shared.computeIfAbsent(sequence, s -> new int[1])[0]++;
            }
        }
        List<Map.Entry<Long, int[]>> ranked = new ArrayList<>(shared.entrySet());
        ranked.sort((a, b) -> {
            int c = Integer.compare(b.getValue()[0], a.getValue()[0]);
            return c != 0 ? c : Long.compare(b.getKey(), a.getKey());
        });
        List<T> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            out.add(filed.get(ranked.get(i).getKey()));
        }
        return out;
    }
}
