package io.storyline.events;

import java.time.Instant;

/**
 * A validated, normalised article: the value on {@code news.articles.raw}, key = {@link #id()}.
 *
 * @param id              stable id: derived from the canonical URL, or from the content hash when there is none
 * @param revision        1 for the first version; incremented each time the same id arrives with a changed body
 * @param url             canonical URL (lower-case host, no fragment, no tracking parameters); {@code file:NAME} for files
 * @param title           headline, plain text
 * @param text            body as clean plain text; paragraphs separated by a blank line
 * @param source          outlet, e.g. "reuters.com" or the name the scraper gave
 * @param language        language the sender declared (ISO 639-1), or null; nlp checks it
 * @param author          optional
 * @param section         optional
 * @param feedId          optional id of the feed the article came from
 * @param published       event time used downstream: the feed's time when plausible, else {@link #received()}
 * @param publishedSource where {@link #published()} came from
 * @param received        when ingest accepted the article
 * @param contentHash     SHA-256 (hex) of title and text, for idempotency and revision detection
 * @param channel         how the article arrived
 */
public record Article(
        String id,
        int revision,
        String url,
        String title,
        String text,
        String source,
        String language,
        String author,
        String section,
        String feedId,
        Instant published,
        TimeSource publishedSource,
        Instant received,
        String contentHash,
        IngestChannel channel) {
}
