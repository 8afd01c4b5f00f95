package io.storyline.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import io.storyline.events.EventJson;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IntSummaryStatistics;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class NewsroomTest {

    private static final NewsroomSettings SETTINGS = NewsroomSettings.defaults();
    private static List<ArticleDraft> articles;
    private static Map<String, ArticleDraft> byUrl;

    @BeforeAll
    static void generate() {
        articles = new Newsroom(42, SETTINGS).stream().limit(4000).toList();
        byUrl = articles.stream().collect(Collectors.toMap(ArticleDraft::url, a -> a));
    }

    @Test
    void sameSeedGivesSameStreamAndOtherSeedsDiffer() {
        List<ArticleDraft> again = new Newsroom(42, SETTINGS).stream().limit(300).toList();
        assertThat(again).isEqualTo(articles.subList(0, 300));
        List<ArticleDraft> other = new Newsroom(43, SETTINGS).stream().limit(300).toList();
        assertThat(other.stream().map(ArticleDraft::body).collect(Collectors.toSet()))
                .doesNotContainAnyElementsOf(articles.subList(0, 300).stream().map(ArticleDraft::body).toList());
    }

    @Test
    void urlsAreUniqueAndLookLikeOutletArticles() {
        assertThat(byUrl).hasSize(articles.size());
        assertThat(articles).allSatisfy(a -> assertThat(a.url()).matches("https://[a-z0-9.-]+\\.[a-z]+/[a-z]+/[a-z0-9-]+"));
    }

    @Test
    void publishedTimesAdvanceLikeADayOfNews() {
        List<ArticleDraft> days = new Newsroom(7, SETTINGS.withArticlesPerDay(1500)).stream().limit(4500).toList();
        int[] perHour = new int[24];
        Instant previous = SETTINGS.start();
        for (ArticleDraft a : days) {
            assertThat(a.published()).isAfterOrEqualTo(previous);
            previous = a.published();
            perHour[a.published().atZone(ZoneOffset.UTC).getHour()]++;
        }
        Duration span = Duration.between(SETTINGS.start(), previous);
        assertThat(span.toHours()).isBetween(60L, 84L); // 4500 articles at 1500 a day is about three days
        int night = perHour[1] + perHour[2] + perHour[3] + perHour[4];
        int day = perHour[10] + perHour[11] + perHour[12] + perHour[13];
        assertThat(day).isGreaterThan(4 * night);
    }

    @Test
    void lengthsVaryAroundSixHundredWords() {
        IntSummaryStatistics words = articles.stream().filter(a -> !a.isCopy()).mapToInt(ArticleDraft::wordCount).summaryStatistics();
        assertThat(words.getMin()).isGreaterThanOrEqualTo(Newsroom.MIN_WORDS - 30);
        assertThat(words.getMax()).isLessThanOrEqualTo(Newsroom.MAX_WORDS + 60);
        assertThat(words.getAverage()).isBetween(520.0, 680.0);
        long shortOnes = articles.stream().filter(a -> a.wordCount() < 350).count();
        long longOnes = articles.stream().filter(a -> a.wordCount() > 850).count();
        assertThat(shortOnes).isGreaterThan(articles.size() / 40);
        assertThat(longOnes).isGreaterThan(articles.size() / 40);
    }

    @Test
    void noArticleRepeatsAParagraphOrASentence() {
        for (ArticleDraft a : articles) {
            assertThat(new HashSet<>(a.paragraphs())).as(a.url()).hasSameSizeAs(a.paragraphs());
            List<String> sentences = List.of(a.body().split("(?<=[.!?\"])\\s+"));
            assertThat(sentences.stream().filter(s -> Wording.words(s) > 6).distinct().count())
                    .as(a.url()).isEqualTo(sentences.stream().filter(s -> Wording.words(s) > 6).count());
        }
    }

    @Test
    void copiesAreCloseToTheirWireOriginal() {
        List<ArticleDraft> copies = articles.stream().filter(ArticleDraft::isCopy).toList();
        assertThat((double) copies.size() / articles.size()).isBetween(SETTINGS.duplicateShare() - 0.03, SETTINGS.duplicateShare() + 0.03);
        for (ArticleDraft copy : copies) {
            ArticleDraft original = byUrl.get(copy.copyOf());
            assertThat(original).as("original of " + copy.url()).isNotNull();
            assertThat(original.isCopy()).isFalse();
            assertThat(original.published()).isBeforeOrEqualTo(copy.published());
            assertThat(copy.source()).isNotEqualTo(original.source());
            assertThat(copy.eventKey()).isEqualTo(original.eventKey());
            assertThat(copy.title()).isNotEqualTo(original.title());
            assertThat(copy.body()).isNotEqualTo(original.body());
            assertThat(jaccard(shingles(copy.body()), shingles(original.body()))).as(copy.url()).isGreaterThan(0.55);
        }
    }

    @Test
    void independentWriteUpsOfOneEventShareEntitiesButNotText() {
        Map<String, List<ArticleDraft>> byEvent = articles.stream().filter(a -> !a.isCopy())
                .collect(Collectors.groupingBy(ArticleDraft::eventKey));
        int pairs = 0;
        double total = 0;
        for (List<ArticleDraft> writeUps : byEvent.values()) {
            ArticleDraft a = writeUps.get(0);
            Set<String> first = shingles(a.body());
            Set<String> firstNames = capitalised(a.body());
            for (int i = 1; i < writeUps.size(); i++) {
                ArticleDraft b = writeUps.get(i);
                double similarity = jaccard(first, shingles(b.body()));
                assertThat(similarity).as(a.url() + " vs " + b.url()).isLessThan(0.3);
                total += similarity;
                pairs++;
                // the same people, places and organisations: capitalised words in common
                Set<String> names = new HashSet<>(firstNames);
                names.retainAll(capitalised(b.body()));
                assertThat(names).as(a.url() + " vs " + b.url()).hasSizeGreaterThanOrEqualTo(2);
            }
        }
        assertThat(pairs).isGreaterThan(500);
        assertThat(total / pairs).isLessThan(0.08);
    }

    @Test
    void eventsAreSharedByAboutTheConfiguredNumberOfWriteUps() {
        long originals = articles.stream().filter(a -> !a.isCopy()).count();
        long events = articles.stream().map(ArticleDraft::eventKey).distinct().count();
        assertThat((double) originals / events).isBetween(SETTINGS.articlesPerEventMean() * 0.8, SETTINGS.articlesPerEventMean() * 1.2);
        Set<String> kinds = articles.stream().map(a -> a.eventKey().replaceAll("-\\d+$", "")).collect(Collectors.toSet());
        assertThat(kinds).containsExactlyInAnyOrder(Vocabulary.KINDS);

        List<ArticleDraft> alone = new Newsroom(5, SETTINGS.withArticlesPerEventMean(1).withDuplicateShare(0)).stream().limit(500).toList();
        assertThat(alone.stream().map(ArticleDraft::eventKey).distinct().count()).isEqualTo(500);
        assertThat(alone).noneMatch(ArticleDraft::isCopy);
    }

    @Test
    void jsonIsIngestsArticleBody() throws Exception {
        ArticleDraft a = articles.get(0);
        JsonNode json = EventJson.mapper().readTree(a.toJson());
        assertThat(json.get("url").asText()).isEqualTo(a.url());
        assertThat(json.get("title").asText()).isEqualTo(a.title());
        assertThat(json.get("body").asText()).isEqualTo(a.body()).contains("\n\n");
        assertThat(json.get("source").asText()).isEqualTo(a.source());
        assertThat(json.get("language").asText()).isEqualTo("en");
        assertThat(Instant.parse(json.get("published").asText())).isEqualTo(a.published());
        assertThat(json.get("published").asText()).endsWith("Z");
    }

    /** Every {slot} any template line can produce is bound for its kind, including those inside rarely picked alternatives. */
    @Test
    void everyTemplateSlotIsBound() {
        Vocabulary vocabulary = Vocabulary.standard();
        Pattern slot = Pattern.compile("\\{([A-Za-z0-9_]+)}");
        Set<String> common = Set.of("city", "CITY", "country", "weekday", "month", "date", "year", "next_year", "outlet", "wire");
        List<EventKind> kinds = new ArrayList<>(vocabulary.kinds());
        for (EventKind kind : kinds) {
            Set<String> bound = new HashSet<>(common);
            for (EventKind.Slot s : kind.slots()) {
                bound.add(s.name());
                bound.add(s.name() + ("person".equals(s.type()) ? "_last" : "_country"));
            }
            List<String> lines = new ArrayList<>(kind.headlines());
            lines.addAll(kind.leads());
            lines.addAll(kind.bodies());
            lines.addAll(kind.quotes());
            lines.addAll(vocabulary.background(kind));
            lines.addAll(vocabulary.generic().boilerplate());
            Set<String> boundInFollowUps = new HashSet<>(bound);
            boundInFollowUps.addAll(Set.of("first_weekday", "first_date"));
            List<String> followUps = new ArrayList<>(kind.followUpHeadlines());
            followUps.addAll(kind.followUpLeads());
            followUps.addAll(kind.followUpBodies());
            lines.addAll(followUps);
            for (String line : lines) {
                Matcher m = slot.matcher(line);
                while (m.find()) {
                    assertThat(followUps.contains(line) ? boundInFollowUps : bound).as(kind.name() + ": " + line).contains(m.group(1));
                }
                assertThat(line.chars().filter(c -> c == '[').count()).as(line).isEqualTo(line.chars().filter(c -> c == ']').count());
            }
            assertThat(kind.headlines()).as(kind.name()).hasSizeGreaterThanOrEqualTo(4);
            assertThat(kind.bodies().size() + kind.quotes().size()).as(kind.name()).isGreaterThanOrEqualTo(14);
            // central banks do not decide again days later; every other kind can develop into a storyline
            assertThat(kind.developing()).as(kind.name()).isEqualTo(!kind.name().equals("rate_decision"));
            if (kind.developing()) {
                assertThat(kind.followUpHeadlines()).as(kind.name()).hasSizeGreaterThanOrEqualTo(3);
                assertThat(kind.followUpLeads()).as(kind.name()).hasSizeGreaterThanOrEqualTo(3);
                assertThat(kind.followUpBodies()).as(kind.name()).hasSizeGreaterThanOrEqualTo(3)
                        .anyMatch(b -> b.contains("{first_date}"));
                // a follow-up keeps people or organisations, not only a place and a phrase
                assertThat(kind.storyline()).as(kind.name()).anyMatch(c -> {
                    EventKind.Slot s = kind.slot(c.slot());
                    return s != null && (s.type().equals("person") || s.type().equals("org"));
                });
            }
        }
    }

    /** Four days of news at 1,500 articles a day: long enough for storylines to develop. */
    private static List<ArticleDraft> days() {
        return new Newsroom(11, SETTINGS.withArticlesPerDay(1500)).stream().limit(6000).toList();
    }

    private record Event(String key, String storyline, List<ArticleDraft> articles) {
        String kind() {
            return key.substring(0, key.lastIndexOf('-'));
        }

        Instant start() {
            return articles.get(0).published();
        }
    }

    private static Map<String, Event> events(List<ArticleDraft> stream) {
        Map<String, Event> events = new java.util.LinkedHashMap<>();
        for (ArticleDraft a : stream) {
            Event e = events.computeIfAbsent(a.eventKey(), k -> new Event(k, a.storylineKey(), new ArrayList<>()));
            assertThat(a.storylineKey()).as("every article of an event is in its event's storyline").isEqualTo(e.storyline());
            e.articles().add(a);
        }
        return events;
    }

    @Test
    void streamsWithStorylinesAreDeterministicToo() {
        assertThat(new Newsroom(11, SETTINGS.withArticlesPerDay(1500)).stream().limit(6000).toList()).isEqualTo(days());
        assertThat(articles).allSatisfy(a -> assertThat(a.storylineKey()).isNotNull());
    }

    @Test
    void someEventsFollowUpAnEarlierOneOfTheSameKindAndActorsDaysLater() {
        Map<String, Event> events = events(days());
        Instant firstDay = SETTINGS.start().plus(Newsroom.FOLLOW_UP_MIN_GAP);
        List<Event> late = events.values().stream().filter(e -> e.start().isAfter(firstDay.plus(Duration.ofHours(6)))).toList();
        List<Event> followUps = late.stream().filter(e -> !e.storyline().equals(e.key())).toList();
        // 30% of the events of the 13 kinds that develop, once a storyline is a day old
        assertThat((double) followUps.size() / late.size()).isBetween(0.18, 0.38);
        int recalled = 0;
        for (Event e : followUps) {
            Event first = events.get(e.storyline());
            assertThat(first).as("first event of " + e.key()).isNotNull();
            assertThat(e.kind()).isEqualTo(first.kind()).isNotEqualTo("rate_decision");
            assertThat(Duration.between(first.start(), e.start())).as(e.key()).isGreaterThanOrEqualTo(Newsroom.FOLLOW_UP_MIN_GAP);
            ArticleDraft a = e.articles().stream().filter(d -> !d.isCopy()).findFirst().orElseThrow();
            ArticleDraft b = first.articles().stream().filter(d -> !d.isCopy()).findFirst().orElseThrow();
            // the same principal actors, in other words: not a copy, nor a write-up of the same happening
            Set<String> names = capitalised(a.body());
            names.retainAll(capitalised(b.body()));
            assertThat(names).as(a.url() + " vs " + b.url()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(jaccard(shingles(a.body()), shingles(b.body()))).as(a.url() + " vs " + b.url()).isLessThan(0.3);
            String day = b.published().atZone(ZoneOffset.UTC).getDayOfMonth() + " "
                    + b.published().atZone(ZoneOffset.UTC).getMonth().getDisplayName(java.time.format.TextStyle.FULL, Locale.UK);
            recalled += e.articles().stream().anyMatch(d -> d.body().contains(day)) ? 1 : 0;
        }
        // most follow-ups recall the day their storyline began in some write-up
        assertThat(recalled).isGreaterThan(followUps.size() / 2);
    }

    @Test
    void unrelatedEventsOfAKindOverlapInTimeAndAreSeparateStorylines() {
        Map<String, Event> events = events(days());
        Map<String, List<Event>> byKind = events.values().stream().collect(Collectors.groupingBy(Event::kind));
        assertThat(byKind.keySet()).containsExactlyInAnyOrder(Vocabulary.KINDS);
        for (var kind : byKind.entrySet()) {
            long storylines = kind.getValue().stream().map(Event::storyline).distinct().count();
            // four days of 90-odd events of a kind each: many developing stories, not one per kind
            assertThat(storylines).as(kind.getKey()).isGreaterThan(kind.getValue().size() / 2);
            List<Instant> starts = kind.getValue().stream().map(Event::start).sorted().toList();
            int overlapping = 0;
            for (int i = 1; i < starts.size(); i++) {
                overlapping += Duration.between(starts.get(i - 1), starts.get(i)).toHours() < 2 ? 1 : 0;
            }
            assertThat(overlapping).as(kind.getKey() + ": events of a kind an hour or two apart").isGreaterThan(starts.size() / 3);
        }
    }

    private static Set<String> shingles(String text) {
        String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z0-9']+");
        Set<String> shingles = new HashSet<>();
        for (int i = 0; i + 5 <= words.length; i++) {
            shingles.add(words[i] + ' ' + words[i + 1] + ' ' + words[i + 2] + ' ' + words[i + 3] + ' ' + words[i + 4]);
        }
        return shingles;
    }

    private static double jaccard(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        return union.isEmpty() ? 0 : (double) common.size() / union.size();
    }

    private static Set<String> capitalised(String text) {
        Map<String, Integer> counts = new HashMap<>();
        for (String word : text.split("[^A-Za-z']+")) {
            if (word.length() > 3 && Character.isUpperCase(word.charAt(0))) {
                counts.merge(word, 1, Integer::sum);
            }
        }
        return new HashSet<>(counts.keySet());
    }
}
