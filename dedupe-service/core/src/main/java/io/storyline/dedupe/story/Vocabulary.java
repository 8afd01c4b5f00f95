package io.storyline.dedupe.story;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers terms in order of first appearance, so vectors compare as sorted int arrays. Numbering depends only on
 * the input order, which keeps decisions deterministic across replays.
 */
final class Vocabulary {
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> terms = new ArrayList<>();

    int id(String term) {
        Integer id = ids.get(term);
        if (id == null) {
            id = terms.size();
            ids.put(term, id);
            terms.add(term);
        }
        return id;
    }

    String term(int id) {
        return terms.get(id);
    }

    int size() {
        return terms.size();
    }
}
