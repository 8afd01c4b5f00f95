package io.storyline.local.chaos;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
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
 * appeared on news.articles.clustered, and the latest snapshot of every story.
 */
record PipelineOutput(Map<String, Integer> clusteredCounts, Map<String, String> verdicts, Map<String, Story> stories) {
    // clusteredCounts and verdicts are keyed by canonical URL: the input's own identity, whatever ids ingest
    // derives. A verdict is the story an article joined and the original it copies, if any: a story snapshot
    // lists at most 250 members, so equal snapshots alone do not prove equal memberships.

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
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(bootstrap, Topic.ARTICLES_CLUSTERED)) {
            ClusteredArticle article = EventJson.mapper().readValue(record.value(), ClusteredArticle.class);
            counts.merge(article.url(), 1, Integer::sum);
            verdicts.put(article.url(), "story " + article.storyId() + ", duplicate of " + article.duplicateOf());
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
        return new PipelineOutput(counts, verdicts, stories);
    }

    /** The stories with what legitimately differs between two runs (the time a snapshot was made) left out. */
    Map<String, Story> comparableStories() {
        return stories.values().stream().collect(Collectors.toMap(Story::id, s -> new Story(s.id(), s.version(), s.headline(),
                s.headlineArticle(), s.language(), s.entities(), s.members(), s.articleCount(), s.sourceCount(),
                s.duplicateCount(), s.firstSeen(), s.lastSeen(), null, s.status(), s.storylineId(), s.sources()), (a, b) -> b, TreeMap::new));
    }
}
