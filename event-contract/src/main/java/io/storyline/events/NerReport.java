package io.storyline.events;

/**
 * How entity extraction went for one article.
 *
 * @param status  OK, NO_MODEL (no NER model for the language: entities are empty, not guessed)
 * @param model   the model used, e.g. "english.all.3class.distsim"
 * @param detail  human-readable detail, e.g. "no NER for ru"
 * @param millis  time spent in entity extraction
 */
public record NerReport(String status, String model, String detail, long millis) {
    public static final String OK = "OK";
    public static final String NO_MODEL = "NO_MODEL";
}
