package io.storyline.nlp.enrichment;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.storyline.nlp.NlpSettings;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code nlp.*} in application.properties (env: NLP_...), mapped onto {@link NlpSettings}. */
@ConfigMapping(prefix = "nlp")
public interface NlpConfig {
    List<String> languages();

    @WithDefault("true")
    boolean languageLowAccuracy();

    @WithDefault("300")
    int languageSampleChars();

    @WithDefault("0.02")
    double minLanguageConfidence();

    @WithDefault(NlpSettings.ENGLISH_3CLASS)
    String englishNerModel();

    @WithDefault("HYBRID")
    NlpSettings.NerScope nerScope();

    @WithDefault("60")
    int nerLeadTokens();

    @WithDefault("500000")
    int maxDocumentChars();

    @WithDefault("5s")
    Duration articleTimeout();

    @WithDefault("4096")
    int cacheSize();

    @WithDefault("true")
    boolean lemmas();

    /** Analysis threads; default: one per available core. */
    Optional<Integer> workers();

    default NlpSettings toSettings() {
        return new NlpSettings(languages(), languageLowAccuracy(), languageSampleChars(), minLanguageConfidence(), englishNerModel(),
                nerScope(), nerLeadTokens(), maxDocumentChars(), articleTimeout(), cacheSize(), lemmas());
    }
}
