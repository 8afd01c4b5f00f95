package io.storyline.evaluation;

import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.nlp.ArticleAnalyzer;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The project's seed articles through the real analysis and clustering, default settings: four reports of the
 * Biden-Putin call of 13 April 2021 are one story, the report of their 26 January call another.
 */
class SeedStoriesTest {

    @Test
    void theSeedsFormExactlyTwoStories() {
        Path seeds = Path.of(System.getProperty("storyline.seeds", "../../../seeds"));
        assumeTrue(Files.isDirectory(seeds), "seed articles not found at " + seeds.toAbsolutePath());
        List<LabelledArticle> corpus = LabelledArticle.readTextDirectory(seeds);
        assertThat(corpus).hasSize(5);

        var stream = StreamReplay.articles(corpus, StreamReplay.Order.FILE);
        var analysed = StreamReplay.analyse(ArticleAnalyzer.create(StreamReplay.nlpSettings()), stream);
        assertThat(analysed.rejected()).isEmpty();
        var outcome = StreamReplay.cluster(analysed.articles(), NearDuplicateSettings.defaults(), StorySettings.defaults());

        Set<Set<String>> stories = new TreeMap<>(outcome.storyOf()).entrySet().stream()
                .collect(Collectors.groupingBy(e -> e.getValue(), Collectors.mapping(e -> e.getKey().substring(0, 3),
                        Collectors.toCollection(TreeSet::new))))
                .values().stream().collect(Collectors.toSet());
        assertThat(stories).containsExactlyInAnyOrder(Set.of("000", "001", "003", "004"), Set.of("002"));
    }
}
