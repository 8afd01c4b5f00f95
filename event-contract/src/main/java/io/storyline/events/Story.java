package io.storyline.events;

import java.time.Instant;
import java.util.List;

/**
 * The full current state of a story: the value on the compacted {@code news.stories}, key = {@link #id()}.
 * Every change publishes a whole new snapshot, so a reader only needs the latest one per key.
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
 * @param firstSeen       earliest event time of any member (earliest published time of any copy)
 * @param lastSeen        latest event time of any member
 * @param updatedAt       when this snapshot was produced
 * @param status          OPEN while it can still gain members, CLOSED after its quiet period
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
        Status status) {

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
