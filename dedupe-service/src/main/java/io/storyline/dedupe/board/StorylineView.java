package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.util.Map;
import java.util.Objects;

/**
 * A storyline as the board holds it at one moment: its latest snapshot from news.storylines and the latest snapshot
 * from news.stories of each of its events the board holds, taken together so that a reader sees one consistent state.
 *
 * @param storyline the storyline's latest snapshot
 * @param events    by story id: the board's latest snapshot of each event the storyline snapshot lists (its chapters);
 *                  an event whose snapshot has not reached the board yet is missing
 */
public record StorylineView(Storyline storyline, Map<String, Story> events) {

    public StorylineView {
        Objects.requireNonNull(storyline, "storyline");
        events = Map.copyOf(events);
    }

    public String id() {
        return storyline.id();
    }
}
