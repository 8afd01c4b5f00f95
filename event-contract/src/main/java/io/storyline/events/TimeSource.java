package io.storyline.events;

/** Where an article's event time ({@code published}) came from, strongest evidence first. */
public enum TimeSource {
    /** The sender or feed gave a plausible publication time. */
    FEED,
    /** Taken from a dateline in the text ("Moscow, April 13 (Xinhua)"), resolved to a year. */
    DATELINE,
    /** Nothing usable was given: the time ingest received the article. */
    RECEIVED
}
