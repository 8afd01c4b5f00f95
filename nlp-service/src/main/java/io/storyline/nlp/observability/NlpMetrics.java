package io.storyline.nlp.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.NerReport;
import io.storyline.nlp.ArticleAnalyzer;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What nlp-service found in the articles it enriched, read off each {@link EnrichedArticle} at the Kafka edge:
 * <ul>
 * <li>{@code storyline_nlp_ner_duration_seconds}: entity extraction time per article (histogram; the NER report's time);</li>
 * <li>{@code storyline_nlp_entities}: named entities per article (histogram);</li>
 * <li>{@code storyline_nlp_articles_total{language}}: enriched articles by detected language;</li>
 * <li>{@code storyline_nlp_ner_no_model_total{language}}: articles left without entities because no NER model covers their language;</li>
 * <li>{@code storyline_nlp_ner_sequences_total{source}}: sentences and windows labelled, by the model ({@code model}) or from
 * the cache of its labellings ({@code cache}): the cache's share is the NER work wire copies saved.</li>
 * </ul>
 */
@ApplicationScoped
public class NlpMetrics {

    public static final String NER_DURATION = "storyline.nlp.ner.duration";
    public static final String ENTITIES = "storyline.nlp.entities";
    public static final String ARTICLES = "storyline.nlp.articles";
    public static final String NO_MODEL = "storyline.nlp.ner.no.model";
    public static final String SEQUENCES = "storyline.nlp.ner.sequences";

    private final MeterRegistry registry;
    private final Timer nerDuration;
    private final DistributionSummary entities;
    private final Map<String, Counter> byLanguage = new ConcurrentHashMap<>();
    private final Map<String, Counter> noModel = new ConcurrentHashMap<>();

    public NlpMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.nerDuration = Timer.builder(NER_DURATION)
                .description("named-entity extraction time of one article")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
        this.entities = DistributionSummary.builder(ENTITIES)
                .description("named entities found in one article")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200)
                .register(registry);
    }

    /** Exposes the analyzer's own counts once it is loaded. */
    public void watch(ArticleAnalyzer analyzer) {
        FunctionCounter.builder(SEQUENCES, analyzer, a -> a.nerSequences().labelled())
                .description("sentences and windows the NER model labelled or the cache answered").tag("source", "model")
                .register(registry);
        FunctionCounter.builder(SEQUENCES, analyzer, a -> a.nerSequences().cached())
                .description("sentences and windows the NER model labelled or the cache answered").tag("source", "cache")
                .register(registry);
    }

    public void enriched(EnrichedArticle article) {
        String language = article.language() == null || article.language().code() == null
                ? "und" : article.language().code().toLowerCase(Locale.ROOT);
        byLanguage.computeIfAbsent(language, l -> Counter.builder(ARTICLES)
                .description("enriched articles by detected language").tag("language", l).register(registry)).increment();
        entities.record(article.entities() == null ? 0 : article.entities().size());
        NerReport ner = article.ner();
        if (ner == null) {
            return;
        }
        if (NerReport.NO_MODEL.equals(ner.status())) {
            noModel.computeIfAbsent(language, l -> Counter.builder(NO_MODEL)
                    .description("articles without entities because no NER model covers their language")
                    .tag("language", l).register(registry)).increment();
        } else {
            nerDuration.record(ner.millis(), TimeUnit.MILLISECONDS);
        }
    }
}
