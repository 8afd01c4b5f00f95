package io.storyline.dedupe.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.runtime.observability.PipelineMetrics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Feeds the story board from the compacted news.stories and news.storylines themselves, each read from its start on
 * every start-up, so every instance shows all events and storylines whichever instance clustered them and the board
 * survives restarts without a store. Each change is also broadcast to the live stream: a changed event also
 * re-announces the storyline that lists it when its chapter there changed with it (sources, entities, counts), since
 * the two topics arrive independently. While nobody watches the stream (a start-up's replay), only the board is fed.
 */
@ApplicationScoped
public class StoryBoardFeed {

    private static final Logger LOG = Logger.getLogger(StoryBoardFeed.class);

    private final StoryBoard board = new StoryBoard();
    private final BroadcastProcessor<BoardChange> changes = BroadcastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();
    /** The two channels deliver on their own threads: one change at a time, and the stream's onNext never overlaps. */
    private final Object writer = new Object();
    private final ObjectMapper json;
    private final Counter unreadableStories;
    private final Counter unreadableStorylines;
    private final PipelineMetrics metrics;

    @Inject
    public StoryBoardFeed(ObjectMapper json, MeterRegistry registry, PipelineMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
        Gauge.builder("storyline.board.stories", board, StoryBoard::size)
                .description("stories (events) held by the story board, open and closed").register(registry);
        Gauge.builder("storyline.board.storylines", board, StoryBoard::storylineCount)
                .description("storylines held by the story board, open and closed").register(registry);
        this.unreadableStories = unreadable(registry, Topic.STORIES);
        this.unreadableStorylines = unreadable(registry, Topic.STORYLINES);
    }

    private static Counter unreadable(MeterRegistry registry, Topic topic) {
        return Counter.builder("storyline.board.unreadable.snapshots").tag("topic", topic.topicName())
                .description("records on news.stories or news.storylines the board could not read and skipped")
                .register(registry);
    }

    /** One record of news.stories: a whole event snapshot, or a tombstone (null value) that deletes the event. */
    @Incoming("stories-view")
    public void onSnapshot(ConsumerRecord<String, byte[]> record) {
        metrics.recordIn("stories-view", record.topic());
        Story story = null;
        if (record.value() != null) {
            story = read(record, Story.class, unreadableStories);
            if (story == null) {
                return;
            }
        } else if (record.key() == null) {
            return;
        }
        String storyId = story != null ? story.id() : record.key();
        synchronized (writer) {
            Story previous = board.story(storyId).orElse(null);
            // the held storylines that list this event: normally one, two if it moved; none to look at unwatched
            Map<String, StorylineView> before = new LinkedHashMap<>();
            if (watchers.get() > 0) {
                for (Story snapshot : new Story[] {previous, story}) {
                    if (snapshot != null && snapshot.storylineId() != null && !before.containsKey(snapshot.storylineId())) {
                        board.storyline(snapshot.storylineId()).ifPresent(view -> before.put(view.id(), view));
                    }
                }
            }
            boolean changed = story != null ? board.apply(story) : previous != null && board.remove(storyId);
            if (!changed) {
                return;
            }
            changes.onNext(new StoryChange(storyId, previous, story));
            for (StorylineView then : before.values()) {
                StorylineView now = board.storyline(then.id()).orElse(null);
                if (now != null && !chapter(then, storyId).equals(chapter(now, storyId))) {
                    changes.onNext(new StorylineChange(then.id(), then, now));
                }
            }
        }
    }

    /** One record of news.storylines: a whole storyline snapshot, or a tombstone that deletes the storyline. */
    @Incoming("storylines-view")
    public void onStorylineSnapshot(ConsumerRecord<String, byte[]> record) {
        metrics.recordIn("storylines-view", record.topic());
        Storyline storyline = null;
        if (record.value() != null) {
            storyline = read(record, Storyline.class, unreadableStorylines);
            if (storyline == null) {
                return;
            }
        } else if (record.key() == null) {
            return;
        }
        String storylineId = storyline != null ? storyline.id() : record.key();
        synchronized (writer) {
            StorylineView previous = board.storyline(storylineId).orElse(null);
            boolean changed = storyline != null ? board.apply(storyline)
                    : previous != null && board.removeStoryline(storylineId);
            if (changed) {
                changes.onNext(new StorylineChange(storylineId, previous, board.storyline(storylineId).orElse(null)));
            }
        }
    }

    /** What the storyline shows of one event: its chapter (empty when it does not list the event). */
    private static Optional<StorylineChapter> chapter(StorylineView view, String storyId) {
        Storyline storyline = view.storyline();
        return storyline.events() == null ? Optional.empty() : storyline.events().stream()
                .filter(e -> e != null && storyId.equals(e.storyId())).findFirst()
                .map(e -> StorylineChapter.of(e, view.events().get(storyId), storyline.updatedAt(), Integer.MAX_VALUE));
    }

    /** The snapshot, or null when the record cannot be one (skipped and counted). */
    private <T> T read(ConsumerRecord<String, byte[]> record, Class<T> type, Counter unreadable) {
        try {
            T snapshot = json.readValue(record.value(), type);
            String id = snapshot instanceof Story s ? s.id() : snapshot instanceof Storyline l ? l.id() : null;
            if (id == null || id.isBlank()) {
                throw new IOException("snapshot without id");
            }
            return snapshot;
        } catch (IOException | RuntimeException e) {
            // the board is only a view; the topic stays as it is for every other reader, so skip and say so
            unreadable.increment();
            LOG.warnf("story board skips unreadable snapshot %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
            return null;
        }
    }

    public StoryBoard board() {
        return board;
    }

    /** Changes from now on; hot, so a subscriber sees only what happens after it subscribed. */
    public Multi<BoardChange> changes() {
        return changes.onSubscription().invoke(subscription -> watchers.incrementAndGet())
                .onTermination().invoke(watchers::decrementAndGet);
    }

    /** A change on the board: of an event ({@link StoryChange}) or of a storyline ({@link StorylineChange}). */
    public sealed interface BoardChange permits StoryChange, StorylineChange {
    }

    /**
     * A story (event) that changed on the board.
     *
     * @param storyId  its id
     * @param previous the snapshot the board held before, or null when the story is new
     * @param story    the snapshot now on the board, or null when the story was deleted
     */
    public record StoryChange(String storyId, Story previous, Story story) implements BoardChange {
    }

    /**
     * A storyline that changed on the board: a new snapshot, or one of its events changed what its card shows.
     *
     * @param storylineId its id
     * @param previous    the storyline as the board held it before, or null when it is new
     * @param storyline   the storyline as the board holds it now, or null when it was deleted
     */
    public record StorylineChange(String storylineId, StorylineView previous, StorylineView storyline) implements BoardChange {
        public StorylineChange {
            Objects.requireNonNull(storylineId, "storylineId");
        }
    }
}
