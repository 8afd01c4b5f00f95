package io.storyline.dedupe.listener;

import io.opentelemetry.context.Context;
import io.storyline.dedupe.ArticleClustering;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.runtime.stage.StageOutput;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The story and storyline snapshots a batch changed: within a batch one may change many times, and its last snapshot is
 * all a reader of the compacted topic needs. The last one per key, in the order their keys last changed, each with the
 * trace of the last article that changed it; storylines follow the events they list.
 */
final class BatchSnapshots {
    private record Change<T>(T snapshot, Context trace) {
    }

    private final Map<String, Change<Story>> stories = new LinkedHashMap<>();
    private final Map<String, Change<Storyline>> storylines = new LinkedHashMap<>();

    void add(ArticleClustering.Decision decision, Context trace) {
        for (Story story : decision.changedStories()) {
            stories.remove(story.id());
            stories.put(story.id(), new Change<>(story, trace));
        }
        for (Storyline storyline : decision.changedStorylines()) {
            storylines.remove(storyline.id());
            storylines.put(storyline.id(), new Change<>(storyline, trace));
        }
    }

    Iterable<Story> stories() {
        return stories.values().stream().map(Change::snapshot).toList();
    }

    /** The records to write: every story snapshot, then every storyline snapshot, keyed by id. */
    List<StageOutput> outputs(Function<Object, byte[]> json) {
        List<StageOutput> outputs = new ArrayList<>();
        stories.forEach((id, change) -> outputs.add(new StageOutput(Topic.STORIES, id, json.apply(change.snapshot()), change.trace())));
        storylines.forEach((id, change) -> outputs.add(new StageOutput(Topic.STORYLINES, id, json.apply(change.snapshot()), change.trace())));
        return outputs;
    }
}
