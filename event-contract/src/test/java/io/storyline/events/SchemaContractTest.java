package io.storyline.events;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The committed JSON Schemas describe exactly the records' fields, and the records round-trip through JSON. */
class SchemaContractTest {

    @Test
    void schemasNameEveryRecordComponentAndNothingElse() throws IOException {
        assertSameFields("article.schema.json", null, Article.class);
        assertSameFields("enriched-article.schema.json", null, EnrichedArticle.class);
        assertSameFields("enriched-article.schema.json", "language", DetectedLanguage.class);
        assertSameFields("enriched-article.schema.json", "dateline", Dateline.class);
        assertSameFields("enriched-article.schema.json", "ner", NerReport.class);
        assertSameFields("clustered-article.schema.json", null, ClusteredArticle.class);
        assertSameFields("membership-reason.schema.json", null, MembershipReason.class);
        assertSameFields("story.schema.json", null, Story.class);
        assertSameFields("storyline.schema.json", null, Storyline.class);
        JsonNode enriched = schema("enriched-article.schema.json");
        assertThat(fieldNames(enriched.at("/properties/entities/items/properties"))).isEqualTo(components(NamedEntity.class));
        JsonNode story = schema("story.schema.json");
        assertThat(fieldNames(story.at("/properties/members/items/properties"))).isEqualTo(components(Story.StoryMember.class));
        assertThat(fieldNames(story.at("/properties/entities/items/properties"))).isEqualTo(components(Story.StoryEntity.class));
        JsonNode storyline = schema("storyline.schema.json");
        assertThat(fieldNames(storyline.at("/properties/events/items/properties"))).isEqualTo(components(Storyline.StorylineEvent.class));
        assertThat(fieldNames(storyline.at("/properties/entities/items/properties"))).isEqualTo(components(Story.StoryEntity.class));
    }

    @Test
    void everyRequiredFieldIsAProperty() throws IOException {
        for (String file : List.of("article.schema.json", "enriched-article.schema.json", "clustered-article.schema.json",
                "membership-reason.schema.json", "story.schema.json", "storyline.schema.json")) {
            JsonNode schema = schema(file);
            schema.get("required").forEach(name -> assertThat(schema.at("/properties/" + name.asText()).isMissingNode())
                    .as("%s requires %s", file, name.asText()).isFalse());
        }
    }

    @Test
    void storylineRoundTripsThroughJsonWithIsoInstants() throws IOException {
        Instant first = Instant.parse("2021-01-26T10:00:00Z");
        Instant last = Instant.parse("2021-04-13T18:00:00Z");
        Storyline storyline = new Storyline("storyline-s-1", 4, "Biden calls Putin", "en",
                List.of(new Story.StoryEntity("Putin", EntityType.PERSON, 5), new Story.StoryEntity("Moscow", EntityType.LOCATION, 3)),
                List.of(new Storyline.StorylineEvent("s-0", "Biden and Putin talk arms control", first, first, 1, 1, Story.Status.CLOSED),
                        new Storyline.StorylineEvent("s-1", "Biden calls Putin", Instant.parse("2021-04-13T10:00:00Z"), last, 4, 3,
                                Story.Status.OPEN),
                        new Storyline.StorylineEvent("s-2", "Undated follow-up", null, null, 1, 1, Story.Status.OPEN)),
                3, 6, 4, first, last, Instant.parse("2021-04-13T18:01:00Z"), Story.Status.OPEN);
        String json = EventJson.mapper().writeValueAsString(storyline);
        assertThat(json).contains("\"firstSeen\":\"2021-01-26T10:00:00Z\"").contains("\"storyId\":\"s-1\"");
        assertThat(EventJson.mapper().readValue(json, Storyline.class)).isEqualTo(storyline);
        String later = json.replaceFirst("\\{", "{\"addedLater\":true,");
        assertThat(EventJson.mapper().readValue(later, Storyline.class)).isEqualTo(storyline);
    }

