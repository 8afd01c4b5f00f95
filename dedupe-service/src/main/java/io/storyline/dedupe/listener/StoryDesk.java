package io.storyline.dedupe.listener;

import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.RedeliveryLedger;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;

import java.time.Instant;
import java.util.Optional;

/**
 * The decisions of one input partition: its redelivery ledger and its clustering state. Live processing
 * goes through {@link #decide}; a restore through {@link #replay}, which changes the state exactly as
 * {@code decide} does and only skips building the outputs, so a replay rebuilds the same state.
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

    /** Rebuilds state from a record decided before; builds no outputs (a restore discards them). */
    void replay(EnrichedArticle enriched) {
        Article article = enriched.article();
        if (ledger.firstDelivery(article.id(), article.revision(), article.received())) {
            clustering.replay(enriched);
        }
    }

    int openStories() {
        return clustering.openStories();
    }

    int nearDuplicateIndexSize() {
        return clustering.nearDuplicateIndexSize();
    }

    long nearDuplicateIndexBytes() {
        return clustering.nearDuplicateIndexBytes();
    }
}
