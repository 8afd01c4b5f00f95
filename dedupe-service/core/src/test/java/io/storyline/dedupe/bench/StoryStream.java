package io.storyline.dedupe.bench;

import io.storyline.events.Article;
import io.storyline.events.Dateline;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventJson;
import io.storyline.events.NamedEntity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * A long stream of enriched articles built from a block of real analyser outputs (see
 * {@link NewsroomEnrichedCorpus}). Epoch 0 is the block as analysed. Each further epoch is the block again as a
 * disjoint news world: every letter of titles, texts, term keys and entity names goes through a letter permutation
 * of its own (lengths, word boundaries, case and the final "s" of plurals kept, so shingles, term counts, entity
 * weights and headline matching behave as in the original), with new ids and urls, and every time (published,
 * received, dateline) shifted by the epoch number times the block's span, so the stream's clock keeps advancing
 * at the block's rate. Stories, near-duplicate copies and their proportions are those of the block; no epoch
 * matches another's stories or copies, as articles about different events would not.
 */
final class StoryStream {

    private StoryStream() {
    }

    static List<EnrichedArticle> read(Path gzipJsonLines) throws IOException {
        List<EnrichedArticle> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(gzipJsonLines)), StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (!line.isBlank()) {
                    out.add(EventJson.mapper().readValue(line, EnrichedArticle.class));
                }
            }
        }
        return out;
    }

    /** The first {@code count} articles of the stream built from {@code block} (in arrival order). */
    static List<EnrichedArticle> build(List<EnrichedArticle> block, int count) {
        return slice(block, 0, count);
    }

    /**
     * Articles {@code from} (inclusive) to {@code to} (exclusive) of the stream built from {@code block}: a long
     * stream is built a slice at a time, as 100k articles with their texts and term maps would not fit a small heap.
     */
    static List<EnrichedArticle> slice(List<EnrichedArticle> block, int from, int to) {
        if (block.isEmpty()) {
            throw new IllegalArgumentException("no articles to build a stream from");
        }
        Instant first = block.get(0).article().received();
        Instant last = block.get(block.size() - 1).article().received();
        // the block's span plus one mean gap, so epoch k+1 starts about where epoch k's rate would put it
        Duration span = Duration.between(first, last).plus(Duration.between(first, last).dividedBy(Math.max(1, block.size() - 1)));
        List<EnrichedArticle> out = new ArrayList<>(to - from);
        Cipher cipher = null;
        int cipherEpoch = -1;
        for (int i = from; i < to; i++) {
            int epoch = i / block.size();
            EnrichedArticle a = block.get(i % block.size());
            if (epoch == 0) {
                out.add(a);
                continue;
            }
            if (epoch != cipherEpoch) {
                cipher = new Cipher(epoch);
                cipherEpoch = epoch;
            }
            out.add(copy(a, epoch, cipher, span.multipliedBy(epoch)));
        }
        return out;
    }

    private static EnrichedArticle copy(EnrichedArticle e, int epoch, Cipher c, Duration shift) {
        Article a = e.article();
        Article moved = new Article(a.id() + "-e" + epoch, a.revision(), a.url() == null ? null : a.url() + "?epoch=" + epoch,
                c.apply(a.title()), c.apply(a.text()), a.source(), a.language(), a.author(), a.section(), a.feedId(),
                plus(a.published(), shift), a.publishedSource(), plus(a.received(), shift),
                a.contentHash() == null ? null : a.contentHash() + "-e" + epoch, a.channel());
        List<NamedEntity> entities = null;
        if (e.entities() != null) {
            entities = new ArrayList<>(e.entities().size());
            for (NamedEntity n : e.entities()) {
                List<String> forms = n.surfaceForms() == null ? null : n.surfaceForms().stream().map(c::apply).toList();
                entities.add(new NamedEntity(c.apply(n.canonical()), n.type(), forms, n.mentions(), n.firstBegin(),
                        n.firstEnd(), n.inHeadline()));
            }
        }
        Map<String, Integer> terms = null;
        if (e.terms() != null) {
            terms = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> t : e.terms().entrySet()) {
                terms.merge(c.apply(t.getKey()), t.getValue(), Integer::sum);
            }
        }
        Dateline dateline = e.dateline();
        if (dateline != null) {
            dateline = new Dateline(c.apply(dateline.place()),
                    dateline.date() == null ? null
                            : dateline.date().atTime(LocalTime.NOON).toInstant(ZoneOffset.UTC).plus(shift).atZone(ZoneOffset.UTC).toLocalDate(),
                    c.apply(dateline.text()));
        }
        return new EnrichedArticle(moved, e.language(), entities, terms, dateline, e.ner(), plus(e.enrichedAt(), shift), e.outlet());
    }

    private static Instant plus(Instant t, Duration d) {
        return t == null ? null : t.plus(d);
    }

    /** A permutation of a-z that keeps 's' (plural stripping must still work), applied to both cases. */
    private static final class Cipher {
        private final char[] lower = new char[26];

        Cipher(int epoch) {
            List<Character> others = new ArrayList<>();
            for (char ch = 'a'; ch <= 'z'; ch++) {
                if (ch != 's') {
                    others.add(ch);
                }
            }
            List<Character> shuffled = new ArrayList<>(others);
            Collections.shuffle(shuffled, new Random(epoch * 7919L + 17));
            for (int i = 0; i < others.size(); i++) {
                lower[others.get(i) - 'a'] = shuffled.get(i);
            }
            lower['s' - 'a'] = 's';
        }

        String apply(String s) {
            if (s == null) {
                return null;
            }
            char[] out = s.toCharArray();
            for (int i = 0; i < out.length; i++) {
                char ch = out[i];
                if (ch >= 'a' && ch <= 'z') {
                    out[i] = lower[ch - 'a'];
                } else if (ch >= 'A' && ch <= 'Z') {
                    out[i] = Character.toUpperCase(lower[ch - 'A']);
                }
            }
            return new String(out);
        }
    }
}
