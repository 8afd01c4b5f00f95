package io.storyline.nlp.entity;

import io.storyline.events.EntityType;
import io.storyline.events.NamedEntity;
import io.storyline.nlp.entity.EntityCanonicaliser.Mention;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.storyline.events.EntityType.LOCATION;
import static io.storyline.events.EntityType.MISC;
import static io.storyline.events.EntityType.ORGANIZATION;
import static io.storyline.events.EntityType.PERSON;
import static org.assertj.core.api.Assertions.assertThat;

/** Canonicalisation alone: hand-made mentions, the real alias table, no model. */
class EntityCanonicaliserTest {
    private static final int TITLE_END = 40;

    private final EntityCanonicaliser canonicaliser = new EntityCanonicaliser(AliasTable.standard(), PlaceGazetteer.standard());

    /** The mentions of one article, placed 50 characters apart: the first one is in the headline. */
    private final class Article {
        final List<Mention> mentions = new ArrayList<>();

        Article mention(String form, EntityType type, boolean byModel) {
            return mention(form, form, type, byModel);
        }

        Article mention(String form, String surface, EntityType type, boolean byModel) {
            int begin = mentions.size() * 50;
            mentions.add(new Mention(form, surface, type, begin, begin + surface.length(), byModel));
            return this;
        }

        Map<String, NamedEntity> entities() {
            return canonicaliser.canonicalise(mentions, TITLE_END).stream()
                    .collect(Collectors.toMap(NamedEntity::canonical, Function.identity()));
        }
    }

    @Test
    void anAliasTakesItsTableNameAndTypeWhateverTheModelSaid() {
        Map<String, NamedEntity> e = new Article().mention("U.S.", ORGANIZATION, true)
                .mention("America", LOCATION, false)
                .mention("Americans", PERSON, false)
                .entities();
        assertThat(e).containsOnlyKeys("United States");
        NamedEntity us = e.get("United States");
        assertThat(us.type()).as("the table's type, though the model's ORGANIZATION vote counts double").isEqualTo(LOCATION);
        assertThat(us.mentions()).isEqualTo(3);
        assertThat(us.surfaceForms()).containsExactly("U.S.", "America", "Americans");
    }

    @Test
    void aTwoWordCityTheModelCalledAPersonIsAPlace() {
        Map<String, NamedEntity> e = new Article().mention("Chiang Mai", PERSON, true)
                .mention("Porto Alegre", MISC, true)
                .mention("Jamal Williams", PERSON, true)
                .mention("Jordan", PERSON, true)
                .entities();
        assertThat(e.get("Chiang Mai").type()).as("a city in CoreNLP's gazetteer").isEqualTo(LOCATION);
        assertThat(e.get("Porto Alegre").type()).isEqualTo(LOCATION);
        assertThat(e.get("Jamal Williams").type()).as("not a place").isEqualTo(PERSON);
        assertThat(e.get("Jordan").type()).as("one-word names are too often people's").isEqualTo(PERSON);
    }

    @Test
    void aPlaceTheModelCalledAnOrganisationStaysOne() {
        // "New York" in a span the model read as an organisation is left to the model: teams, papers, councils
        Map<String, NamedEntity> e = new Article().mention("New York", ORGANIZATION, true).entities();
        assertThat(e.get("New York").type()).isEqualTo(ORGANIZATION);
    }

    @Test
    void aliasesLongerThanThreeLettersAlsoMatchInCapitals() {
        Map<String, NamedEntity> e = new Article().mention("RUSSIAN", MISC, true).mention("RF", LOCATION, false)
                .entities();
        assertThat(e).containsOnlyKeys("Russia");
        assertThat(e.get("Russia").surfaceForms()).containsExactly("RUSSIAN", "RF");
        assertThat(new Article().mention("US", LOCATION, false).entities()).containsKey("United States");
        assertThat(new Article().mention("Us", LOCATION, false).entities()).as("short forms match case-sensitively")
                .containsOnlyKeys("Us");
    }

    @Test
    void aSurnameJoinsTheFullNameThatEndsWithIt() {
        Map<String, NamedEntity> e = new Article().mention("Putin", PERSON, true)
                .mention("Vladimir Putin", PERSON, true)
                .mention("Putin", PERSON, false)
                .mention("Merkel", PERSON, false)
                .mention("Angela Merkel", PERSON, false)
                .entities();
        assertThat(e).containsOnlyKeys("Vladimir Putin", "Angela Merkel");
        NamedEntity putin = e.get("Vladimir Putin");
        assertThat(putin.type()).isEqualTo(PERSON);
        assertThat(putin.mentions()).isEqualTo(3);
        assertThat(putin.surfaceForms()).as("most frequent first").containsExactly("Putin", "Vladimir Putin");
        assertThat(putin.firstBegin()).as("the first mention, the surname in the headline").isZero();
        assertThat(putin.firstEnd()).isEqualTo("Putin".length());
        assertThat(putin.inHeadline()).isTrue();
        assertThat(e.get("Angela Merkel").inHeadline()).isFalse();
        assertThat(e.get("Angela Merkel").firstBegin()).as("the surname came first").isEqualTo(150);
    }

