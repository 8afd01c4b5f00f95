package io.storyline.dedupe.board;

import io.storyline.events.Story;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read model behind the story board: the latest snapshot of every story seen on news.stories, indexed by
 * member article and by entity. Fed in topic order by one writer, read concurrently by HTTP requests.
 */
public final class StoryBoard {

    /** Newest activity first; ties by the most recently published snapshot, then by id so pages are stable. */
    public static final Comparator<Story> NEWEST_ACTIVITY_FIRST = Comparator
            .comparing(Story::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Story::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Story::id);

    private final Map<String, Story> stories = new HashMap<>();
    private final Map<String, String> storyOfArticle = new HashMap<>();
    private final Map<String, Set<String>> storiesOfEntity = new HashMap<>();

    /**
     * Takes a snapshot unless the board already holds a newer version of that story.
     *
     * @return true when the board changed
     * @throws IllegalArgumentException for a snapshot without an id
     */
    public synchronized boolean apply(Story snapshot) {
        if (snapshot == null || snapshot.id() == null || snapshot.id().isBlank()) {
            throw new IllegalArgumentException("story snapshot without id");
        }
        Story current = stories.get(snapshot.id());
        if (current != null) {
            // an equal version is a redelivery of the same snapshot: take it, it cannot be older
            if (snapshot.version() < current.version()) {
                return false;
            }
            unindex(current);
        }
        stories.put(snapshot.id(), snapshot);
        index(snapshot);
        return true;
    }

    /**
     * Forgets a story (a tombstone on the compacted topic).
     *
     * @return true when the board held it
     */
    public synchronized boolean remove(String storyId) {
        Story current = stories.remove(storyId);
        if (current == null) {
            return false;
        }
        unindex(current);
        return true;
    }

    public synchronized Optional<Story> story(String storyId) {
        return Optional.ofNullable(stories.get(storyId));
    }

    /** The story an article belongs to now. */
    public synchronized Optional<Story> storyOfArticle(String articleId) {
        String storyId = storyOfArticle.get(articleId);
        return storyId == null ? Optional.empty() : Optional.ofNullable(stories.get(storyId));
    }

    public synchronized StoryPage<Story> query(StoryQuery query) {
        Collection<Story> candidates;
        if (query.entity() != null) {
            Set<String> ids = storiesOfEntity.getOrDefault(entityKey(query.entity()), Set.of());
            candidates = ids.stream().map(stories::get).toList();
        } else {
            candidates = stories.values();
        }
        List<Story> matching = new ArrayList<>();
        for (Story story : candidates) {
            if (query.matches(story)) {
                matching.add(story);
            }
        }
        matching.sort(NEWEST_ACTIVITY_FIRST);
        long first = (long) query.page() * query.size();
        List<Story> items = first >= matching.size() ? List.of()
                : matching.subList((int) first, (int) Math.min(matching.size(), first + query.size()));
        return new StoryPage<>(items, query.page(), query.size(), matching.size());
    }

    /** Stories held, open and closed. */
    public synchronized int size() {
        return stories.size();
    }

    private void index(Story story) {
        if (story.members() != null) {
            for (Story.StoryMember member : story.members()) {
                if (member != null && member.articleId() != null) {
                    storyOfArticle.put(member.articleId(), story.id());
                }
            }
        }
        for (String key : entityKeys(story)) {
            storiesOfEntity.computeIfAbsent(key, k -> new HashSet<>()).add(story.id());
        }
    }

    private void unindex(Story story) {
        if (story.members() != null) {
            for (Story.StoryMember member : story.members()) {
                // an article that has since moved to another story keeps that story
                if (member != null && member.articleId() != null) {
                    storyOfArticle.remove(member.articleId(), story.id());
                }
            }
        }
        for (String key : entityKeys(story)) {
            Set<String> ids = storiesOfEntity.get(key);
            if (ids != null) {
                ids.remove(story.id());
                if (ids.isEmpty()) {
                    storiesOfEntity.remove(key);
                }
            }
        }
    }

    private static Set<String> entityKeys(Story story) {
        Set<String> keys = new HashSet<>();
        if (story.entities() != null) {
            for (Story.StoryEntity entity : story.entities()) {
                if (entity != null && entity.name() != null) {
                    keys.add(entityKey(entity.name()));
                }
            }
        }
        return keys;
    }

    private static String entityKey(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
