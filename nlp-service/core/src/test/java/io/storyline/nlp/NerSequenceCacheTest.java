package io.storyline.nlp;

import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.nlp.entity.EnglishEntityExtractor.SequenceCounts;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cache of the model's labellings saves work on text seen before and changes no result: with it and without it,
 * every article gets the same entities, whatever was analysed first.
 */
class NerSequenceCacheTest {
    private static final List<String> SEEDS = List.of("000", "001", "002", "003", "004");

    @Test
    void aWireCopyReusesItsOriginalsLabellingsAndGetsTheSameEntitiesAsWithoutTheCache() {
        ArticleAnalyzer cached = ArticleAnalyzer.create(NlpSettings.defaults());
        ArticleAnalyzer uncached = ArticleAnalyzer.create(NlpSettings.defaults().withCacheSize(0));
        Article original = SeedArticles.load("001");
        Article copy = wireCopy(original);

        assertThat(entities(cached.analyze(original))).isEqualTo(entities(uncached.analyze(original)));
        SequenceCounts before = cached.nerSequences();
        EnrichedArticle copyCached = cached.analyze(copy);
        SequenceCounts after = cached.nerSequences();
        long uncachedBefore = uncached.nerSequences().labelled();
        EnrichedArticle copyUncached = uncached.analyze(copy);
        long labelledWithoutCache = uncached.nerSequences().labelled() - uncachedBefore;

        assertThat(entities(copyCached)).isEqualTo(entities(copyUncached));
        assertThat(after.cached() - before.cached()).as("sentences and windows answered from the cache").isPositive();
        assertThat(after.labelled() - before.labelled()).as("labelled by the model with the cache")
                .isLessThan(labelledWithoutCache / 2);
    }

    @Test
    void resultsDoNotDependOnWhatTheCacheHeldBefore() {
        ArticleAnalyzer forwards = ArticleAnalyzer.create(NlpSettings.defaults());
        ArticleAnalyzer backwards = ArticleAnalyzer.create(NlpSettings.defaults());
        List<Article> seeds = new ArrayList<>(SEEDS.stream().map(SeedArticles::load).toList());
        seeds.add(wireCopy(seeds.get(1)));
        List<List<String>> inOrder = seeds.stream().map(a -> entities(forwards.analyze(a))).toList();
        List<Article> backwardsOrder = new ArrayList<>(seeds);
        Collections.reverse(backwardsOrder);
        List<List<String>> reversed = new ArrayList<>(backwardsOrder.stream().map(a -> entities(backwards.analyze(a))).toList());
        Collections.reverse(reversed);
        assertThat(inOrder).isEqualTo(reversed);
        // the copy met its original's labellings in the cache, after it in one order and before it in the other
        assertThat(forwards.nerSequences().cached()).isPositive();
        assertThat(backwards.nerSequences().cached()).isPositive();
    }

    /** Another outlet's copy: own headline, the wire text, one added paragraph (so a new content hash). */
    private static Article wireCopy(Article original) {
        return SeedArticles.article("copy-of-" + original.id(), "Biden and Putin talk by phone as tensions rise",
                original.text() + "\n\nThe Kremlin did not say whether Putin accepted the invitation.", "en",
                Instant.parse("2021-04-14T09:00:00Z"));
    }

    private static List<String> entities(EnrichedArticle article) {
        return article.entities().stream()
                .map(e -> e.canonical() + "|" + e.type() + "|" + e.mentions() + "|" + e.firstBegin() + "|" + e.surfaceForms())
                .toList();
    }
}