    @Test
    void clusteredArticleWithScoreComponentsRoundTrips() throws IOException {
        Map<String, Double> parts = new java.util.LinkedHashMap<>();
        parts.put("content", 0.41);
        parts.put("action", 0.35);
        parts.put("actors", 0.8);
        parts.put("places", 0.5);
        parts.put("numbers", 0.0);
        parts.put("time", 1.0);
        MembershipReason reason = new MembershipReason(MembershipReason.Kind.SIMILAR, 0.52, 0.41, 0.75, List.of("Putin"), parts, 0.0, null);
        ClusteredArticle clustered = new ClusteredArticle("a-2", 1, "s-1", null, null, "https://example.org/b", "example.org",
                "Putin takes Biden's call", "en", Instant.parse("2021-04-13T11:00:00Z"), Instant.parse("2021-04-13T11:00:05Z"),
                Instant.parse("2021-04-13T11:00:06Z"), reason, "storyline-s-1");
        String json = EventJson.mapper().writeValueAsString(clustered);
        assertThat(json).contains("\"storylineId\":\"storyline-s-1\"").contains("\"components\":{\"content\":0.41,");
        assertThat(EventJson.mapper().readValue(json, ClusteredArticle.class)).isEqualTo(clustered);
    }

    @Test
    void storyRoundTripsThroughJsonWithIsoInstants() throws IOException {
        MembershipReason reason = MembershipReason.of(MembershipReason.Kind.SIMILAR, 0.7, 0.5, 0.8, List.of("Vladimir Putin"));
        Story story = new Story("s-1", 3, "Biden calls Putin", "a-1", "en",
                List.of(new Story.StoryEntity("Joe Biden", EntityType.PERSON, 2)),
                List.of(new Story.StoryMember("a-1", "file:seeds/000.txt", "file", "Biden calls Putin",
                        Instant.parse("2021-04-13T10:00:00Z"), null, reason)),
                1, 1, 0, Instant.parse("2021-04-13T10:00:00Z"), Instant.parse("2021-04-13T10:00:00Z"),
                Instant.parse("2021-04-13T10:01:00Z"), Story.Status.OPEN, "storyline-a-1", List.of("file"));
        String json = EventJson.mapper().writeValueAsString(story);
        assertThat(json).contains("\"firstSeen\":\"2021-04-13T10:00:00Z\"");
        assertThat(EventJson.mapper().readValue(json, Story.class)).isEqualTo(story);
    }

    @Test
    void enrichedArticleRoundTripsAndIgnoresUnknownFields() throws IOException {
        Article article = new Article("a-1", 1, "https://example.org/a", "Title", "Text", "example.org", null, null, null, null,
                Instant.parse("2021-04-13T10:00:00Z"), TimeSource.FEED, Instant.parse("2021-04-13T10:05:00Z"),
                "0".repeat(64), IngestChannel.HTTP);
        EnrichedArticle enriched = new EnrichedArticle(article, new DetectedLanguage("en", 0.98, null, false),
                List.of(new NamedEntity("Vladimir Putin", EntityType.PERSON, List.of("Putin"), 2, 0, 5, true)),
                Map.of("summit", 2), new Dateline("Moscow", LocalDate.of(2021, 4, 13), "Moscow, April 13"),
                new NerReport(NerReport.OK, "english.all.3class.distsim", null, 12), Instant.parse("2021-04-13T10:05:01Z"), "Xinhua");
        String json = EventJson.mapper().writeValueAsString(enriched).replaceFirst("\\{", "{\"addedLater\":true,");
        assertThat(EventJson.mapper().readValue(json, EnrichedArticle.class)).isEqualTo(enriched);
    }

    private static void assertSameFields(String schemaFile, String property, Class<? extends Record> type) throws IOException {
        JsonNode schema = schema(schemaFile);
        JsonNode properties = property == null ? schema.get("properties") : schema.at("/properties/" + property + "/properties");
        assertThat(fieldNames(properties)).as("%s vs %s", schemaFile, type.getSimpleName()).isEqualTo(components(type));
    }

    private static JsonNode schema(String file) throws IOException {
        try (InputStream in = SchemaContractTest.class.getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as(file).isNotNull();
            return EventJson.mapper().readTree(in);
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> components(Class<? extends Record> type) {
        return new HashSet<>(Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList());
    }
}
