package io.storyline.events;

/** The door an article came in through. */
public enum IngestChannel {
    HTTP, BATCH, FEED, KAFKA, FILE
}
