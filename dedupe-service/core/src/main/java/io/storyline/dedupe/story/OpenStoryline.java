package io.storyline.dedupe.story;

import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The in-memory state of one storyline: the events it links and what they have in common. */
final class OpenStoryline extends StoryIndex.Filed {
    /** Most events listed in one snapshot: the most recent ones; the counts cover all. */
    static final int SNAPSHOT_EVENTS = 100;

    final String id;
    final String language;
    final Centroid body = new Centroid();
    final Centroid actors = new Centroid();
    private final EntityTallies entityTallies = new EntityTallies();
    /** Each event's latest state, in order of creation. */
    private final Map<String, Storyline.StorylineEvent> chapters = new LinkedHashMap<>();
    private final TreeSet<String> sources = new TreeSet<>();
    private int articles;
    private Instant lastActivity;
    private long version;

    OpenStoryline(long sequence, String id, String language) {
        super(sequence);
        this.id = id;
        this.language = language;
    }

    /** An original article of one of its events. */
    void addOriginal(ArticleProfile article, int maxCentroidTerms) {
        body.add(article.body, maxCentroidTerms);
        actors.add(article.actors, maxCentroidTerms);
        entityTallies.add(article.entityList);
    }

    /** One of its events changed (an article joined, it closed, or it started). */
    void update(OpenStory event, int articleDelta) {
        chapters.put(event.id, event.chapter());
        articles += articleDelta;
        sources.addAll(event.sources());
        Instant activity = event.lastActivity();
        if (activity != null && (lastActivity == null || activity.isAfter(lastActivity))) {
            lastActivity = activity;
        }
    }

    Instant lastActivity() {
        return lastActivity;
    }

    Storyline snapshot(Story.Status status, Instant now, int entityLimit) {
        version++;
        List<Storyline.StorylineEvent> all = new ArrayList<>(chapters.values());
        Storyline.StorylineEvent largest = null;
        Instant first = null;
        Instant last = null;
        for (Storyline.StorylineEvent e : all) {
            if (largest == null || e.articleCount() > largest.articleCount()) {
                largest = e;
            }
            if (e.firstSeen() != null && (first == null || e.firstSeen().isBefore(first))) {
                first = e.firstSeen();
            }
            if (e.lastSeen() != null && (last == null || e.lastSeen().isAfter(last))) {
                last = e.lastSeen();
            }
        }
        List<Storyline.StorylineEvent> listed = all.size() <= SNAPSHOT_EVENTS ? all
                : all.subList(all.size() - SNAPSHOT_EVENTS, all.size());
        // chapters by their first dated day; undated ones after, in order of creation (the sort is stable)
        List<Storyline.StorylineEvent> ordered = new ArrayList<>(listed);
        ordered.sort(Comparator.comparing(Storyline.StorylineEvent::firstSeen, Comparator.nullsLast(Comparator.naturalOrder())));
        return new Storyline(id, version, largest == null ? null : largest.headline(), language, entityTallies.top(entityLimit),
                List.copyOf(ordered), all.size(), articles, sources.size(), first, last, now, status);
    }

    /** The last published snapshot again, for a redelivered article: same version, nothing changed. */
    Storyline currentSnapshot(Instant now, int entityLimit) {
        version--;
        return snapshot(Story.Status.OPEN, now, entityLimit);
    }

    /** Counts a snapshot that a replay does not build, so versions continue as they were published. */
    void skipSnapshot() {
        version++;
    }
}
