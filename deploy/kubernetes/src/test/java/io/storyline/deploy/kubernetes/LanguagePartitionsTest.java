package io.storyline.deploy.kubernetes;

import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.storyline.events.Topic;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dedupe-service's scaling limit in numbers: the README's table of which language key (the languages of
 * nlp-service's nlp.languages) lands on which partition of news.articles.enriched, recomputed with the
 * Kafka producer's own partitioner for the partition counts the overlays render.
 */
class LanguagePartitionsTest {

    @Test
    void theReadmesLanguageTableIsWhatTheProducerDoes() throws IOException {
        String readme = Files.readString(Kustomize.moduleDir().resolve("README.md"));
        int begin = readme.indexOf("<!-- language-partitions:begin -->");
        int end = readme.indexOf("<!-- language-partitions:end -->");
        assertThat(begin).as("README has the language table markers").isNotNegative();
        List<String> rows = readme.substring(begin, end).lines().filter(l -> l.startsWith("| ") && !l.startsWith("| language")).toList();
        assertThat(rows).isNotEmpty();

        int dev = enrichedPartitions("dev");
        int prod = enrichedPartitions("prod");
        assertThat(readme.substring(begin, end)).contains("partition of " + dev + " (dev)", "partition of " + prod + " (prod)");

        List<String> detected = Arrays.stream(ServiceConfiguration.load("nlp-service").properties().get("nlp.languages").split(","))
                .map(String::trim).toList();
        assertThat(rows).as("one row per language of nlp.languages, in its order")
                .extracting(row -> row.split("\\|")[1].trim()).containsExactlyElementsOf(detected);

        List<String> expected = new ArrayList<>();
        Set<Integer> devUsed = new TreeSet<>();
        Set<Integer> prodUsed = new TreeSet<>();
        for (String row : rows) {
            String language = row.split("\\|")[1].trim();
            byte[] key = language.getBytes(StandardCharsets.UTF_8);
            int d = BuiltInPartitioner.partitionForKey(key, dev);
            int p = BuiltInPartitioner.partitionForKey(key, prod);
            devUsed.add(d);
            prodUsed.add(p);
            expected.add("| " + language + " | " + d + " | " + p + " |");
        }
        System.out.printf("%d languages use %d of %d partitions in dev, %d of %d in prod%n", rows.size(), devUsed.size(), dev,
                prodUsed.size(), prod);
        assertThat(rows).containsExactlyElementsOf(expected);
    }

    private static int enrichedPartitions(String overlay) {
        return RenderedOverlay.of(overlay).all(KafkaTopic.class).stream()
                .filter(t -> Topic.ARTICLES_ENRICHED.topicName().equals(t.getSpec().getTopicName()))
                .findFirst().orElseThrow().getSpec().getPartitions();
    }
}
