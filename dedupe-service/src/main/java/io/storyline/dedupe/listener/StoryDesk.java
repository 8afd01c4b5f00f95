package io.storyline.dedupe.listener;

import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.RedeliveryLedger;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;

import java.time.Instant;
import java.util.Optional;

/**
 * The decisions of one input partition: its redelivery ledger and its clustering state. Live processing
 * and replay both go through {@link #decide}, which is what makes a replay rebuild the same state.
 */
final class StoryDesk {

    private final RedeliveryLedger ledger;
    private final ArticleClustering clustering;

    StoryDesk(RedeliveryLedger ledger, ArticleClustering clustering) {
        this.ledger = ledger;
        this.clustering = clustering;
    }

    /** Empty when the article's revision was decided before: nothing changes and nothing is published. */
    Optional<ArticleClustering.Decision> decide(EnrichedArticle enriched, Instant now) {
        Article article = enriched.article();
        if (!ledger.firstDelivery(article.id(), article.revision(), article.received())) {
            return Optional.empty();
        }
        return Optional.of(clustering.process(enriched, now));
    }

    int openStories() {
        return clustering.openStories();
    }
}
