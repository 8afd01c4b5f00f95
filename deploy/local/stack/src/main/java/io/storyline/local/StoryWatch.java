package io.storyline.local;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Reads {@code news.articles.clustered}, {@code news.stories} and {@code news.storylines} from the beginning
 * (committed records only), as a dashboard would, and keeps the latest snapshot of every story (event) and storyline.
 */
public final class StoryWatch implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Thread poller;
    private final Map<String, Integer> clusteredCounts = new HashMap<>();
    private final Map<String, ClusteredArticle> clustered = new HashMap<>();
    private final Map<String, Story> stories = new LinkedHashMap<>();
    private final Map<String, Storyline> storylines = new LinkedHashMap<>();
    private final Consumer<Story> onStory;
    private volatile RuntimeException failure;
    private volatile boolean running = true;

    public StoryWatch(String bootstrapServers, Consumer<Story> onStory) {
        this.onStory = onStory;
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer = new KafkaConsumer<>(props);
        List<TopicPartition> partitions = new ArrayList<>();
        for (Topic topic : List.of(Topic.ARTICLES_CLUSTERED, Topic.STORIES, Topic.STORYLINES)) {
            consumer.partitionsFor(topic.topicName()).forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        poller = new Thread(this::pollLoop, "story-watch");
        poller.setDaemon(true);
        poller.start();
    }

    private void pollLoop() {
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    accept(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        try {
            if (record.topic().equals(Topic.ARTICLES_CLUSTERED.topicName())) {
                ClusteredArticle article = EventJson.mapper().readValue(record.value(), ClusteredArticle.class);
                synchronized (this) {
                    clusteredCounts.merge(article.articleId(), 1, Integer::sum);
                    clustered.put(article.articleId(), article);
                    notifyAll();
                }
            } else if (record.topic().equals(Topic.STORYLINES.topicName())) {
                Storyline storyline = record.value() == null ? null : EventJson.mapper().readValue(record.value(), Storyline.class);
                synchronized (this) {
                    if (storyline == null) {
                        storylines.remove(record.key());
                    } else {
                        Storyline previous = storylines.get(storyline.id());
                        if (previous != null && previous.version() >= storyline.version()) {
                            return;
                        }
                        storylines.put(storyline.id(), storyline);
                    }
                    notifyAll();
                }
            } else {
                Story story = record.value() == null ? null : EventJson.mapper().readValue(record.value(), Story.class);
                synchronized (this) {
                    if (story == null) {
                        stories.remove(record.key());
                    } else {
                        Story previous = stories.get(story.id());
                        if (previous != null && previous.version() >= story.version()) {
                            return;
                        }
                        stories.put(story.id(), story);
                    }
                    notifyAll();
                }
                if (story != null) {
                    onStory.accept(story);
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("unreadable record on " + record.topic() + " at offset " + record.offset(), e);
        }
    }

    /** How many times each article id appeared on news.articles.clustered. */
    public synchronized Map<String, Integer> clusteredCounts() {
        return Map.copyOf(clusteredCounts);
    }

    public synchronized Map<String, ClusteredArticle> clustered() {
        return Map.copyOf(clustered);
    }

    /** Latest snapshot of every story seen. */
    public synchronized List<Story> stories() {
        return List.copyOf(stories.values());
    }

    /** Latest snapshot of every storyline seen. */
    public synchronized List<Storyline> storylines() {
        return List.copyOf(storylines.values());
    }

    /**
     * Waits until the storyline of each of these events lists it as it is (its latest snapshot's article count);
     * returns those storylines, in order of first appearance. The storyline snapshot comes in the same transaction as
     * the event's, but on another topic, so it may be read a moment later.
     */
    public List<Storyline> awaitStorylines(Collection<Story> events, Duration timeout) throws InterruptedException {
        List<Story> linked = events.stream().filter(e -> e.storylineId() != null).toList();
        await(() -> linked.stream().allMatch(this::listed), timeout,
                () -> "storylines not yet listing their events: " + linked.stream().filter(e -> !listed(e)).map(Story::storylineId).distinct().toList());
        Set<String> ids = linked.stream().map(Story::storylineId).collect(java.util.stream.Collectors.toSet());
        synchronized (this) {
            return storylines.values().stream().filter(l -> ids.contains(l.id())).toList();
        }
    }

    private synchronized boolean listed(Story event) {
        Storyline line = storylines.get(event.storylineId());
        return line != null && line.events().stream()
                .anyMatch(e -> e.storyId().equals(event.id()) && e.articleCount() == event.articleCount());
    }

    /**
     * Waits until every article has come out on news.articles.clustered and the latest story
     * snapshots place each of them in the story its clustered record names; returns those stories.
     */
    public List<Story> awaitSettled(Collection<String> articleIds, Duration timeout) throws InterruptedException {
        Set<String> wanted = Set.copyOf(articleIds);
        await(() -> settled(wanted), timeout, () -> "articles not yet through the pipeline: " + missing(wanted));
        synchronized (this) {
            return stories.values().stream()
                    .filter(s -> s.members().stream().anyMatch(m -> wanted.contains(m.articleId())))
                    .toList();
        }
    }

    private synchronized boolean settled(Set<String> wanted) {
        for (String id : wanted) {
            ClusteredArticle article = clustered.get(id);
            if (article == null) {
                return false;
            }
            Story story = stories.get(article.storyId());
            if (story == null || story.members().stream().noneMatch(m -> m.articleId().equals(id))) {
                return false;
            }
        }
        return true;
    }

    private synchronized List<String> missing(Set<String> wanted) {
        return wanted.stream().filter(id -> !clustered.containsKey(id)).sorted().toList();
    }

    private void await(BooleanSupplier condition, Duration timeout, Supplier<String> whatIsMissing)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                if (failure != null) {
                    throw failure;
                }
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: " + whatIsMissing.get());
                }
                wait(Math.min(left, 500));
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        poller.join(10_000);
    }
}
