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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What clustering compares of one article: its content terms, headline and lead terms (what happened), its actors
 * (people, organisations and other named things, a person keyed by surname), its places, the numbers that identify a
 * happening, and its event time.
 */
final class ArticleProfile {
    /** A number that tells happenings apart: a decimal (a magnitude), a count over 31, or an amount with its unit. */
    private static final Pattern NUMBER = Pattern.compile(
            "(?<![\\w.,])([$€£])?\\s?(\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?)(?:\\s?(million|billion|bn|percent|per cent|%))?(?![\\w,]\\d)",
            Pattern.CASE_INSENSITIVE);

    final EnrichedArticle enriched;
    final String id;
    final String language;
    final EventTime time;
    final TermVector body;
    final TermVector title;
    final TermVector lead;
    final TermVector actors;
    final TermVector places;
    final TermVector numbers;
    /** Canonical entity names, most mentioned first, as nlp ordered them. */
    final List<NamedEntity> entityList;
    /** The outlet to count: ingest's source, or the one the text names when ingest only knew the channel. */
    final String source;

    private ArticleProfile(EnrichedArticle enriched, Vocabulary terms, Vocabulary keys) {
        this.enriched = enriched;
        var article = enriched.article();
        this.id = article.id();
        this.language = languageOf(enriched);
        this.time = EventTime.of(enriched);
        Map<String, Integer> counts = enriched.terms() == null ? Map.of() : enriched.terms();
        this.body = TermVector.ofCounts(counts, terms);
        this.title = TermVector.ofCounts(headlineTerms(article.title(), counts), terms);
        String text = article.text() == null ? "" : article.text();
        String leadText = (article.title() == null ? "" : article.title()) + " " + text.substring(0, Math.min(text.length(), EventTime.LEAD_CHARS));
        this.lead = TermVector.ofCounts(headlineTerms(leadText, counts), terms);
        this.entityList = enriched.entities() == null ? List.of() : List.copyOf(enriched.entities());
        Map<String, Double> actorWeights = new TreeMap<>();
        Map<String, Double> placeWeights = new TreeMap<>();
        for (NamedEntity e : entityList) {
            String key = EntityKeys.key(e.canonical(), e.type());
            if (key != null) {
                // a headline entity is what the article is about, not a passing mention
                double weight = Math.max(1, e.mentions()) * (e.inHeadline() ? 2.0 : 1.0);
                (EntityKeys.isActor(e.type()) ? actorWeights : placeWeights).merge(key, weight, Double::sum);
            }
        }
        if (enriched.dateline() != null && enriched.dateline().place() != null) {
            String key = EntityKeys.key(enriched.dateline().place(), EntityType.LOCATION);
            if (key != null) {
                placeWeights.merge(key, 2.0, Double::sum);
            }
        }
        this.actors = TermVector.ofCounts(actorWeights, keys);
        this.places = TermVector.ofCounts(placeWeights, keys);
        this.numbers = TermVector.ofCounts(numbers(article.title() + "\n" + text), keys);
        this.source = sourceOf(enriched);
    }

    static ArticleProfile of(EnrichedArticle enriched, Vocabulary terms, Vocabulary keys) {
        return new ArticleProfile(enriched, terms, keys);
    }

    static String languageOf(EnrichedArticle enriched) {
        if (enriched.language() != null && enriched.language().code() != null && !enriched.language().code().isBlank()) {
            return enriched.language().code();
        }
        String declared = enriched.article().language();
        return declared == null || declared.isBlank() ? "und" : declared;
    }

    /** ingest's source, unless it names only the door the article came in by (a file) and the text names its outlet. */
    static String sourceOf(EnrichedArticle enriched) {
        String source = enriched.article().source();
        String outlet = enriched.outlet();
        boolean generic = source == null || source.isBlank() || source.equals("file");
        return generic && outlet != null && !outlet.isBlank() ? outlet : source;
    }

    /** Identifying numbers with their counts, keyed {@code n|VALUE[unit]}: years and small counts say nothing. */
    static Map<String, Integer> numbers(String text) {
        Map<String, Integer> out = new TreeMap<>();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            String digits = m.group(2).replace(",", "");
            String unit = m.group(3) == null ? "" : m.group(3).toLowerCase(Locale.ROOT).replace("per cent", "%").replace("percent", "%").replace("bn", "billion");
            String currency = m.group(1) == null ? "" : m.group(1);
            boolean decimal = digits.contains(".");
            double value;
            try {
                value = Double.parseDouble(digits);
            } catch (NumberFormatException e) {
                continue;
            }
            boolean year = !decimal && digits.length() == 4 && value >= 1900 && value <= 2099 && currency.isEmpty() && unit.isEmpty();
            if (year || (!decimal && value <= 31 && currency.isEmpty() && unit.isEmpty()) || digits.length() > 12) {
                continue;
            }
            String normal = decimal ? digits.replaceAll("0+$", "").replaceAll("\\.$", "") : digits;
            out.merge("n|" + currency + normal + unit, 1, Integer::sum);
        }
        return out;
    }

    /**
     * Tokens of a short text in nlp's vocabulary: nlp already dropped stop words and lemmatised the content terms, so a
     * token counts when it (or its simple singular) is one of the article's terms.
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
    List<String> indexKeys(int retrievalEntities, int retrievalTerms, DocumentFrequencies termIdf) {
        List<String> keys = new ArrayList<>();
        int e = 0;
        for (NamedEntity entity : entityList) {
            if (e >= retrievalEntities) {
                break;
            }
            String key = EntityKeys.key(entity.canonical(), entity.type());
            if (key != null) {
                key = language + "|" + key;
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
        for (int i = 0; i < Math.min(retrievalTerms, order.length); i++) {
            keys.add(language + "|t|" + body.id(order[i]));
        }
        return keys;
    }
}
