package io.storyline.ingest.article;

/** Why an input was refused; the name (lower-case, dashes) is the {@code reason} tag of the rejection metric. */
public enum RejectionReason {
    MISSING_FIELD(400),
    INVALID_FIELD(400),
    TOO_LONG(400),
    EMPTY_TEXT(400),
    INVALID_URL(400),
    URL_SCHEME_NOT_ALLOWED(400),
    INVALID_UTF8(400),
    BINARY_CONTENT(400),
    MALFORMED_JSON(400),
    MALFORMED_FEED(400),
    TOO_LARGE(413),
    BATCH_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415);

    private final int httpStatus;

    RejectionReason(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Stable, URL- and tag-friendly name, e.g. {@code missing-field}. */
    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