    @Test
    void theLongestFullNameWinsThenTheMostMentionedThenTheFirst() {
        assertThat(new Article().mention("Obama", PERSON, false)
                .mention("Barack Obama", PERSON, true)
                .mention("Michelle Obama", PERSON, true)
                .mention("Michelle Obama", PERSON, false)
                .entities().get("Michelle Obama").mentions()).as("most mentioned full name").isEqualTo(3);
        assertThat(new Article().mention("Obama", PERSON, false)
                .mention("Barack Obama", PERSON, true)
                .mention("Michelle Obama", PERSON, true)
                .entities().get("Barack Obama").mentions()).as("a tie: the first full name").isEqualTo(2);
        Map<String, NamedEntity> longest = new Article().mention("Putin", PERSON, false)
                .mention("Vladimir Putin", PERSON, true)
                .mention("Vladimir Putin", PERSON, true)
                .mention("Vladimir Vladimirovich Putin", PERSON, true)
                .entities();
        assertThat(longest).as("the surname goes to the longest name, though a shorter one is mentioned more;"
                + " a full name joins only a name that ends with all its words").containsOnlyKeys("Vladimir Putin",
                "Vladimir Vladimirovich Putin");
        assertThat(longest.get("Vladimir Vladimirovich Putin").mentions()).isEqualTo(2);
        assertThat(longest.get("Vladimir Putin").mentions()).isEqualTo(2);
    }

    @Test
    void onlyPeopleMergeByTheirLastWordsAndOnlyWholeWords() {
        Map<String, NamedEntity> e = new Article().mention("Bank", ORGANIZATION, true)
                .mention("World Bank", ORGANIZATION, true)
                .mention("Smith", PERSON, false)
                .mention("Anna Goldsmith", PERSON, true)
                .mention("Jones", PERSON, false)
                .mention("Jones Smith", LOCATION, true)
                .entities();
        assertThat(e).containsOnlyKeys("Bank", "World Bank", "Smith", "Anna Goldsmith", "Jones", "Jones Smith");
    }

    @Test
    void anAliasIsNeverAPersonsSurname() {
        Map<String, NamedEntity> e = new Article().mention("Mark Britain", PERSON, true)
                .mention("Britain", PERSON, false).entities();
        assertThat(e).containsOnlyKeys("Mark Britain", "United Kingdom");
        assertThat(e.get("United Kingdom").type()).isEqualTo(LOCATION);
    }

    @Test
    void theModelsVoteCountsDoubleAndATieGoesToTheTypeDeclaredFirst() {
        Article tie = new Article().mention("Norvale", ORGANIZATION, true)
                .mention("Norvale", LOCATION, false).mention("Norvale", LOCATION, false);
        assertThat(tie.entities().get("Norvale").type()).as("2 against 2: ORGANIZATION is declared before LOCATION")
                .isEqualTo(ORGANIZATION);
        Article outvoted = tie.mention("Norvale", LOCATION, false);
        assertThat(outvoted.entities().get("Norvale").type()).as("2 against 3").isEqualTo(LOCATION);
    }

    @Test
    void surfaceFormsHaveTheirWhitespaceNormalised() {
        NamedEntity putin = new Article().mention("Vladimir Putin", "Vladimir\n  Putin", PERSON, true)
                .mention("Vladimir Putin", "Vladimir Putin", PERSON, false)
                .mention("Vladimir Putin", "Vladimir\tPutin", PERSON, false)
                .entities().get("Vladimir Putin");
        assertThat(putin.surfaceForms()).containsExactly("Vladimir Putin");
        assertThat(EntityCanonicaliser.normalise("New  York")).isEqualTo("New York");
        assertThat(EntityCanonicaliser.normalise("New York")).isEqualTo("New York");
    }

    @Test
    void entitiesComeMostMentionedFirstThenByTheirFirstMentionWhateverTheInputOrder() {
        List<Mention> m = new Article().mention("Kyiv", LOCATION, false).mention("Moscow", LOCATION, true)
                .mention("Moscow", LOCATION, false).mention("Berlin", LOCATION, false)
                .mention("Kyiv", LOCATION, false).mentions;
        List<Mention> shuffled = new ArrayList<>(List.of(m.get(3), m.get(0), m.get(4), m.get(2), m.get(1)));
        List<NamedEntity> entities = canonicaliser.canonicalise(shuffled, TITLE_END);
        assertThat(entities).extracting(NamedEntity::canonical).containsExactly("Kyiv", "Moscow", "Berlin");
        assertThat(entities.get(0).firstBegin()).isZero();
        assertThat(entities).extracting(NamedEntity::inHeadline).containsExactly(true, false, false);
        assertThat(shuffled).as("the caller's list is left as it was").extracting(Mention::begin)
                .containsExactly(150, 0, 200, 100, 50);
    }

    @Test
    void noMentionsNoEntities() {
        assertThat(canonicaliser.canonicalise(List.of(), TITLE_END)).isEmpty();
    }
}
