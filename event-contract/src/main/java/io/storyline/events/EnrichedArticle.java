package io.storyline.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An article with what nlp-service learnt of it: the value on {@code news.articles.enriched},
 * key = {@code language.code()}.
 *
 * @param article    the article as ingest published it
 * @param language   detected language
 * @param entities   canonicalised named entities, most mentioned first
 * @param terms      content terms with counts: case-folded, stop words removed, lemmatised where the model can
 * @param dateline   dateline found in the text, or null
 * @param ner        how entity extraction went
 * @param enrichedAt when nlp-service produced this record
 * @param outlet     the outlet the text names for itself (a dateline's agency such as "Xinhua", a site name in
 *                   the first line), or null; dedupe counts it as the source when ingest knew none better
 */
public record EnrichedArticle(
        Article article,
        DetectedLanguage language,
        List<NamedEntity> entities,
        Map<String, Integer> terms,
        Dateline dateline,
        NerReport ner,
        Instant enrichedAt,
        String outlet) {
}
