package io.storyline.dedupe.story;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Inverted index from entity and term keys to the open stories filed under them, so retrieval never scans all stories. */
final class StoryIndex {
    private final Map<String, TreeSet<Long>> postings = new HashMap<>();
    private final Map<Long, OpenStory> stories = new HashMap<>();

    void file(OpenStory story, Collection<String> keys) {
        stories.put(story.sequence, story);
        for (String key : keys) {
            if (story.keys.add(key)) {
                postings.computeIfAbsent(key, k -> new TreeSet<>()).add(story.sequence);
            }
        }
    }

    void remove(OpenStory story) {
        stories.remove(story.sequence);
        for (String key : story.keys) {
            TreeSet<Long> list = postings.get(key);
            if (list != null) {
                list.remove(story.sequence);
                if (list.isEmpty()) {
                    postings.remove(key);
                }
            }
        }
    }

    /**
     * Open stories sharing keys with an article, most shared keys first, newer first on ties. Keys filed under
     * more than {@code maxPostings} stories say nothing about which story it is and are skipped.
     */
    List<OpenStory> candidates(List<String> keys, int maxPostings, int limit) {
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
        List<OpenStory> out = new ArrayList<>();
        for (int i = 0; i < Math.min(limit, ranked.size()); i++) {
            out.add(stories.get(ranked.get(i).getKey()));
        }
        return out;
    }
}
