package io.storyline.nlp;

/** One analyzer per scope for the whole test JVM: the models are loaded once. */
public final class TestAnalyzers {
    private static ArticleAnalyzer standard;

    private TestAnalyzers() {
    }

    public static synchronized ArticleAnalyzer standard() {
        if (standard == null) {
            standard = ArticleAnalyzer.create(NlpSettings.defaults());
        }
        return standard;
    }
}
