package io.storyline.nlp;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes an {@link ArticleAnalyzer}. Two analyzers built from equal settings give equal
 * enrichments for the same article.
 *
 * @param languages              ISO 639-1 codes the language detector chooses among; restricting them keeps
 *                               Lingua's memory low (each language costs its n-gram models)
 * @param languageLowAccuracy    Lingua's low-accuracy mode: trigram models only, several times faster and a
 *                               fraction of the memory; as accurate as the full models on news-length text
 *                               (it only loses on a few words), which is what the sample always is
 * @param languageSampleChars    how many characters of headline + body the detector reads; detection cost
 *                               grows with the sample, accuracy stops improving after a few hundred chars
 * @param minLanguageConfidence  below this detector confidence (Lingua's relative distance between the best
 *                               language and the runner-up) the declared language is used if it is one of
 *                               {@code languages}, otherwise the detector's choice stands
 * @param englishNerModel        classpath resource of the CoreNLP CRF model used for English
 * @param nerScope               which tokens the CRF model reads, see {@link NerScope}; the rest is covered by
 *                               matching the names it found and the alias table
 * @param nerLeadTokens          in LEAD scope, how many tokens (headline included) the model reads at least;
 *                               the lead is extended to the end of the sentence reached
 * @param maxDocumentChars       longer headline + body is rejected (dead-lettered) before any analysis
 * @param articleTimeout         an analysis running longer is abandoned and the article rejected
 * @param cacheSize              analyses kept by content hash, so a re-sent article is not analysed again; the NER
 *                               model's labellings of sentences and windows are kept by their words, 16 per analysis
 *                               (a wire copy repeats most of its original's); 0 turns both off
 * @param lemmas                 English terms as lemmas (CoreNLP morphology) rather than surface forms
 */
public record NlpSettings(
        List<String> languages,
        boolean languageLowAccuracy,
        int languageSampleChars,
        double minLanguageConfidence,
        String englishNerModel,
        NerScope nerScope,
        int nerLeadTokens,
        int maxDocumentChars,
        Duration articleTimeout,
        int cacheSize,
        boolean lemmas) {

    /** Which part of an English article the statistical model reads. */
    public enum NerScope {
        /** Headline and lead; later mentions only by matching the names found there and the alias table. */
        LEAD,
        /**
         * As LEAD, plus the model on short windows around capitalised words after the lead that no known
         * name explains (a name first met late in the article: "Crimea", "Jen Psaki").
         */
        HYBRID,
        /** Every sentence: the slowest, the recall baseline. */
        FULL
    }

    public static final String ENGLISH_3CLASS = "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";

    public NlpSettings {
        Objects.requireNonNull(languages, "languages");
        languages = languages.stream().map(l -> l.trim().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        if (languages.isEmpty()) {
            throw new IllegalArgumentException("at least one language is needed");
        }
        Objects.requireNonNull(englishNerModel, "englishNerModel");
        Objects.requireNonNull(nerScope, "nerScope");
        Objects.requireNonNull(articleTimeout, "articleTimeout");
        if (languageSampleChars < 20 || nerLeadTokens < 10 || maxDocumentChars < 100 || cacheSize < 0) {
            throw new IllegalArgumentException("settings out of range: " + languageSampleChars + ", " + nerLeadTokens
                    + ", " + maxDocumentChars + ", " + cacheSize);
        }
    }

    /** Defaults used by the service unless application.properties says otherwise. */
    public static NlpSettings defaults() {
        return new NlpSettings(
                List.of("en", "de", "fr", "es", "it", "pt", "nl", "ru", "uk", "pl", "zh", "ja", "ar"),
                true, 300, 0.02, ENGLISH_3CLASS, NerScope.HYBRID, 60, 500_000, Duration.ofSeconds(5), 4096, true);
    }

    public NlpSettings withNerScope(NerScope scope) {
        return new NlpSettings(languages, languageLowAccuracy, languageSampleChars, minLanguageConfidence, englishNerModel, scope,
                nerLeadTokens, maxDocumentChars, articleTimeout, cacheSize, lemmas);
    }

    public NlpSettings withNerLeadTokens(int tokens) {
        return new NlpSettings(languages, languageLowAccuracy, languageSampleChars, minLanguageConfidence, englishNerModel, nerScope,
                tokens, maxDocumentChars, articleTimeout, cacheSize, lemmas);
    }

    public NlpSettings withCacheSize(int size) {
        return new NlpSettings(languages, languageLowAccuracy, languageSampleChars, minLanguageConfidence, englishNerModel, nerScope,
                nerLeadTokens, maxDocumentChars, articleTimeout, size, lemmas);
    }

    public NlpSettings withArticleTimeout(Duration timeout) {
        return new NlpSettings(languages, languageLowAccuracy, languageSampleChars, minLanguageConfidence, englishNerModel, nerScope,
                nerLeadTokens, maxDocumentChars, timeout, cacheSize, lemmas);
    }

    public NlpSettings withMaxDocumentChars(int chars) {
        return new NlpSettings(languages, languageLowAccuracy, languageSampleChars, minLanguageConfidence, englishNerModel, nerScope,
                nerLeadTokens, chars, articleTimeout, cacheSize, lemmas);
    }
}
