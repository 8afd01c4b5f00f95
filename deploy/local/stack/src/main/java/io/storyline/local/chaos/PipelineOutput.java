package io.storyline.local.chaos;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Topic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * What the pipeline published, read back completely from the committed topics: how often each article
 * appeared on news.articles.clustered, and the latest snapshot of every story.
 */
record PipelineOutput(Map<String, Integer> clusteredCounts, Map<String, Story> stories) {
    // clusteredCounts is keyed by canonical URL: the input's own identity, whatever ids ingest derives.

    private static final List<String> STAGE_GROUPS = List.of("nlp-service", "dedupe-service");

    /**
     * Waits until nlp and dedupe have committed everything their input holds and every URL has come out,
     * then reads the outputs. Returns early, with articles missing, when the pipeline stays drained
     * without them (they were lost).
     */
    static PipelineOutput awaitDrained(String bootstrap, Set<String> urls, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        int drainedChecks = 0;
        while (true) {
            if (lagOf(bootstrap) == 0) {
                drainedChecks++;
                PipelineOutput output = read(bootstrap);
                if (output.clusteredCounts().keySet().containsAll(urls) || drainedChecks >= 10) {
                    return output;
                }
            } else {
                drainedChecks = 0;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IOException("pipeline did not drain within " + timeout.toSeconds() + " s (lag " + lagOf(bootstrap) + ")");
            }
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
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, Topic.ARTICLES_CLUSTERED)) {
            ClusteredArticle article = EventJson.mapper().readValue(record.value(), ClusteredArticle.class);
            counts.merge(article.url(), 1, Integer::sum);
        }
        Map<String, Story> stories = new TreeMap<>();
        for (ConsumerRecord<String, byte[]> record : readAll(bootstrap, Topic.STORIES)) {
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
        return new PipelineOutput(counts, stories);
    }

    /** The stories with what legitimately differs between two runs (the time a snapshot was made) left out. */
    Map<String, Story> comparableStories() {
        return stories.values().stream().collect(Collectors.toMap(Story::id, s -> new Story(s.id(), s.version(), s.headline(),
                s.headlineArticle(), s.language(), s.entities(), s.members(), s.articleCount(), s.sourceCount(),
                s.duplicateCount(), s.firstSeen(), s.lastSeen(), null, s.status()), (a, b) -> b, TreeMap::new));
    }

    private static List<ConsumerRecord<String, byte[]>> readAll(String bootstrap, Topic topic) throws IOException {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<String, byte[]>> records = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.topicName()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(120);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IOException("could not read " + topic.topicName() + " to its end");
                }
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
