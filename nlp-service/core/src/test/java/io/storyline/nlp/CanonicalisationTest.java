package io.storyline.nlp;

import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class CanonicalisationTest {
    private final ArticleAnalyzer analyzer = TestAnalyzers.standard();

    private Map<String, NamedEntity> entities(String title, String text) {
        EnrichedArticle e = analyzer.analyze(SeedArticles.article("c", title, text, "en", Instant.parse("2021-04-14T00:00:00Z")));
        return e.entities().stream().collect(Collectors.toMap(NamedEntity::canonical, Function.identity()));
    }

    @Test
    void partialPersonNamesResolveToTheLongestFullName() {
        Map<String, NamedEntity> e = entities("Putin warns the West",
                "Russian President Vladimir Putin said on Tuesday that sanctions would fail. "
                        + "Putin spoke in Moscow after talks with German Chancellor Angela Merkel. "
                        + "Merkel said Europe wanted dialogue, and Putin agreed to meet again.");
        assertThat(e).containsKey("Vladimir Putin").doesNotContainKey("Putin");
        NamedEntity putin = e.get("Vladimir Putin");
        assertThat(putin.type()).isEqualTo(EntityType.PERSON);
        assertThat(putin.mentions()).isEqualTo(4);
        assertThat(putin.inHeadline()).isTrue();
        assertThat(e).containsKey("Angela Merkel").doesNotContainKey("Merkel");
        assertThat(e.get("Russia").surfaceForms()).contains("Russian");
        assertThat(e.get("Germany").surfaceForms()).contains("German");
    }

    @Test
    void spellingsOfTheUnitedStatesAreOneEntity() {
        Map<String, NamedEntity> e = entities("U.S. and China trade talks resume",
                "Officials from the United States and China met in Geneva. The US delegation said the USA "
                        + "would not lift tariffs, and American farmers were worried. Chinese officials said little.");
        NamedEntity us = e.get("United States");
        assertThat(us).isNotNull();
        assertThat(us.surfaceForms()).contains("U.S.", "United States", "US", "USA", "American");
        assertThat(us.mentions()).isEqualTo(5);
        assertThat(e).doesNotContainKeys("U.S.", "US", "USA", "American");
        assertThat(e.get("China").mentions()).isEqualTo(3);
    }
}
