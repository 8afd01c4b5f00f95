package io.storyline.ingest.article;

/**
 * Why an input was refused.
 *
 * @param field  the offending field ({@code title}, {@code url}, {@code body}, ...) or null for the input as a whole
 * @param detail human-readable explanation, never a stack trace
 */
public record Rejection(RejectionReason reason, String field, String detail) {

    public static Rejection of(RejectionReason reason, String field, String detail) {
        return new Rejection(reason, field, detail);
    }
}
