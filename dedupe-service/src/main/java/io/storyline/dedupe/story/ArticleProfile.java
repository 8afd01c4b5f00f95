package io.storyline.dedupe.story;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What clustering compares of one article: three sub-vectors (content terms, headline tokens, canonical entities),
 * as in Miranda et al. (EMNLP 2018), and its event time.
 */
final class ArticleProfile {
    final EnrichedArticle enriched;
    final String id;
    final String language;
    final EventTime time;
    final TermVector body;
    final TermVector title;
    final TermVector entities;
    /** Canonical entity names, most mentioned first, as nlp ordered them. */
    final List<NamedEntity> entityList;

    private ArticleProfile(EnrichedArticle enriched, Vocabulary terms, Vocabulary entityNames) {
        this.enriched = enriched;
        this.id = enriched.article().id();
        this.language = languageOf(enriched);
        this.time = EventTime.of(enriched);
        Map<String, Integer> counts = enriched.terms() == null ? Map.of() : enriched.terms();
        this.body = TermVector.ofCounts(counts, terms);
        this.title = TermVector.ofCounts(headlineTerms(enriched.article().title(), counts), terms);
        this.entityList = enriched.entities() == null ? List.of() : List.copyOf(enriched.entities());
        Map<String, Double> entityCounts = new TreeMap<>();
        for (NamedEntity e : entityList) {
            if (e.canonical() != null && !e.canonical().isBlank()) {
                // a headline entity is what the article is about, not a passing mention
                double weight = Math.max(1, e.mentions()) * (e.inHeadline() ? 2.0 : 1.0) * typeWeight(e.type());
                entityCounts.merge(e.canonical(), weight, Double::sum);
            }
        }
        this.entities = TermVector.ofCounts(entityCounts, entityNames);
    }

    /**
     * People and organisations tell events apart better than places: countries recur across unrelated stories
     * (and early in a stream IDF has not yet learnt that).
     */
    private static double typeWeight(EntityType type) {
        if (type == null) {
            return 0.5;
        }
        return switch (type) {
            case PERSON, ORGANIZATION -> 1.0;
            case MISC -> 0.7;
            case LOCATION -> 0.4;
        };
    }

    static ArticleProfile of(EnrichedArticle enriched, Vocabulary terms, Vocabulary entityNames) {
        return new ArticleProfile(enriched, terms, entityNames);
    }

    static String languageOf(EnrichedArticle enriched) {
        if (enriched.language() != null && enriched.language().code() != null && !enriched.language().code().isBlank()) {
            return enriched.language().code();
        }
        String declared = enriched.article().language();
        return declared == null || declared.isBlank() ? "und" : declared;
    }

    /**
     * Headline tokens in nlp's vocabulary: nlp already dropped stop words and lemmatised the content terms, so a
     * headline token counts when it (or its simple singular) is one of the article's terms.
     */
    static Map<String, Integer> headlineTerms(String title, Map<String, Integer> terms) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (title == null || title.isBlank()) {
            return out;
        }
        for (String raw : title.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (raw.isEmpty()) {
                continue;
            }
            String token = null;
            if (terms.containsKey(raw)) {
                token = raw;
            } else if (raw.length() > 3 && raw.endsWith("s") && terms.containsKey(raw.substring(0, raw.length() - 1))) {
                token = raw.substring(0, raw.length() - 1);
            }
            if (token != null) {
                out.merge(token, 1, Integer::sum);
            }
        }
        return out;
    }

    /** Index keys: the most mentioned entities and the highest TF-IDF content terms. */
    List<String> indexKeys(StorySettings settings, DocumentFrequencies termIdf) {
        List<String> keys = new ArrayList<>();
        int e = 0;
        for (NamedEntity entity : entityList) {
            if (e >= settings.retrievalEntities()) {
                break;
            }
            if (entity.canonical() != null && !entity.canonical().isBlank()) {
                String key = entityKey(language, entity.canonical());
                if (!keys.contains(key)) {
                    keys.add(key);
                    e++;
                }
            }
        }
        Integer[] order = new Integer[body.size()];
        double[] salience = new double[body.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
            salience[i] = body.weight(i) * termIdf.idf(body.id(i));
        }
        java.util.Arrays.sort(order, (a, b) -> {
            int c = Double.compare(salience[b], salience[a]);
            return c != 0 ? c : Integer.compare(body.id(a), body.id(b));
        });
        for (int i = 0; i < Math.min(settings.retrievalTerms(), order.length); i++) {
            keys.add(termKey(language, body.id(order[i])));
        }
        return keys;
    }

    static String entityKey(String language, String canonical) {
        return language + "|e|" + canonical;
    }

    static String termKey(String language, int termId) {
        return language + "|t|" + termId;
    }
}
