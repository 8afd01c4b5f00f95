package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One event of a storyline as the board shows it: the storyline snapshot's summary of the event, enriched with the
 * event's latest snapshot from news.stories when the board holds it.
 *
 * @param storyId       the event's id (GET /stories/{id})
 * @param onBoard       whether the board holds the event's snapshot; when not, sources and entities are empty and
 *                      the rest is the storyline's summary
 * @param version       the event snapshot's version, null when not on the board
 * @param headline      the event's headline
 * @param status        OPEN or CLOSED
 * @param firstSeen     earliest dated time of the event, null when none of its members is dated
 * @param lastSeen      latest dated time
 * @param articleCount  member articles
 * @param sourceCount   distinct sources
 * @param duplicateCount members that are near-duplicates, null when not on the board
 * @param sources       distinct source names, alphabetical, as the event snapshot lists them (at most 50)
 * @param entities      the event's top entities as published: principal actors first
 * @param timeline      member articles over time, for a sparkline (empty when not on the board)
 */
public record StorylineChapter(
        String storyId,
        boolean onBoard,
        Long version,
        String headline,
        Story.Status status,
        Instant firstSeen,
        Instant lastSeen,
        int articleCount,
        int sourceCount,
        Integer duplicateCount,
        List<String> sources,
        List<Story.StoryEntity> entities,
        ArticleTimeline timeline) {

    public StorylineChapter {
        sources = List.copyOf(sources);
        entities = List.copyOf(entities);
    }

    /**
     * @param event              the storyline snapshot's summary of the event
     * @param story              the event's latest snapshot on the board, or null
     * @param storylineUpdatedAt when the storyline snapshot was produced: if after the event snapshot, the summary is
     *                           the newer word on headline, times, counts and status (it arrived first)
     * @param entityLimit        at most this many entities
     */
    static StorylineChapter of(Storyline.StorylineEvent event, Story story, Instant storylineUpdatedAt, int entityLimit) {
        if (story == null) {
            return new StorylineChapter(event.storyId(), false, null, event.headline(), event.status(), event.firstSeen(),
                    event.lastSeen(), event.articleCount(), event.sourceCount(), null, List.of(), List.of(),
                    new ArticleTimeline(null, null, List.of()));
        }
        List<String> sources = sources(story);
        List<Story.StoryEntity> entities = story.entities() == null ? List.of()
                : story.entities().stream().filter(e -> e != null && e.name() != null).limit(entityLimit).toList();
        ArticleTimeline timeline = ArticleTimeline.of(story.members(), ArticleTimeline.SLICES);
        boolean summaryIsNewer = storylineUpdatedAt != null && story.updatedAt() != null
                && storylineUpdatedAt.isAfter(story.updatedAt());
        if (summaryIsNewer) {
            return new StorylineChapter(event.storyId(), true, story.version(), event.headline(), event.status(),
                    event.firstSeen(), event.lastSeen(), event.articleCount(), event.sourceCount(), story.duplicateCount(),
                    sources, entities, timeline);
        }
        return new StorylineChapter(story.id(), true, story.version(), story.headline(), story.status(), story.firstSeen(),
                story.lastSeen(), story.articleCount(), story.sourceCount(), story.duplicateCount(), sources, entities, timeline);
    }

    /** The snapshot's source list; a snapshot from before it had one lists its members' sources instead. */
    static List<String> sources(Story story) {
        if (story.sources() != null) {
            return story.sources().stream().filter(Objects::nonNull).toList();
        }
        return story.members() == null ? List.of() : story.members().stream().filter(Objects::nonNull)
                .map(Story.StoryMember::source).filter(s -> s != null && !s.isBlank()).distinct().sorted().toList();
    }
}
