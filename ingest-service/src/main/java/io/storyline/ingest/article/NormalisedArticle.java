package io.storyline.ingest.article;

import io.storyline.events.Article;

import java.util.List;

/**
 * A valid article ready for the revision ledger (its revision is still 1), with notes on what normalisation
 * decided for the sender, e.g. that an implausible published time was replaced.
 */
public record NormalisedArticle(Article article, List<String> notes) {
}
