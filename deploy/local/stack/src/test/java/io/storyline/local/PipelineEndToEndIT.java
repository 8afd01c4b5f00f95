package io.storyline.local;

import io.storyline.events.ClusteredArticle;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Topic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

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
 * out on news.articles.clustered exactly once each, in stories published on news.stories.
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
        List<FileIngest.Receipt> receipts;
        List<Story> stories;
        try (StoryWatch watch = new StoryWatch(stack.bootstrapServers(), story -> { })) {
            receipts = FileIngest.ingestDirectory(stack.http(), stack.ingestUrl(), REPO.resolve("seeds"));
            assertThat(receipts).hasSize(5).allSatisfy(r -> assertThat(r.status()).isEqualTo("accepted"));
            stories = watch.awaitSettled(receipts.stream().map(FileIngest.Receipt::articleId).toList(), Duration.ofMinutes(4));
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
        assertThat(april.entities()).extracting(Story.StoryEntity::name).contains("Vladimir Putin", "Russia", "United States");
    }
}
