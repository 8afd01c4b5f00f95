package io.storyline.events;

import java.time.Instant;

/**
 * The outcome for one article: the value on {@code news.articles.clustered}, key = article id.
 *
 * @param articleId   article id
 * @param revision    article revision
 * @param storyId     event (story) the article belongs to
 * @param duplicateOf id of the original this article is a near-duplicate of, or null
 * @param similarity  estimated Jaccard similarity with {@code duplicateOf}, or null
 * @param url         canonical URL
 * @param source      outlet
 * @param title       headline
 * @param language    detected language
 * @param published   event time
 * @param received    ingest's acceptance time (start of the end-to-end latency)
 * @param clusteredAt when dedupe-service decided
 * @param reason      why the article is in the event
 * @param storylineId storyline of that event
 */
public record ClusteredArticle(
        String articleId,
        int revision,
        String storyId,
        String duplicateOf,
        Double similarity,
        String url,
        String source,
        String title,
        String language,
        Instant published,
        Instant received,
        Instant clusteredAt,
        MembershipReason reason,
        String storylineId) {
}
