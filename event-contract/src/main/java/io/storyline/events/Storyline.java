package io.storyline.events;

import java.time.Instant;
import java.util.List;

/**
 * The developing story that links events sharing their principal actors and subject (US–Russia relations; the
 * search for flight MH370): the value on the compacted {@code news.storylines}, key = {@link #id()}. Every change of
 * one of its events publishes a whole new snapshot.
 *
 * @param id           stable for the storyline's life
 * @param version      incremented with every published snapshot
 * @param headline     headline of its largest event (the earliest on ties)
 * @param language     language of its articles
 * @param entities     principal actors first: people, organisations and other named things, then places; each with
 *                     the number of member articles naming it (a person named by surname and by full name is one)
 * @param events       its events as chapters, in order of their first dated time (undated ones last, in order of
 *                     creation); at most 100, the most recent ones
 * @param eventCount   number of events
 * @param articleCount number of articles over all events
 * @param sourceCount  number of distinct sources over all events
 * @param firstSeen    earliest dated time of any event, null if none is dated
 * @param lastSeen     latest dated time of any event
 * @param updatedAt    when this snapshot was produced
 * @param status       OPEN while one of its events is open, CLOSED once all are
 */
public record Storyline(
        String id,
        long version,
        String headline,
        String language,
        List<Story.StoryEntity> entities,
        List<StorylineEvent> events,
        int eventCount,
        int articleCount,
        int sourceCount,
        Instant firstSeen,
        Instant lastSeen,
        Instant updatedAt,
        Story.Status status) {

    /** One event of the storyline, as its latest snapshot on {@code news.stories} describes it. */
    public record StorylineEvent(
            String storyId,
            String headline,
            Instant firstSeen,
            Instant lastSeen,
            int articleCount,
            int sourceCount,
            Story.Status status) {
    }
}
