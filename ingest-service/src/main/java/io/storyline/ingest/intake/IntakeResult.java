package io.storyline.ingest.intake;

import io.storyline.events.Article;
import io.storyline.ingest.article.Rejection;

import java.util.List;

/** What became of one offered article: the published (or already known) article, or why it was refused. */
public record IntakeResult(Status status, Article article, Rejection rejection, List<String> notes) {

    public enum Status {
        ACCEPTED, DUPLICATE, REVISION, REJECTED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static IntakeResult rejected(Rejection rejection) {
        return new IntakeResult(Status.REJECTED, null, rejection, List.of());
    }

    public boolean isRejected() {
        return status == Status.REJECTED;
    }
}
