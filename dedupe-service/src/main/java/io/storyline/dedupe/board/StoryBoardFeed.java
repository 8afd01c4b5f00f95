package io.storyline.dedupe.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.storyline.dedupe.observability.PipelineMetrics;
import io.storyline.events.Story;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.io.IOException;

/**
 * Feeds the story board from the compacted news.stories itself, read from its start on every start-up, so every
 * instance shows all stories whichever instance clustered them and the board survives restarts without a store.
 * Each change is also broadcast to the live stream.
 */
@ApplicationScoped
public class StoryBoardFeed {

    private static final Logger LOG = Logger.getLogger(StoryBoardFeed.class);

    private final StoryBoard board = new StoryBoard();
    private final BroadcastProcessor<BoardChange> changes = BroadcastProcessor.create();
    private final ObjectMapper json;
    private final Counter unreadable;
    private final PipelineMetrics metrics;

    @Inject
    public StoryBoardFeed(ObjectMapper json, MeterRegistry registry, PipelineMetrics metrics) {
        this.json = json;
        this.metrics = metrics;
        Gauge.builder("storyline.board.stories", board, StoryBoard::size)
                .description("stories held by the story board, open and closed").register(registry);
        this.unreadable = Counter.builder("storyline.board.unreadable.snapshots")
                .description("records on news.stories the board could not read and skipped").register(registry);
    }

    /** One record of news.stories: a whole snapshot, or a tombstone (null value) that deletes the story. */
    @Incoming("stories-view")
    public void onSnapshot(ConsumerRecord<String, byte[]> record) {
        metrics.recordIn("stories-view", record.topic());
        if (record.value() == null) {
            Story previous = record.key() == null ? null : board.story(record.key()).orElse(null);
            if (previous != null && board.remove(record.key())) {
                changes.onNext(new BoardChange(record.key(), previous, null));
            }
            return;
        }
        Story story;
        try {
            story = json.readValue(record.value(), Story.class);
            if (story == null || story.id() == null || story.id().isBlank()) {
                throw new IOException("snapshot without id");
            }
        } catch (IOException | RuntimeException e) {
            // the board is only a view; the topic stays as it is for every other reader, so skip and say so
            unreadable.increment();
            LOG.warnf("story board skips unreadable snapshot %s-%d@%d (key %s): %s", record.topic(), record.partition(),
                    record.offset(), record.key(), e.getMessage());
            return;
        }
        // this is the board's only writer, so nothing changes the story between these two calls
        Story previous = board.story(story.id()).orElse(null);
        if (board.apply(story)) {
            changes.onNext(new BoardChange(story.id(), previous, story));
        }
    }

    public StoryBoard board() {
        return board;
    }

    /** Changes from now on; hot, so a subscriber sees only what happens after it subscribed. */
    public Multi<BoardChange> changes() {
        return changes;
    }

    /**
     * A story that changed on the board.
     *
     * @param storyId  its id
     * @param previous the snapshot the board held before, or null when the story is new
     * @param story    the snapshot now on the board, or null when the story was deleted
     */
    public record BoardChange(String storyId, Story previous, Story story) {
    }
}
