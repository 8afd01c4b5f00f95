package io.storyline.dedupe.board;

import io.storyline.events.EntityType;
import io.storyline.events.MembershipReason;
import io.storyline.events.Story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Story snapshots for tests, built the way the clusterer publishes them. */
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
}
