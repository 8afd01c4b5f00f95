package io.storyline.events;

import java.time.Instant;
import java.util.List;

/**
 * The full current state of an <b>event</b>, one real-world happening (this phone call, this earthquake) with every
 * article that reports it, near-duplicate copies included: the value on the compacted {@code news.stories},
 * key = {@link #id()}. Every change publishes a whole new snapshot, so a reader only needs the latest one per key.
 * Each event belongs to exactly one {@link Storyline}, the developing story it is a chapter of.
 *
 * @param id              stable for the story's life
 * @param version         incremented with every published snapshot
 * @param headline        title of the most representative member
 * @param headlineArticle id of that member
 * @param language        language of the story's articles
 * @param entities        top canonical entities with the number of member articles naming them
 * @param members         every member, in the order they joined
 * @param articleCount    number of members, near-duplicates included
 * @param sourceCount     number of distinct sources
 * @param duplicateCount  number of members that are near-duplicates of another member
 * @param firstSeen       earliest event time of any member whose time is known (dateline, feed time or a date
 *                        its text names); a member known only by its receipt time adds none; null if none is dated
 * @param lastSeen        latest such event time
 * @param updatedAt       when this snapshot was produced
 * @param status          OPEN while it can still gain members, CLOSED after its quiet period
 * @param storylineId     the storyline this event belongs to (stable: an event never changes storyline)
 * @param sources         distinct sources of the members, alphabetical (at most 50)
 */
public record Story(
        String id,
        long version,
        String headline,
        String headlineArticle,
        String language,
        List<StoryEntity> entities,
        List<StoryMember> members,
        int articleCount,
        int sourceCount,
        int duplicateCount,
        Instant firstSeen,
        Instant lastSeen,
        Instant updatedAt,
        Status status,
        String storylineId,
        List<String> sources) {

    public enum Status {
        OPEN, CLOSED
    }

    /** A canonical entity of the story and in how many member articles it appears. */
    public record StoryEntity(String name, EntityType type, int articles) {
    }

    /** One member article of the story. */
    public record StoryMember(
            String articleId,
            String url,
            String source,
            String title,
            Instant published,
            String duplicateOf,
            MembershipReason reason) {
    }
}
