package io.storyline.dedupe.board;

import io.storyline.events.Storyline;

import java.util.List;

/**
 * A storyline as its detail view reads it.
 *
 * @param card      the at-a-glance summary, as GET /storylines and the stream give it
 * @param storyline the latest snapshot from news.storylines, exactly as published
 * @param chapters  its events in the snapshot's order, each with all of its entities
 */
public record StorylineDetail(StorylineCard card, Storyline storyline, List<StorylineChapter> chapters) {

    public StorylineDetail {
        chapters = List.copyOf(chapters);
    }

    public static StorylineDetail of(StorylineView view) {
        return new StorylineDetail(StorylineCard.of(view), view.storyline(), StorylineCard.chapters(view, Integer.MAX_VALUE));
    }
}
