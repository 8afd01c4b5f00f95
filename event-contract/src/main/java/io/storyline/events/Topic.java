package io.storyline.events;

import java.util.Map;

/**
 * Every topic Storyline reads or writes, with the partitions and configuration it is created with
 * locally. docs/topics.md describes keys, payloads and headers; Kubernetes declares the same topics as
 * KafkaTopic resources.
 */
public enum Topic {
    /** Raw scraper output, same JSON as {@code POST /articles}; key optional. */
    SCRAPED("news.scraped", 3, Map.of()),
    /**
     * {@link Article}, key = article id. One partition by default: nlp then publishes in the order ingest
     * accepted, which makes story membership reproducible run to run (nlp parallelises inside a batch, not
     * across partitions). More partitions scale nlp out, at the price of stories that depend on how
     * partitions interleave; see docs/topics.md.
     */
    ARTICLES_RAW("news.articles.raw", 1, Map.of()),
    /**
     * {@link EnrichedArticle}, key = detected language, so every article that could duplicate another
     * reaches the same dedupe instance. Kept for the 7-day dedupe window plus a day: dedupe rebuilds its
     * state by replaying it.
     */
    ARTICLES_ENRICHED("news.articles.enriched", 3, Map.of("retention.ms", "691200000")),
    /** {@link ClusteredArticle}, key = article id. */
    ARTICLES_CLUSTERED("news.articles.clustered", 3, Map.of()),
    /** {@link Story} (event) snapshots, key = story id; compacted so the latest snapshot of every story is kept. */
    STORIES("news.stories", 3, Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1",
            "segment.ms", "3600000")),
    /**
     * {@link Storyline} snapshots, key = storyline id; compacted like {@link #STORIES}. A storyline links the events
     * (on {@code news.stories}) of one developing story.
     */
    STORYLINES("news.storylines", 3, Map.of("cleanup.policy", "compact", "min.cleanable.dirty.ratio", "0.1",
            "segment.ms", "3600000")),
    /** Records no stage could process; the value is the original bytes, the reason is in headers. */
    DEADLETTER("news.deadletter", 1, Map.of("retention.ms", "1209600000"));

    private final String topicName;
    private final int partitions;
    private final Map<String, String> config;

    Topic(String topicName, int partitions, Map<String, String> config) {
        this.topicName = topicName;
        this.partitions = partitions;
        this.config = config;
    }

    public String topicName() {
        return topicName;
    }

    public int partitions() {
        return partitions;
    }

    public Map<String, String> config() {
        return config;
    }
}
