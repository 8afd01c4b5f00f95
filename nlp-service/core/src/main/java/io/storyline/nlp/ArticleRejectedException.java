package io.storyline.nlp;

/** An article the analyzer will not enrich (too large, too slow); the message is the dead-letter reason. */
public class ArticleRejectedException extends RuntimeException {
    public ArticleRejectedException(String reason) {
        super(reason);
    }

    public ArticleRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
