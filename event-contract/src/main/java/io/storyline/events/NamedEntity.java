package io.storyline.events;

import java.util.List;

/**
 * One entity of an article after canonicalisation ("Putin", "Vladimir Putin" and "Russian President
 * Vladimir Putin" are one entity named "Vladimir Putin").
 *
 * @param canonical    canonical name, stable across articles so stages can compare them
 * @param type         entity class
 * @param surfaceForms distinct forms seen in the article, most frequent first
 * @param mentions     number of mentions in headline and body
 * @param firstBegin   character offset of the first mention in the analysed document (title, blank line, text)
 * @param firstEnd     end offset (exclusive) of that mention
 * @param inHeadline   whether the entity is mentioned in the headline
 */
public record NamedEntity(
        String canonical,
        EntityType type,
        List<String> surfaceForms,
        int mentions,
        int firstBegin,
        int firstEnd,
        boolean inHeadline) {
}
