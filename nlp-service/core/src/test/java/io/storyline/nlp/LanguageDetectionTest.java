package io.storyline.nlp;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.NerReport;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageDetectionTest {
    private final ArticleAnalyzer analyzer = TestAnalyzers.standard();

    private EnrichedArticle analyze(String title, String text, String declared) {
        return analyzer.analyze(SeedArticles.article("l", title, text, declared, Instant.parse("2021-04-14T00:00:00Z")));
    }

    @Test
    void english() {
        EnrichedArticle e = analyzer.analyze(SeedArticles.load("003"));
        assertThat(e.language().code()).isEqualTo("en");
        assertThat(e.language().declaredConfirmed()).isTrue();
        assertThat(e.language().confidence()).isGreaterThan(0.1);
    }

    @Test
    void russianIsDetectedAndGetsNoEnglishNer() {
        EnrichedArticle e = analyze("Путин и Байден провели телефонный разговор",
                "Президент России Владимир Путин провёл во вторник телефонный разговор с президентом США Джо Байденом. "
                        + "Стороны обсудили состояние российско-американских отношений, ситуацию на Украине и "
                        + "вопросы стратегической стабильности, сообщили в Кремле.", "en");
        assertThat(e.language().code()).isEqualTo("ru");
        assertThat(e.language().declared()).isEqualTo("en");
        assertThat(e.language().declaredConfirmed()).isFalse();
        assertThat(e.ner().status()).isEqualTo(NerReport.NO_MODEL);
        assertThat(e.ner().detail()).isEqualTo("no NER for ru");
        assertThat(e.entities()).isEmpty();
        assertThat(e.terms()).containsKeys("путин", "байден", "разговор").doesNotContainKeys("и", "с", "на", "в");
    }

    @Test
    void chinese() {
        EnrichedArticle e = analyze("普京与拜登通电话",
                "新华社莫斯科4月13日电 俄罗斯总统普京13日与美国总统拜登通电话，双方讨论了俄美关系发展和一些国际热点问题。"
                        + "据俄总统网站发布的公报，此次通话是应美方提议进行的。", null);
        assertThat(e.language().code()).isEqualTo("zh");
        assertThat(e.language().declared()).isNull();
        assertThat(e.ner().status()).isEqualTo(NerReport.NO_MODEL);
        assertThat(e.terms()).containsKeys("普京", "拜登");
    }

    @Test
    void german() {
        EnrichedArticle e = analyze("Putin und Biden sprechen am Telefon",
                "Der russische Präsident Wladimir Putin hat am Dienstag mit US-Präsident Joe Biden telefoniert. "
                        + "Dabei ging es nach Angaben des Kremls um die Beziehungen beider Länder und die Lage in der Ukraine.",
                "de");
        assertThat(e.language().code()).isEqualTo("de");
        assertThat(e.language().declaredConfirmed()).isTrue();
        assertThat(e.terms()).containsKeys("putin", "präsident").doesNotContainKeys("der", "und", "die", "am");
    }
}
