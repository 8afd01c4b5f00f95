package io.storyline.nlp;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;
import io.storyline.events.NerReport;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The entities a reader would list for the seed articles, with their canonical names. */
class SeedEntitiesTest {
    private final ArticleAnalyzer analyzer = TestAnalyzers.standard();

    private Map<String, NamedEntity> entities(String seed) {
        EnrichedArticle e = analyzer.analyze(SeedArticles.load(seed));
        assertThat(e.ner().status()).isEqualTo(NerReport.OK);
        assertThat(e.ner().model()).isEqualTo("english.all.3class.distsim");
        return e.entities().stream().collect(Collectors.toMap(NamedEntity::canonical, Function.identity()));
    }

    @Test
    void xinhuaReportOfTheAprilCall() {
        Map<String, NamedEntity> e = entities("001");
        assertThat(e).containsKeys("Vladimir Putin", "Biden", "Russia", "United States", "Ukraine", "White House",
                "Xinhua", "Moscow");
        assertThat(e.get("Vladimir Putin").type()).isEqualTo(EntityType.PERSON);
        assertThat(e.get("Vladimir Putin").surfaceForms()).contains("Vladimir Putin", "Putin");
        assertThat(e.get("United States").type()).isEqualTo(EntityType.LOCATION);
        assertThat(e.get("United States").surfaceForms()).contains("US", "U.S.", "United States", "American");
        assertThat(e.get("Russia").inHeadline()).isTrue();
        assertThat(e.get("United States").inHeadline()).isTrue();
        assertThat(e).doesNotContainKeys("Putin", "US", "U.S.", "Russian", "American");
    }

    @Test
    void reutersStyleReportNamesKremlinWhiteHouseAndCrimea() {
        Map<String, NamedEntity> e = entities("003");
        assertThat(e).containsKeys("Vladimir Putin", "Joseph Biden", "Russia", "United States", "Ukraine",
                "White House", "Kremlin", "Crimea");
        assertThat(e.get("Joseph Biden").surfaceForms()).contains("Biden", "Joseph Biden");
        assertThat(e.get("Joseph Biden").inHeadline()).isTrue();
        assertThat(e.get("Vladimir Putin").inHeadline()).isTrue();
        assertThat(e.get("Crimea").type()).isEqualTo(EntityType.LOCATION);
        assertThat(e.get("Kremlin").mentions()).isGreaterThanOrEqualTo(3);
        // The most mentioned entities come first.
        EnrichedArticle a = analyzer.analyze(SeedArticles.load("003"));
        assertThat(a.entities().get(0).mentions()).isGreaterThanOrEqualTo(a.entities().get(1).mentions());
    }

    @Test
    void januaryCallHasPutinBidenAndXinhua() {
        Map<String, NamedEntity> e = entities("002");
        assertThat(e).containsKeys("Vladimir Putin", "Biden", "Russia", "United States", "Xinhua");
        assertThat(e.get("Vladimir Putin").inHeadline()).isTrue();
    }

    @Test
    void offsetsPointAtTheFirstMention() {
        EnrichedArticle a = analyzer.analyze(SeedArticles.load("003"));
        String document = a.article().title() + "\n\n" + a.article().text();
        for (NamedEntity n : a.entities()) {
            String first = document.substring(n.firstBegin(), n.firstEnd()).replaceAll("\\s+", " ");
            assertThat(n.surfaceForms()).as(n.canonical()).contains(first);
            assertThat(n.inHeadline()).isEqualTo(document.substring(0, a.article().title().length())
                    .contains(first) || n.firstBegin() < a.article().title().length());
        }
    }

    @Test
    void datelineOfTheXinhuaReport() {
        EnrichedArticle a = analyzer.analyze(SeedArticles.load("002"));
        assertThat(a.dateline()).isNotNull();
        assertThat(a.dateline().place()).isEqualTo("Moscow");
        assertThat(a.dateline().date()).isEqualTo(LocalDate.of(2021, 1, 26));
        assertThat(a.dateline().text()).isEqualTo("Moscow, January 26 (Xinhua)");
    }

    @Test
    void everySeedNamesItsOutletOrNone() {
        assertThat(analyzer.analyze(SeedArticles.load("000")).outlet()).isEqualTo("China News Agency");
        assertThat(analyzer.analyze(SeedArticles.load("001")).outlet()).isEqualTo("Xinhua");
        assertThat(analyzer.analyze(SeedArticles.load("002")).outlet()).isEqualTo("Xinhua");
        assertThat(analyzer.analyze(SeedArticles.load("003")).outlet()).isEqualTo("Russian News");
        assertThat(analyzer.analyze(SeedArticles.load("004")).outlet()).isNull();
        // From the cache as well (the same content analysed again).
        assertThat(analyzer.analyze(SeedArticles.load("002")).outlet()).isEqualTo("Xinhua");
    }

    @Test
    void aWireCreditNamesTheOutletInAnyLanguage() {
        EnrichedArticle a = analyzer.analyze(SeedArticles.article("de-1", "Regierung beschließt neues Klimaschutzgesetz",
                "BERLIN (dpa) - Die Bundesregierung hat am Mittwoch ein neues Klimaschutzgesetz beschlossen. Die Ministerin"
                        + " sprach von einem wichtigen Schritt für das ganze Land und für die kommenden Jahrzehnte.",
                "de", java.time.Instant.parse("2021-04-14T08:00:00Z")));
        assertThat(a.language().code()).isEqualTo("de");
        assertThat(a.dateline()).as("datelines are English only").isNull();
        assertThat(a.outlet()).isEqualTo("dpa");
    }

    @Test
    void termsAreFoldedLemmatisedAndWithoutStopWords() {
        EnrichedArticle a = analyzer.analyze(SeedArticles.load("003"));
        assertThat(a.terms()).containsKeys("biden", "putin", "summit", "kremlin", "discuss");
        assertThat(a.terms()).doesNotContainKeys("the", "and", "of", "The", "Biden", "discussed");
        assertThat(a.terms().get("biden")).isGreaterThanOrEqualTo(10);
    }

    @Test
    void sameArticleGivesTheSameEnrichmentWithOrWithoutCache() {
        EnrichedArticle first = analyzer.analyze(SeedArticles.load("004"));
        EnrichedArticle again = analyzer.analyze(SeedArticles.load("004"));
        assertThat(again.entities()).isEqualTo(first.entities());
        assertThat(again.terms()).isEqualTo(first.terms());
        assertThat(again.language()).isEqualTo(first.language());
    }
}
