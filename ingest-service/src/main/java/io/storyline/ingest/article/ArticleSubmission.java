package io.storyline.ingest.article;

/**
 * An article as a sender delivered it, before validation: every field is raw text and may be null.
 *
 * @param body       body as the sender gave it; {@link #bodyFormat()} says how to read it
 * @param published  the sender's publication time in any supported format, or null
 */
public record ArticleSubmission(
        String url,
        String title,
        String body,
        BodyFormat bodyFormat,
        String source,
        String language,
        String published,
        String author,
        String section,
        String feedId) {

    /** How to turn {@link #body()} into clean text. */
    public enum BodyFormat {
        /** Plain text: one paragraph per line. */
        TEXT,
        /** HTML markup. */
        HTML,
        /** Decide by looking for markup. */
        DETECT
    }
}
