package io.storyline.ingest.article;

/** Thrown by the parsing and normalisation code when input must be refused; carries the {@link Rejection}. */
public class RejectedInputException extends RuntimeException {
    private final transient Rejection rejection;

    public RejectedInputException(RejectionReason reason, String field, String detail) {
        this(new Rejection(reason, field, detail));
    }

    public RejectedInputException(Rejection rejection) {
        super((rejection.field() == null ? "" : rejection.field() + ": ") + rejection.detail(), null, false, false);
        this.rejection = rejection;
    }

    public Rejection rejection() {
        return rejection;
    }
}
