package io.storyline.local.chaos;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.local.TopicReader;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * What the pipeline published, read back completely from the committed topics: how often each article
 * appeared on news.articles.clustered, and the latest snapshot of every story (event) and every storyline.
 */
record PipelineOutput(Map<String, Integer> clusteredCounts, Map<String, String> verdicts, Map<String, String> storylineOf,
                      Map<String, Story> stories, Map<String, Storyline> storylines) {
    // clusteredCounts, verdicts and storylineOf are keyed by canonical URL: the input's own identity, whatever ids
    // ingest derives. A verdict is the story an article joined and the original it copies, if any: a story snapshot
    // lists at most 250 members, so equal snapshots alone do not prove equal memberships. storylineOf is the
    // storyline of the article's event, as its clustered record names it (a storyline lists at most 100 events).

    private static final List<String> STAGE_GROUPS = List.of("nlp-service", "dedupe-service");

    /**
     * Waits until every URL has come out and the stages' lag has stopped moving, then reads the outputs.
     * Lag does not reach zero under transactions: a partition's end offset counts the commit markers that no
     * consumer commits past. Returns early, with articles missing, when neither lag nor output has moved for
     * ten seconds (they were lost).
     */
    static PipelineOutput awaitDrained(String bootstrap, Set<String> urls, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        long previousLag = -1;
        int previousCount = -1;
        int unchanged = 0;
        while (true) {
            long lag = lagOf(bootstrap);
            PipelineOutput output = read(bootstrap);
            int count = output.clusteredCounts().size();
            unchanged = lag == previousLag && count == previousCount ? unchanged + 1 : 0;
            boolean complete = output.clusteredCounts().keySet().containsAll(urls);
            if ((complete && unchanged >= 2) || unchanged >= 10) {
                return output;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("pipeline did not drain within " + timeout.toSeconds() + " s (lag " + lag + ")");
            }
            previousLag = lag;
            previousCount = count;
            Thread.sleep(1000);
        }
    }

    /** Records not yet committed by the nlp and dedupe consumer groups. */
    static long lagOf(String bootstrap) throws InterruptedException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            long lag = 0;
            for (String group : STAGE_GROUPS) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                String topic = group.equals("nlp-service") ? Topic.ARTICLES_RAW.topicName() : Topic.ARTICLES_ENRICHED.topicName();
                Map<TopicPartition, OffsetSpec> request = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().stream().collect(Collectors.toMap(p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request,
                        new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get();
                for (var end : ends.entrySet()) {
                    OffsetAndMetadata done = committed.get(end.getKey());
                    lag += end.getValue().offset() - (done == null ? 0 : done.offset());
                }
            }
            return lag;
        } catch (ExecutionException e) {
            return Long.MAX_VALUE; // broker not reachable (restarting): not drained
        }
    }

    static PipelineOutput read(String bootstrap) throws IOException {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, String> verdicts = new HashMap<>();
        Map<String, String> storylineOf = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrap, Topic.ARTICLES_CLUSTERED)) {
            ClusteredArticle article = EventJson.mapper().readValue(record.value(), ClusteredArticle.class);
            counts.merge(article.url(), 1, Integer::sum);
            verdicts.put(article.url(), "story " + article.storyId() + ", duplicate of " + article.duplicateOf());
            storylineOf.put(article.url(), String.valueOf(article.storylineId()));
        }
        Map<String, Story> stories = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrap, Topic.STORIES)) {
            if (record.value() == null) {
                stories.remove(record.key());
                continue;
            }
            Story story = EventJson.mapper().readValue(record.value(), Story.class);
            Story previous = stories.get(story.id());
            if (previous == null || story.version() >= previous.version()) {
                stories.put(story.id(), story);
            }
        }
        Map<String, Storyline> storylines = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrap, Topic.STORYLINES)) {
            if (record.value() == null) {
                storylines.remove(record.key());
                continue;
            }
            Storyline storyline = EventJson.mapper().readValue(record.value(), Storyline.class);
            Storyline previous = storylines.get(storyline.id());
            if (previous == null || storyline.version() >= previous.version()) {
                storylines.put(storyline.id(), storyline);
            }
        }
        return new PipelineOutput(counts, verdicts, storylineOf, stories, storylines);
    }

    /** The stories with what legitimately differs between two runs (the time a snapshot was made) left out. */
    Map<String, Story> comparableStories() {
        return stories.values().stream().collect(Collectors.toMap(Story::id, s -> new Story(s.id(), s.version(), s.headline(),
                s.headlineArticle(), s.language(), s.entities(), s.members(), s.articleCount(), s.sourceCount(),
                s.duplicateCount(), s.firstSeen(), s.lastSeen(), null, s.status(), s.storylineId(), s.sources()), (a, b) -> b, TreeMap::new));
    }

    /** The storylines without the time their snapshot was made. */
    Map<String, Storyline> comparableStorylines() {
        return storylines.values().stream().collect(Collectors.toMap(Storyline::id, l -> new Storyline(l.id(), l.version(), l.headline(),
                l.language(), l.entities(), l.events(), l.eventCount(), l.articleCount(), l.sourceCount(), l.firstSeen(), l.lastSeen(),
                null, l.status()), (a, b) -> b, TreeMap::new));
    }
}
