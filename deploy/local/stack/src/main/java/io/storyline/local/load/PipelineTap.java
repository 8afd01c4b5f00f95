package io.storyline.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.evaluation.ClusteringScores;
import io.storyline.events.EventJson;
import io.storyline.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * Reads what the pipeline publishes (news.articles.clustered and news.stories, read_committed) and
 * keeps, per article, when ingest accepted it (ClusteredArticle.received), the timestamp of its
 * clustered record, and the timestamp of the first story snapshot that lists it.
 */
final class PipelineTap implements AutoCloseable {

    /** Timestamps of one article, epoch millis; 0 while unknown. */
    static final class Timeline {
        long received;
        long clustered;
        long clusteredSeen;
        long storied;
        String reason;
        String duplicateOf;
        String storyId;
        String storylineId;
        String title;
        JsonNode reasonJson;
    }

    /**
     * How the pipeline's near-duplicate verdicts compare with the newsroom's ground truth. A wire story and its
     * copies form a group; the pipeline should mark every member but the one it received first as a duplicate of
     * another member. When a copy overtakes its original on the way in (parallel HTTP senders), the original is
     * rightly marked a duplicate of the copy: that counts as found, and is counted apart.
     *
     * @param copies            members to be marked: the copies (one per copy, as each group has one original)
     * @param found             articles marked a duplicate of a member of their own group
     * @param originalsAfterCopy of those, originals the pipeline received after one of their copies
     * @param falseDuplicates   articles marked a duplicate of an article outside their group
     */
    record CopyVerdicts(int copies, int found, int originalsAfterCopy, int falseDuplicates,
                        List<String> missedCopies, List<String> falseAlarms) {

        int missed() {
            return Math.max(0, copies - found);
        }

        /**
         * @param urlById         article id -> url, for every article the pipeline clustered
         * @param duplicateOfById article id -> id of the article it was marked a duplicate of (absent: not marked)
         * @param copyOf          url of each copy -> url of its wire original
         */
        static CopyVerdicts of(Map<String, String> urlById, Map<String, String> duplicateOfById, Map<String, String> copyOf) {
            int copies = 0;
            int found = 0;
            int originalsAfterCopy = 0;
            int falseDuplicates = 0;
            Map<String, Integer> unmarkedByGroup = new HashMap<>();
            List<String> falseAlarms = new ArrayList<>();
            for (var e : urlById.entrySet()) {
                String url = e.getValue();
                String group = copyOf.getOrDefault(url, url);
                boolean copy = copyOf.containsKey(url);
                copies += copy ? 1 : 0;
                String duplicateOf = duplicateOfById.get(e.getKey());
                if (duplicateOf == null) {
                    unmarkedByGroup.merge(group, 1, Integer::sum);
                    continue;
                }
                String originalUrl = urlById.get(duplicateOf);
                // an original the run never saw (sent before it started) can only be judged by the copy's label
                boolean sameGroup = originalUrl == null ? copy : copyOf.getOrDefault(originalUrl, originalUrl).equals(group);
                if (sameGroup) {
                    found++;
                    originalsAfterCopy += copy ? 0 : 1;
                } else {
                    falseDuplicates++;
                    if (falseAlarms.size() < 5) {
                        falseAlarms.add(url + " marked a duplicate of " + (originalUrl == null ? duplicateOf : originalUrl));
                    }
                }
            }
            List<String> missed = new ArrayList<>();
            for (var e : urlById.entrySet()) {
                String url = e.getValue();
                if (missed.size() < 5 && copyOf.containsKey(url) && !duplicateOfById.containsKey(e.getKey())
                        && unmarkedByGroup.getOrDefault(copyOf.get(url), 0) > 1) {
                    missed.add(url + " (copy of " + copyOf.get(url) + ")");
                }
            }
            return new CopyVerdicts(copies, found, originalsAfterCopy, falseDuplicates, missed, falseAlarms);
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<String, Timeline> articles = new HashMap<>();
    private final Map<String, String> urls = new HashMap<>();
    private final AtomicInteger clustered = new AtomicInteger();
    private final AtomicInteger storied = new AtomicInteger();
    private final AtomicInteger unreadable = new AtomicInteger();
    private final AtomicLong lastRecordMillis = new AtomicLong();
    private final AtomicLong largestSnapshotBytes = new AtomicLong();
    private volatile String largestStory = "";
    private final Thread thread;
    private volatile boolean running = true;

    PipelineTap(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "storyline-bench-tap");
        consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : List.of(Topic.ARTICLES_CLUSTERED, Topic.STORIES)) {
            for (int p = 0; p < topic.partitions(); p++) {
                partitions.add(new TopicPartition(topic.topicName(), p));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        thread = ArticleFeeder.daemon("pipeline-tap", this::poll);
    }

    void start() {
        thread.start();
    }

    /** Distinct articles seen on news.articles.clustered. */
    int clustered() {
        return clustered.get();
    }

    /** Distinct articles seen in a story snapshot. */
    int storied() {
        return storied.get();
    }

    /** Size of the largest news.stories record seen (a snapshot carries every member, so big stories make big records). */
    long largestSnapshotBytes() {
        return largestSnapshotBytes.get();
    }

    String largestStory() {
        return largestStory;
    }

    int unreadable() {
        return unreadable.get();
    }

    long lastRecordMillis() {
        return lastRecordMillis.get();
    }

    private void poll() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                long seen = System.currentTimeMillis();
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        if (record.value() == null) {
                            continue;
                        }
                        lastRecordMillis.set(seen);
                        try {
                            if (record.topic().equals(Topic.ARTICLES_CLUSTERED.topicName())) {
                                onClustered(record, seen);
                            } else {
                                onStory(record);
                            }
                        } catch (IOException | RuntimeException e) {
                            unreadable.incrementAndGet();
                        }
                    }
                }
            }
        } catch (WakeupException stopping) {
            // close() woke the consumer
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void onClustered(ConsumerRecord<byte[], byte[]> record, long seen) throws IOException {
        JsonNode article = EventJson.mapper().readTree(record.value());
        String id = article.path("articleId").asText();
        Timeline t = articles.computeIfAbsent(id, k -> new Timeline());
        if (t.clustered != 0) {
            return; // a revision or a redelivery: the first record is the one that counts
        }
        t.received = Instant.parse(article.path("received").asText()).toEpochMilli();
        t.clustered = record.timestamp();
        t.clusteredSeen = seen;
        t.reason = article.path("reason").path("kind").asText(null);
        t.duplicateOf = article.path("duplicateOf").isTextual() ? article.path("duplicateOf").asText() : null;
        t.storyId = article.path("storyId").asText(null);
        t.storylineId = article.path("storylineId").asText(null);
        t.title = article.path("title").asText(null);
        t.reasonJson = article.path("reason");
        urls.put(id, article.path("url").asText());
        clustered.incrementAndGet();
        if (t.storied != 0) {
            storied.incrementAndGet();
        }
    }

    private void onStory(ConsumerRecord<byte[], byte[]> record) throws IOException {
        JsonNode story = EventJson.mapper().readTree(record.value());
        if (record.value().length > largestSnapshotBytes.get()) {
            largestSnapshotBytes.set(record.value().length);
            largestStory = story.path("members").size() + " members, \"" + story.path("headline").asText() + "\"";
        }
        for (JsonNode member : story.path("members")) {
            String id = member.path("articleId").asText();
            Timeline t = articles.computeIfAbsent(id, k -> new Timeline());
            if (t.storied == 0) {
                t.storied = record.timestamp();
                if (t.clustered != 0) {
                    storied.incrementAndGet();
                }
            }
        }
    }

    /** A copy of every article's timeline, for the report. */
    synchronized Map<String, Timeline> timelines() {
        return new HashMap<>(articles);
    }

    /** The pipeline's near-duplicate verdicts against the newsroom's copies (url -> url of the wire original). */
    synchronized CopyVerdicts copyVerdicts(Map<String, String> copyOf) {
        Map<String, String> duplicateOf = new HashMap<>();
        articles.forEach((id, t) -> {
            if (t.duplicateOf != null) {
                duplicateOf.put(id, t.duplicateOf);
            }
        });
        return CopyVerdicts.of(urls, duplicateOf, copyOf);
    }

    /**
     * The stories against the newsroom's events (url -> event key) as BCubed and pairwise scores, over the articles
     * ingest accepted from {@code sinceMillis} on: how often the pipeline split an event or merged two.
     */
    synchronized ClusteringScores storyScores(Map<String, String> eventByUrl, long sinceMillis) {
        return scores(eventByUrl, t -> t.storyId, sinceMillis);
    }

    /**
     * The storylines (ClusteredArticle.storylineId) against the newsroom's developing stories (url -> storyline key),
     * over the articles ingest accepted from {@code sinceMillis} on; null when no article carries a storyline.
     */
    synchronized ClusteringScores storylineScores(Map<String, String> storylineByUrl, long sinceMillis) {
        return scores(storylineByUrl, t -> t.storylineId, sinceMillis);
    }

    private ClusteringScores scores(Map<String, String> truthByUrl, Function<Timeline, String> predictedOf, long sinceMillis) {
        Map<String, String> predicted = new HashMap<>();
        Map<String, String> truth = new HashMap<>();
        articles.forEach((id, t) -> {
            String label = truthByUrl.get(urls.get(id));
            String cluster = predictedOf.apply(t);
            if (cluster != null && label != null && t.received >= sinceMillis) {
                predicted.put(id, cluster);
                truth.put(id, label);
            }
        });
        return truth.isEmpty() ? null : ClusteringScores.of(predicted, truth);
    }

    /**
     * Every clustered article's verdicts next to the newsroom's truth, one JSON object a line (gzip), in order of
     * acceptance: what to read when the scores are low (which true events were merged or split, and why).
     */
    synchronized void writeVerdicts(Path file, Map<String, String> eventByUrl, Map<String, String> storylineByUrl,
                                    long sinceMillis) throws IOException {
        List<Map.Entry<String, Timeline>> rows = new ArrayList<>(articles.entrySet());
        rows.removeIf(e -> e.getValue().clustered == 0);
        rows.sort(Comparator.comparingLong((Map.Entry<String, Timeline> e) -> e.getValue().received).thenComparing(Map.Entry::getKey));
        var json = EventJson.mapper();
        try (Writer out = new OutputStreamWriter(new GZIPOutputStream(Files.newOutputStream(file)), StandardCharsets.UTF_8)) {
            for (var e : rows) {
                Timeline t = e.getValue();
                String url = urls.get(e.getKey());
                ObjectNode row = json.createObjectNode();
                row.put("article_id", e.getKey());
                row.put("url", url);
                row.put("measured", t.received >= sinceMillis);
                row.put("received", t.received);
                row.put("title", t.title);
                row.put("event", eventByUrl.get(url));
                row.put("storyline", storylineByUrl.get(url));
                row.put("story_id", t.storyId);
                row.put("storyline_id", t.storylineId);
                row.put("duplicate_of", t.duplicateOf);
                row.set("reason", t.reasonJson);
                out.write(row.toString());
                out.write('\n');
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (!thread.isAlive()) {
            consumer.close(Duration.ofSeconds(5));
            return;
        }
        consumer.wakeup();
        thread.join(10_000);
    }
}
