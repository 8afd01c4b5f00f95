package io.storyline.events;

/**
 * @param code              ISO 639-1 code of the detected language, "und" when undetermined
 * @param confidence        detector confidence in [0, 1]
 * @param declared          what the sender declared, or null
 * @param declaredConfirmed whether the declared language agrees with the detection
 */
public record DetectedLanguage(String code, double confidence, String declared, boolean declaredConfirmed) {
}
