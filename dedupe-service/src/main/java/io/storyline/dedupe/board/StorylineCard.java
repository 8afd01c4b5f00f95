package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * What the board shows of a storyline at a glance: the list and stream form of a storyline snapshot, with its events
 * as chapters.
 *
 * @param sources  distinct sources over the events the board holds, alphabetical (at most {@value #MAX_SOURCES})
 * @param entities the storyline's entities as published: principal actors first
 * @param chapters its events in the snapshot's order (by first dated time, undated last), each with at most
 *                 {@value #CHAPTER_ENTITIES} entities
 */
public record StorylineCard(
        String id,
        long version,
        String headline,
        String language,
        Story.Status status,
        int eventCount,
        int articleCount,
        int sourceCount,
        List<String> sources,
        List<Story.StoryEntity> entities,
        Instant firstSeen,
        Instant lastSeen,
        Instant updatedAt,
        List<StorylineChapter> chapters) {

    public static final int CHAPTER_ENTITIES = 5;
    public static final int MAX_SOURCES = 50;

    public StorylineCard {
        sources = List.copyOf(sources);
        entities = List.copyOf(entities);
        chapters = List.copyOf(chapters);
    }

    public static StorylineCard of(StorylineView view) {
        return of(view, CHAPTER_ENTITIES);
    }

    static StorylineCard of(StorylineView view, int chapterEntities) {
        Storyline storyline = view.storyline();
        TreeSet<String> sources = new TreeSet<>();
        for (Story event : view.events().values()) {
            sources.addAll(StorylineChapter.sources(event));
        }
        List<Story.StoryEntity> entities = storyline.entities() == null ? List.of()
                : storyline.entities().stream().filter(e -> e != null && e.name() != null).toList();
        return new StorylineCard(storyline.id(), storyline.version(), storyline.headline(), storyline.language(),
                storyline.status(), storyline.eventCount(), storyline.articleCount(), storyline.sourceCount(),
                sources.stream().limit(MAX_SOURCES).toList(), entities, storyline.firstSeen(), storyline.lastSeen(),
                storyline.updatedAt(), chapters(view, chapterEntities));
    }

    static List<StorylineChapter> chapters(StorylineView view, int entityLimit) {
        Storyline storyline = view.storyline();
        if (storyline.events() == null) {
            return List.of();
        }
        return storyline.events().stream().filter(e -> e != null && e.storyId() != null)
                .map(e -> StorylineChapter.of(e, view.events().get(e.storyId()), storyline.updatedAt(), entityLimit))
                .toList();
    }
}
