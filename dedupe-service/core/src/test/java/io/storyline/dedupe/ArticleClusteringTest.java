package io.storyline.dedupe;

import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.events.Article;
import io.storyline.events.DetectedLanguage;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.IngestChannel;
import io.storyline.events.MembershipReason;
import io.storyline.events.NamedEntity;
import io.storyline.events.NerReport;
import io.storyline.events.Story;
import io.storyline.events.TimeSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArticleClusteringTest {
    private static final Instant T0 = Instant.parse("2021-04-13T10:00:00Z");
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private static final String CALL = "US President Joe Biden proposed a summit with Russian President Vladimir Putin "
            + "in a third country during a telephone call on Tuesday, the White House said. The two presidents discussed "
            + "strategic stability, arms control, the situation in Ukraine and the build-up of Russian troops on its border. "
            + "Biden called on Russia to de-escalate tensions and said the summit could take place in the coming months "
            + "to discuss the full range of issues facing the United States and Russia.";
    private static final String REWRITE = "In a phone conversation the Kremlin described as businesslike, Putin heard "
            + "Biden offer a summit meeting in a third country. The leaders discussed Ukraine, the troop build-up, arms "
            + "control and strategic stability, and Biden urged Russia to de-escalate.";
    private static final String FLOOD = "Heavy rain flooded the river valley overnight and rescuers evacuated two villages; "
            + "the regional authorities declared an emergency as the water kept rising near the dam.";

    private static EnrichedArticle article(String id, String source, String title, String text, Instant published,
                                           List<NamedEntity> entities) {
        Map<String, Integer> terms = new TreeMap<>();
        for (String token : (title + "\n\n" + text).toLowerCase(Locale.ROOT).split("[^\\p{L}]+")) {
            if (token.length() > 3) {
                terms.merge(token, 1, Integer::sum);
            }
        }
        Article a = new Article(id, 1, "https://" + source + "/" + id, title, text, source, "en", null, null, null,
                published, TimeSource.FEED, published.plusSeconds(30), "h" + id, IngestChannel.FEED);
        return new EnrichedArticle(a, new DetectedLanguage("en", 0.99, "en", true), entities, terms, null,
                new NerReport(NerReport.OK, "test", null, 1), published.plusSeconds(31), null);
    }

    private static List<NamedEntity> presidents() {
        return List.of(new NamedEntity("Joe Biden", EntityType.PERSON, List.of("Biden"), 3, 0, 5, true),
                new NamedEntity("Vladimir Putin", EntityType.PERSON, List.of("Putin"), 3, 10, 15, true),
                new NamedEntity("Russia", EntityType.LOCATION, List.of("Russia"), 2, 20, 26, false));
    }

    @Test
    void aCopyJoinsItsOriginalAsNearDuplicateARewriteAsSimilarAndAnUnrelatedArticleStartsAStory() {
        ArticleClustering clustering = new ArticleClustering(NearDuplicateSettings.defaults(), StorySettings.defaults());
        var original = clustering.process(article("o", "wire.com", "Biden proposes summit to Putin", CALL, T0, presidents()), NOW);
        var copy = clustering.process(article("c", "paper.com", "Biden proposes summit to Putin", CALL,
                T0.plus(Duration.ofMinutes(20)), presidents()), NOW);
        var rewrite = clustering.process(article("r", "daily.com", "Putin and Biden discuss summit", REWRITE,
                T0.plus(Duration.ofHours(2)), presidents()), NOW);
        var flood = clustering.process(article("f", "daily.com", "Floods force evacuations", FLOOD,
                T0.plus(Duration.ofHours(3)), List.of()), NOW);

        assertThat(original.clustered().storyId()).isEqualTo("story-o");
        assertThat(original.clustered().reason().kind()).isEqualTo(MembershipReason.Kind.NEW_STORY);
        assertThat(copy.clustered().storyId()).isEqualTo("story-o");
        assertThat(copy.clustered().duplicateOf()).isEqualTo("o");
        assertThat(copy.clustered().similarity()).isGreaterThan(0.5);
        assertThat(copy.clustered().reason().kind()).isEqualTo(MembershipReason.Kind.NEAR_DUPLICATE);
        assertThat(rewrite.clustered().storyId()).isEqualTo("story-o");
        assertThat(rewrite.clustered().duplicateOf()).isNull();
        assertThat(rewrite.clustered().reason().kind()).isEqualTo(MembershipReason.Kind.SIMILAR);
        assertThat(flood.clustered().storyId()).isEqualTo("story-f");
        assertThat(clustering.openStories()).isEqualTo(2);

        Story story = rewrite.changedStories().get(0);
        assertThat(story.articleCount()).isEqualTo(3);
        assertThat(story.duplicateCount()).isEqualTo(1);
        assertThat(story.sourceCount()).isEqualTo(3);
        assertThat(story.version()).isEqualTo(3);
        assertThat(rewrite.clustered().clusteredAt()).isEqualTo(NOW);
        assertThat(rewrite.clustered().received()).isEqualTo(T0.plus(Duration.ofHours(2)).plusSeconds(30));
    }

    @Test
    void aRedeliveredArticleKeepsItsStoryAndIsNotItsOwnCopy() {
        ArticleClustering clustering = new ArticleClustering(NearDuplicateSettings.defaults(), StorySettings.defaults());
        EnrichedArticle a = article("o", "wire.com", "Biden proposes summit to Putin", CALL, T0, presidents());
        var first = clustering.process(a, NOW);
        var again = clustering.process(a, NOW);
        assertThat(again.clustered().storyId()).isEqualTo(first.clustered().storyId());
        assertThat(again.clustered().duplicateOf()).isNull();
        assertThat(again.changedStories().get(0).articleCount()).isEqualTo(1);
    }

    @Test
    void anArticleWithoutDetectedLanguageIsRefusedWithAReason() {
        ArticleClustering clustering = new ArticleClustering(NearDuplicateSettings.defaults(), StorySettings.defaults());
        EnrichedArticle a = article("x", "wire.com", "t", CALL, T0, List.of());
        EnrichedArticle noLanguage = new EnrichedArticle(a.article(), null, a.entities(), a.terms(), null, a.ner(), a.enrichedAt(), null);
        assertThatThrownBy(() -> clustering.process(noLanguage, NOW))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x").hasMessageContaining("language");
    }
}
