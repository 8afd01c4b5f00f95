package io.storyline.nlp.entity;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PlaceGazetteerTest {
    @Test
    void readsTheMultiWordPlacesOfCoreNlpsGazetteer() {
        PlaceGazetteer g = PlaceGazetteer.standard();
        assertThat(g.size()).as("cities, states and countries of more than one word").isGreaterThan(50_000);
        assertThat(g.isPlace("Chiang Mai")).isTrue();
        assertThat(g.isPlace("da  nang")).as("any case and spacing").isTrue();
        assertThat(g.isPlace("San Diego")).isTrue();
        assertThat(g.isPlace("Vladimir Putin")).isFalse();
        assertThat(g.isPlace("Sofia")).as("one word: never").isFalse();
        assertThat(g.isPlace(null)).isFalse();
    }

    @Test
    void aGivenListFoldsCase() {
        PlaceGazetteer g = PlaceGazetteer.of(Set.of("Porto Alegre"));
        assertThat(g.isPlace("PORTO ALEGRE")).isTrue();
        assertThat(g.isPlace("Porto")).isFalse();
    }
}
