package io.storyline.dedupe.story;

import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.RedeliveryLedger;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EntityType;
import io.storyline.events.MembershipReason;
import io.storyline.events.testing.RepositoryPaths;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restore replays the input through {@link ArticleClustering#replay}, which builds no outputs. Whatever prefix of
 * a stream was replayed, the decisions that follow must be exactly those of a service that processed the whole
 * stream live: same stories, members, reasons, duplicates, headlines, entity summaries and snapshot versions.
 */
class ReplayEquivalenceTest {
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    /** One partition's state, composed as listener.StoryDesk composes it. */
    private static final class Desk {
        final RedeliveryLedger ledger = new RedeliveryLedger(NearDuplicateSettings.defaults().window());
        final ArticleClustering clustering = new ArticleClustering(NearDuplicateSettings.defaults(), StorySettings.defaults());

        ArticleClustering.Decision decide(EnrichedArticle a) {
            return ledger.firstDelivery(a.article().id(), a.article().revision(), a.article().received())
                    ? clustering.process(a, NOW) : null;
        }

        void replay(EnrichedArticle a) {
            if (ledger.firstDelivery(a.article().id(), a.article().revision(), a.article().received())) {
                clustering.replay(a);
            }
        }
    }

    @Test
    void decisionsAfterAReplayEqualThoseOfAnUninterruptedLiveRun() throws IOException {
        List<EnrichedArticle> stream = stream();
        Desk live = new Desk();
        List<ArticleClustering.Decision> expected = new ArrayList<>();
        for (EnrichedArticle a : stream) {
            expected.add(live.decide(a));
        }
        // the stream exercises every path a replay must reproduce, or the comparison proves little
        List<ArticleClustering.Decision> decided = expected.stream().filter(Objects::nonNull).toList();
        assertThat(decided.stream().map(d -> d.clustered().reason().kind()))
                .contains(MembershipReason.Kind.NEW_STORY, MembershipReason.Kind.SIMILAR, MembershipReason.Kind.NEAR_DUPLICATE);
        assertThat(decided).anyMatch(d -> d.changedStories().stream().anyMatch(s -> s.status() == io.storyline.events.Story.Status.CLOSED));
        assertThat(decided).anyMatch(d -> d.clustered().revision() > 1);
        assertThat(expected).contains((ArticleClustering.Decision) null); // redeliveries
        assertThat(decided).anyMatch(d -> d.changedStories().stream().anyMatch(s -> s.articleCount() > 8));

        for (int split : new int[] {1, 37, stream.size() / 3, stream.size() / 2, stream.size() - 5}) {
            Desk restored = new Desk();
            for (EnrichedArticle a : stream.subList(0, split)) {
                restored.replay(a);
            }
            for (int i = split; i < stream.size(); i++) {
                assertThat(restored.decide(stream.get(i)))
                        .as("article %d (%s) after replaying %d", i, stream.get(i).article().id(), split)
                        .isEqualTo(expected.get(i));
            }
            assertThat(restored.clustering.openStories()).isEqualTo(live.clustering.openStories());
        }
    }

    /**
     * Eleven real texts (the seeds and the unrelated test articles) rewritten into 30 disjoint news worlds (a letter
     * permutation each), each world 6 hours after the previous one with a 4-day pause half-way so that stories close;
     * within a world, every text is written up by two outlets (the second a rewrite: paragraphs in another order),
     * and there are wire copies from other outlets, redeliveries, and new revisions with and without a new headline.
     */
    static List<EnrichedArticle> stream() throws IOException {
        List<String[]> texts = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            texts.add(lines(ReplayEquivalenceTest.class.getResourceAsStream("/articles/unrelated-" + i + ".txt")));
        }
        Path seeds = RepositoryPaths.seeds();
        try (var files = Files.list(seeds)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
                try (InputStream in = Files.newInputStream(p)) {
                    texts.add(lines(in));
                }
            }
        }
        assertThat(texts).hasSize(11);
        Random random = new Random(7);
        List<EnrichedArticle> out = new ArrayList<>();
        Instant t = Instant.parse("2021-04-13T06:00:00Z");
        for (int world = 0; world < 30; world++) {
            if (world == 15) {
                t = t.plus(Duration.ofDays(4));
            }
            int w = world;
            List<EnrichedArticle> written = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                order.add(i);
                order.add(i);
            }
            Collections.shuffle(order, random);
            Set<Integer> seen = new LinkedHashSet<>();
            for (int k : order) {
                t = t.plusSeconds(60 + random.nextInt(900));
                String[] text = texts.get(k);
                boolean rewrite = !seen.add(k);
                String id = "w" + world + "-t" + k + (rewrite ? "-b" : "-a");
                EnrichedArticle a = article(id, rewrite ? "daily" + k + ".example" : "wire.example", text, rewrite, w, t, 1, "");
                out.add(a);
                written.add(a);
                if (random.nextInt(5) == 0) {
                    // a wire copy in another outlet, a few minutes later
                    t = t.plusSeconds(120);
                    out.add(article(id + "-copy", "paper" + random.nextInt(4) + ".example", text, rewrite, w, t, 1, ""));
                }
                if (random.nextInt(9) == 0) {
                    out.add(written.get(random.nextInt(written.size()))); // a redelivery
                }
                if (random.nextInt(11) == 0) {
                    EnrichedArticle old = written.get(random.nextInt(written.size()));
                    boolean retitled = random.nextBoolean();
                    String oldId = old.article().id();
                    int textIndex = Integer.parseInt(oldId.substring(oldId.indexOf("-t") + 2, oldId.lastIndexOf('-')));
                    out.add(article(oldId, old.article().source(), texts.get(textIndex), oldId.endsWith("-b"), w,
                            t, 2, retitled ? " (updated)" : ""));
                }
            }
            t = t.plus(Duration.ofHours(6));
        }
        return out;
    }

    private static EnrichedArticle article(String id, String source, String[] text, boolean rewrite, int world,
                                           Instant at, int revision, String titleSuffix) {
        List<String> paragraphs = new ArrayList<>(List.of(text).subList(1, text.length));
        if (rewrite) {
            Collections.reverse(paragraphs);
        }
        String title = cipher(text[0], world) + titleSuffix;
        String body = cipher(String.join("\n\n", paragraphs), world);
        Articles b = Articles.article(id).revision(revision).source(source).title(title).text(body).published(at);
        // capitalised runs stand in for nlp's entities, most mentioned first
        java.util.Map<String, Integer> names = new java.util.LinkedHashMap<>();
        Matcher m = Pattern.compile("\\b\\p{Lu}\\p{L}+(?: \\p{Lu}\\p{L}+)*").matcher(body);
        while (m.find()) {
            names.merge(m.group(), 1, Integer::sum);
        }
        EntityType[] types = EntityType.values();
        names.entrySet().stream()
                .sorted((x, y) -> y.getValue() - x.getValue())
                .limit(12)
                .forEach(e -> b.entity(e.getKey(), types[Math.floorMod(e.getKey().hashCode(), types.length)], e.getValue()));
        return b.build();
    }

    private static String[] lines(InputStream in) throws IOException {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip().split("\\R+");
        }
    }

    /** A letter permutation of a-z (both cases) for one world; world 0 is the text itself. */
    private static String cipher(String s, int world) {
        if (world == 0) {
            return s;
        }
        List<Character> letters = new ArrayList<>();
        for (char c = 'a'; c <= 'z'; c++) {
            letters.add(c);
        }
        List<Character> shuffled = new ArrayList<>(letters);
        Collections.shuffle(shuffled, new Random(world));
        char[] out = s.toCharArray();
        for (int i = 0; i < out.length; i++) {
            char c = out[i];
            if (c >= 'a' && c <= 'z') {
                out[i] = shuffled.get(c - 'a');
            } else if (c >= 'A' && c <= 'Z') {
                out[i] = Character.toUpperCase(shuffled.get(c - 'A'));
            }
        }
        return new String(out);
    }
}
