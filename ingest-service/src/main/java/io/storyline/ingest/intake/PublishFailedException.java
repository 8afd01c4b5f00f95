package io.storyline.ingest.intake;

/** Kafka did not acknowledge an article: nothing was accepted and the sender should retry. */
public class PublishFailedException extends RuntimeException {
    private final String articleId;

    public PublishFailedException(String articleId, Throwable cause) {
        super("Kafka did not acknowledge article " + articleId + ": " + rootMessage(cause), cause);
        this.articleId = articleId;
    }

    public String articleId() {
        return articleId;
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : " " + root.getMessage());
    }
}
