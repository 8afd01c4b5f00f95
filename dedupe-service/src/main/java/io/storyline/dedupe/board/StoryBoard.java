package io.storyline.dedupe.board;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The read model behind the story board: the latest snapshot of every story (event) seen on news.stories, indexed by
 * member article, by entity and by storyline, and the latest snapshot of every storyline seen on news.storylines.
 * Fed by one writer per topic (each in its topic's order), read concurrently by HTTP requests.
 */
public final class StoryBoard {

    /** Newest activity first; ties by the most recently published snapshot, then by id so pages are stable. */
    public static final Comparator<Story> NEWEST_ACTIVITY_FIRST = Comparator
            .comparing(Story::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Story::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Story::id);

    /** The same order for storylines. */
    public static final Comparator<Storyline> STORYLINES_NEWEST_ACTIVITY_FIRST = Comparator
            .comparing(Storyline::lastSeen, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Storyline::updatedAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(Storyline::id);

    private final Map<String, Story> stories = new HashMap<>();
    private final Map<String, String> storyOfArticle = new HashMap<>();
    private final Map<String, Set<String>> storiesOfEntity = new HashMap<>();
    private final Map<String, Storyline> storylines = new HashMap<>();
    private final Map<String, Set<String>> storylinesOfEntity = new HashMap<>();

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

    /**
     * Takes a storyline snapshot unless the board already holds a newer version of that storyline.
     *
     * @return true when the board changed
     * @throws IllegalArgumentException for a snapshot without an id
     */
    public synchronized boolean apply(Storyline snapshot) {
        if (snapshot == null || snapshot.id() == null || snapshot.id().isBlank()) {
            throw new IllegalArgumentException("storyline snapshot without id");
        }
        Storyline current = storylines.get(snapshot.id());
        if (current != null) {
            if (snapshot.version() < current.version()) {
                return false;
            }
            unindex(current);
        }
        storylines.put(snapshot.id(), snapshot);
        index(snapshot);
        return true;
    }

    /**
     * Forgets a storyline (a tombstone on the compacted topic); its events stay on the board.
     *
     * @return true when the board held it
     */
    public synchronized boolean removeStoryline(String storylineId) {
        Storyline current = storylines.remove(storylineId);
        if (current == null) {
            return false;
        }
        unindex(current);
        return true;
    }

    /** The storyline with the snapshots the board holds of the events it lists. */
    public synchronized Optional<StorylineView> storyline(String storylineId) {
        Storyline storyline = storylines.get(storylineId);
        return storyline == null ? Optional.empty() : Optional.of(view(storyline));
    }

    public synchronized StoryPage<StorylineView> queryStorylines(StoryQuery query) {
        Collection<Storyline> candidates;
        if (query.entity() != null) {
            // named by the storyline itself or by one of the events it lists
            String key = entityKey(query.entity());
            Set<String> ids = new LinkedHashSet<>(storylinesOfEntity.getOrDefault(key, Set.of()));
            for (String storyId : storiesOfEntity.getOrDefault(key, Set.of())) {
                String storylineId = stories.get(storyId).storylineId();
                Storyline storyline = storylineId == null ? null : storylines.get(storylineId);
                if (storyline != null && lists(storyline, storyId)) {
                    ids.add(storylineId);
                }
            }
            candidates = ids.stream().map(storylines::get).filter(s -> s != null).toList();
        } else {
            candidates = storylines.values();
        }
        List<Storyline> matching = new ArrayList<>();
        for (Storyline storyline : candidates) {
            if (query.matchesApartFromEntity(storyline)) {
                matching.add(storyline);
            }
        }
        matching.sort(STORYLINES_NEWEST_ACTIVITY_FIRST);
        long first = (long) query.page() * query.size();
        List<StorylineView> items = first >= matching.size() ? List.of()
                : matching.subList((int) first, (int) Math.min(matching.size(), first + query.size())).stream()
                        .map(this::view).toList();
        return new StoryPage<>(items, query.page(), query.size(), matching.size());
    }

    /** Storylines held, open and closed. */
    public synchronized int storylineCount() {
        return storylines.size();
    }

    private static boolean lists(Storyline storyline, String storyId) {
        return storyline.events() != null && storyline.events().stream().anyMatch(e -> e != null && storyId.equals(e.storyId()));
    }

    /**
     * The storyline with the held snapshot of each event it lists (at most 100, so this stays cheap however many
     * events it has had); a snapshot that names another storyline is not one of its events.
     */
    private StorylineView view(Storyline storyline) {
        Map<String, Story> events = new HashMap<>();
        if (storyline.events() != null) {
            for (Storyline.StorylineEvent event : storyline.events()) {
                Story story = event == null || event.storyId() == null ? null : stories.get(event.storyId());
                if (story != null && (story.storylineId() == null || story.storylineId().equals(storyline.id()))) {
                    events.put(story.id(), story);
                }
            }
        }
        return new StorylineView(storyline, events);
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
        for (String key : entityKeys(story.entities())) {
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
        for (String key : entityKeys(story.entities())) {
            removeFrom(storiesOfEntity, key, story.id());
        }
    }

    private void index(Storyline storyline) {
        for (String key : entityKeys(storyline.entities())) {
            storylinesOfEntity.computeIfAbsent(key, k -> new HashSet<>()).add(storyline.id());
        }
    }

    private void unindex(Storyline storyline) {
        for (String key : entityKeys(storyline.entities())) {
            removeFrom(storylinesOfEntity, key, storyline.id());
        }
    }

    private static void removeFrom(Map<String, Set<String>> index, String key, String id) {
        Set<String> ids = index.get(key);
        if (ids != null) {
            ids.remove(id);
            if (ids.isEmpty()) {
                index.remove(key);
            }
        }
    }

    private static Set<String> entityKeys(List<Story.StoryEntity> entities) {
        Set<String> keys = new HashSet<>();
        if (entities != null) {
            for (Story.StoryEntity entity : entities) {
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
