package io.storyline.local;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.Topic;
import io.storyline.local.load.PrometheusText;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole pipeline on a real broker: the five seed articles go in over ingest's HTTP API and come
 * out on news.articles.clustered exactly once each, in stories published on news.stories, each a chapter of a
 * storyline published on news.storylines; every service
 * reports ready and counts the work in its Prometheus metrics, and each article's trace runs through all three.
 */
class PipelineEndToEndIT {

    private static final Path REPO = Path.of(System.getProperty("storyline.repo", "../../..")).toAbsolutePath().normalize();
    private static LocalStack stack;

    @BeforeAll
    static void startStack() throws Exception {
        Path data = Files.createTempDirectory("storyline-e2e-");
        stack = LocalStack.start(new StackOptions(REPO, data, 0, 0, 0, 0), step -> System.out.println("e2e: " + step));
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void seedArticlesComeOutExactlyOnceInStories() throws Exception {
        Map<String, PrometheusText> before = scrapeMetrics();
        List<FileIngest.Receipt> receipts;
        List<Story> stories;
        List<Storyline> storylines;
        try (StoryWatch watch = new StoryWatch(stack.bootstrapServers(), story -> { })) {
            receipts = FileIngest.ingestDirectory(stack.http(), stack.ingestUrl(), REPO.resolve("seeds"));
            assertThat(receipts).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo("accepted"));
            stories = watch.awaitSettled(receipts.stream().map(FileIngest.Receipt::articleId).toList(), Duration.ofMinutes(4));
            // every event is a chapter of a storyline, published on news.storylines as the event is now
            assertThat(stories).allSatisfy(story -> assertThat(story.storylineId()).as(story.id()).isNotBlank());
            storylines = watch.awaitStorylines(stories, Duration.ofSeconds(30));
        }
        Set<String> ids = receipts.stream().map(FileIngest.Receipt::articleId).collect(Collectors.toSet());
        assertThat(ids).hasSize(5);

        // Exactly once: read the whole committed topic, not just what the watcher happened to see.
        Map<String, Integer> counts = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topic.ARTICLES_CLUSTERED)) {
            ClusteredArticle article = EventJson.mapper().readValue(record.value(), ClusteredArticle.class);
            counts.merge(article.articleId(), 1, Integer::sum);
        }
        assertThat(counts).containsOnlyKeys(ids);
        assertThat(counts.values()).containsOnly(1);

        // Stories together cover all five, and list their members by file name.
        Set<String> members = stories.stream().flatMap(s -> s.members().stream()).map(Story.StoryMember::url).collect(Collectors.toSet());
        assertThat(members).containsExactlyInAnyOrderElementsOf(
                receipts.stream().map(r -> "file:" + r.name()).toList());
        assertThat(stories).allSatisfy(story -> {
            assertThat(story.headline()).isNotBlank();
            assertThat(story.articleCount()).isEqualTo(story.members().size());
        });

        // One story per event: the four write-ups of the 13 April call, and the 26 January call alone.
        Set<Set<String>> groups = stories.stream()
                .map(s -> s.members().stream().map(m -> m.url().replaceAll(".*/(\\d{3})_.*", "$1")).collect(Collectors.toSet()))
                .collect(Collectors.toSet());
        assertThat(groups).containsExactlyInAnyOrder(Set.of("000", "001", "003", "004"), Set.of("002"));
        Story april = stories.stream().filter(s -> s.articleCount() == 4).findFirst().orElseThrow();
        // principal actors come first, before places
        assertThat(april.entities()).extracting(Story.StoryEntity::name).contains("Vladimir Putin", "Joseph Biden");
        assertThat(storylines).extracting(Storyline::id)
                .containsExactlyInAnyOrderElementsOf(stories.stream().map(Story::storylineId).distinct().toList());

        assertDomainMetricsMoved(before, scrapeMetrics());
        assertTracesRunThroughEveryStage(ids);
    }

    private static Map<String, PrometheusText> scrapeMetrics() throws Exception {
        Map<String, PrometheusText> metrics = new HashMap<>();
        for (String service : List.of(LocalStack.INGEST, LocalStack.NLP, LocalStack.DEDUPE)) {
            assertThat(get(service, "/q/health").statusCode()).as(service + " /q/health").isEqualTo(200);
            HttpResponse<String> scrape = get(service, "/q/metrics");
            assertThat(scrape.statusCode()).as(service + " /q/metrics").isEqualTo(200);
            metrics.put(service, PrometheusText.parse(scrape.body()));
        }
        return metrics;
    }

    private static HttpResponse<String> get(String service, String path) throws Exception {
        return stack.http().send(HttpRequest.newBuilder(URI.create(stack.baseUrl(service) + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Counters absent before the first article count as 0 (the parser says -1 for a missing name). */
    private static double count(Map<String, PrometheusText> metrics, String service, String name, String labels) {
        return Math.max(0, metrics.get(service).sum(name, labels));
    }

    private static void assertDomainMetricsMoved(Map<String, PrometheusText> before, Map<String, PrometheusText> after) {
        record Expectation(String service, String metric, String labels, double atLeast) {
        }
        List<Expectation> expectations = List.of(
                new Expectation(LocalStack.INGEST, "storyline_ingest_articles_total", "outcome=\"accepted\"", 5),
                new Expectation(LocalStack.INGEST, "storyline_records_out_total", "news.articles.raw", 5),
                new Expectation(LocalStack.NLP, "storyline_nlp_articles_total", "language=\"en\"", 5),
                new Expectation(LocalStack.NLP, "storyline_nlp_ner_duration_seconds_count", "", 5),
                // Putin, Biden, Russia, United States at least in every write-up
                new Expectation(LocalStack.NLP, "storyline_nlp_entities_sum", "", 5 * 4),
                new Expectation(LocalStack.NLP, "storyline_records_out_total", "news.articles.enriched", 5),
                new Expectation(LocalStack.DEDUPE, "storyline_dedupe_decisions_total", "", 5),
                new Expectation(LocalStack.DEDUPE, "storyline_records_out_total", "news.articles.clustered", 5),
                new Expectation(LocalStack.DEDUPE, "storyline_records_out_total", "news.stories", 2),
                new Expectation(LocalStack.DEDUPE, "storyline_records_out_total", "news.storylines", 1),
                new Expectation(LocalStack.DEDUPE, "storyline_dedupe_nearduplicate_index_entries", "", 5),
                new Expectation(LocalStack.DEDUPE, "storyline_dedupe_stories_open", "", 2));
        for (Expectation e : expectations) {
            assertThat(count(after, e.service(), e.metric(), e.labels()) - count(before, e.service(), e.metric(), e.labels()))
                    .as(e.service() + " " + e.metric() + "{" + e.labels() + "}")
                    .isGreaterThanOrEqualTo(e.atLeast());
        }
    }

    /** The W3C trace ingest started for an article is the trace of its enriched and clustered records. */
    private static void assertTracesRunThroughEveryStage(Set<String> ids) throws Exception {
        Map<String, String> rawTraces = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topic.ARTICLES_RAW)) {
            rawTraces.put(record.key(), traceId(record));
        }
        assertThat(rawTraces).containsOnlyKeys(ids);
        assertThat(rawTraces.values()).doesNotContainNull().doesNotHaveDuplicates();

        Set<String> enrichedTraces = TopicReader.readAll(stack.bootstrapServers(), Topic.ARTICLES_ENRICHED).stream()
                .map(PipelineEndToEndIT::traceId).collect(Collectors.toSet());
        assertThat(enrichedTraces).containsExactlyInAnyOrderElementsOf(rawTraces.values());

        for (ConsumerRecord<String, byte[]> record : TopicReader.readAll(stack.bootstrapServers(), Topic.ARTICLES_CLUSTERED)) {
            assertThat(traceId(record)).as("trace of clustered " + record.key()).isEqualTo(rawTraces.get(record.key()));
        }
    }

    /** The trace id of the record's traceparent header (version-traceid-spanid-flags), or null. */
    private static String traceId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        if (header == null) {
            return null;
        }
        String[] parts = new String(header.value(), StandardCharsets.US_ASCII).split("-");
        return parts.length == 4 ? parts[1] : null;
    }
}
