package io.storyline.dedupe.board;

import io.storyline.events.EntityType;
import io.storyline.events.MembershipReason;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** Story (event) and storyline snapshots for tests, built the way the clusterer publishes them. */
final class Stories {

    private Stories() {
    }

    static Story.StoryMember member(String articleId, String source, String title, String published) {
        return new Story.StoryMember(articleId, "https://" + source + "/" + articleId, source, title,
                published == null ? null : Instant.parse(published), null,
                MembershipReason.of(MembershipReason.Kind.SIMILAR, 0.6, 0.5, 0.7, List.of("Joe Biden")));
    }

    static Story.StoryMember copy(String articleId, String source, String title, String published, String original) {
        return new Story.StoryMember(articleId, "https://" + source + "/" + articleId, source, title,
                Instant.parse(published), original,
                MembershipReason.of(MembershipReason.Kind.NEAR_DUPLICATE, 0.93, 0.93, 1.0, List.of()));
    }

    static Story.StoryEntity entity(String name, int articles) {
        return new Story.StoryEntity(name, EntityType.PERSON, articles);
    }

    /** A story whose first/last seen come from its members' publication times. */
    static Story story(String id, long version, String language, Story.Status status, List<Story.StoryEntity> entities,
                       Story.StoryMember... members) {
        List<Story.StoryMember> list = new ArrayList<>(Arrays.asList(members));
        List<Instant> times = list.stream().map(Story.StoryMember::published).filter(t -> t != null).sorted().toList();
        long sources = list.stream().map(Story.StoryMember::source).distinct().count();
        long duplicates = list.stream().filter(m -> m.duplicateOf() != null).count();
        return new Story(id, version, list.isEmpty() ? null : list.get(0).title(), list.isEmpty() ? null : list.get(0).articleId(),
                language, entities, list, list.size(), (int) sources, (int) duplicates,
                times.isEmpty() ? null : times.get(0), times.isEmpty() ? null : times.get(times.size() - 1),
                Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version), status, "storyline-" + id,
                list.stream().map(Story.StoryMember::source).filter(s -> s != null).distinct().sorted().toList());
    }

    static Story open(String id, long version, String language, List<Story.StoryEntity> entities, Story.StoryMember... members) {
        return story(id, version, language, Story.Status.OPEN, entities, members);
    }

    /** The same snapshot as an event of another storyline. */
    static Story inStoryline(String storylineId, Story story) {
        return new Story(story.id(), story.version(), story.headline(), story.headlineArticle(), story.language(),
                story.entities(), story.members(), story.articleCount(), story.sourceCount(), story.duplicateCount(),
                story.firstSeen(), story.lastSeen(), story.updatedAt(), story.status(), storylineId, story.sources());
    }

    static Story.StoryEntity place(String name, int articles) {
        return new Story.StoryEntity(name, EntityType.LOCATION, articles);
    }

    /** The storyline's summary of one of its events, as taken from the event's snapshot. */
    static Storyline.StorylineEvent summary(Story event) {
        return new Storyline.StorylineEvent(event.id(), event.headline(), event.firstSeen(), event.lastSeen(),
                event.articleCount(), event.sourceCount(), event.status());
    }

    /**
     * A storyline snapshot of these events as the clusterer derives it: events by first dated time (undated last, in
     * the order given), headline of the largest (earliest on ties), counts over all events, OPEN while one is open,
     * produced together with the latest of its events' snapshots (same updatedAt).
     */
    static Storyline storyline(String id, long version, List<Story.StoryEntity> entities, Story... events) {
        List<Story> list = Arrays.asList(events);
        List<Story> ordered = list.stream().sorted(Comparator.comparing(Story::firstSeen, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        Story largest = ordered.stream().filter(e -> e.firstSeen() != null).max(Comparator.comparingInt(Story::articleCount)
                .thenComparing(Story::firstSeen, Comparator.reverseOrder())).orElse(list.isEmpty() ? null : list.get(0));
        List<Instant> firsts = list.stream().map(Story::firstSeen).filter(Objects::nonNull).sorted().toList();
        List<Instant> lasts = list.stream().map(Story::lastSeen).filter(Objects::nonNull).sorted().toList();
        long sources = list.stream().flatMap(e -> e.sources().stream()).distinct().count();
        Instant updatedAt = list.stream().map(Story::updatedAt).max(Comparator.naturalOrder())
                .orElse(Instant.parse("2026-01-01T00:00:00Z").plusSeconds(version));
        return new Storyline(id, version, largest == null ? null : largest.headline(),
                list.isEmpty() ? null : list.get(0).language(), entities, ordered.stream().map(Stories::summary).toList(),
                list.size(), list.stream().mapToInt(Story::articleCount).sum(), (int) sources,
                firsts.isEmpty() ? null : firsts.get(0), lasts.isEmpty() ? null : lasts.get(lasts.size() - 1), updatedAt,
                list.stream().anyMatch(e -> e.status() == Story.Status.OPEN) ? Story.Status.OPEN : Story.Status.CLOSED);
    }

    /** The same storyline snapshot, but CLOSED. */
    static Storyline closed(Storyline s) {
        return new Storyline(s.id(), s.version(), s.headline(), s.language(), s.entities(), s.events(), s.eventCount(),
                s.articleCount(), s.sourceCount(), s.firstSeen(), s.lastSeen(), s.updatedAt(), Story.Status.CLOSED);
    }
}
