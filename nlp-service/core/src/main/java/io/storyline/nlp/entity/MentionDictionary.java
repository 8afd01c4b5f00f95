package io.storyline.nlp.entity;

import edu.stanford.nlp.ling.CoreLabel;
import io.storyline.events.EntityType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Names to look for by exact token match: the forms the model found in the lead, the surnames of the people
 * it found, and the alias table. Longest match wins, so "Vladimir Putin" beats "Putin".
 */
final class MentionDictionary {
    record Entry(String[] words, EntityType type) {
    }

    private final Map<String, List<Entry>> byFirstWord = new HashMap<>();

    void add(String[] words, EntityType type) {
        if (words.length == 0) {
            return;
        }
        List<Entry> entries = byFirstWord.computeIfAbsent(words[0], w -> new ArrayList<>(2));
        for (Entry e : entries) {
            if (java.util.Arrays.equals(e.words(), words)) {
                return;
            }
        }
        entries.add(new Entry(words, type));
        entries.sort((a, b) -> b.words().length - a.words().length);
    }

    /** The longest entry matching the tokens from {@code start}, not crossing {@code limit}; null if none. */
    Entry longestMatch(List<CoreLabel> tokens, int start, int limit) {
        List<Entry> entries = byFirstWord.get(tokens.get(start).word());
        if (entries == null) {
            return null;
        }
        for (Entry e : entries) {
            String[] words = e.words();
            if (start + words.length > limit) {
                continue;
            }
            boolean match = true;
            for (int k = 1; k < words.length && match; k++) {
                match = words[k].equals(tokens.get(start + k).word());
            }
            if (match) {
                return e;
            }
        }
        return null;
    }
}
