package io.storyline.dedupe.board;

import io.storyline.events.Story;

import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the board shows of a story at a glance; the list and stream form of a snapshot (members left out).
 *
 * @param storylineId the storyline this event belongs to (GET /storylines/{id}), null for a snapshot without one
 * @param sources     the story's sources with how many of its listed members each contributed, most first
 * @param entities    the story's top entities as published: principal actors first
 * @param timeline    member articles over time, for a sparkline
 */
public record StoryCard(
        String id,
        long version,
        String headline,
        String headlineArticle,
        String language,
        String storylineId,
        Story.Status status,
        int articleCount,
        int sourceCount,
        int duplicateCount,
        List<SourceCount> sources,
        List<Story.StoryEntity> entities,
        Instant firstSeen,
        Instant lastSeen,
        Instant updatedAt,
        ArticleTimeline timeline) {

    /** A source of the story and how many of its articles are members. */
    public record SourceCount(String source, int articles) {
    }

    public static StoryCard of(Story story) {
        Map<String, Integer> bySource = new LinkedHashMap<>();
        if (story.members() != null) {
            for (Story.StoryMember member : story.members()) {
                if (member != null && member.source() != null && !member.source().isBlank()) {
                    bySource.merge(member.source(), 1, Integer::sum);
                }
            }
        }
        List<SourceCount> sources = bySource.entrySet().stream()
                .map(e -> new SourceCount(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingInt(SourceCount::articles).reversed().thenComparing(SourceCount::source))
                .toList();
        List<Story.StoryEntity> entities = story.entities() == null ? List.of()
                : story.entities().stream().filter(e -> e != null && e.name() != null).toList();
        return new StoryCard(story.id(), story.version(), story.headline(), story.headlineArticle(), story.language(),
                story.storylineId(), story.status(), story.articleCount(), story.sourceCount(), story.duplicateCount(), sources, entities,
                story.firstSeen(), story.lastSeen(), story.updatedAt(),
                ArticleTimeline.of(story.members(), ArticleTimeline.SLICES));
    }
}
