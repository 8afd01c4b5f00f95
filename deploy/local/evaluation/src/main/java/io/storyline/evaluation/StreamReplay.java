package io.storyline.evaluation;

import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.IngestChannel;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.events.TimeSource;
import io.storyline.nlp.ArticleAnalyzer;
import io.storyline.nlp.NlpSettings;

import io.storyline.events.EventJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Replays a labelled corpus as the services would see it: each article becomes an ingest {@link Article}, is
 * analysed by nlp-service's {@link ArticleAnalyzer} and decided by dedupe-service's {@link ArticleClustering}.
 */
public final class StreamReplay {
    /** Arrival time given to articles without a publication time when the corpus has no times at all. */
    static final Instant UNDATED_ARRIVALS = Instant.parse("2015-01-01T00:00:00Z");

    public enum Order {
        /** Publication time; articles without one follow, as the file lists them (their arrival order). */
        TIME,
        /** As the file lists them. */
        FILE,
        /**
         * By id: an order unrelated to the labels, for corpora whose file is grouped by label (a file sorted by
         * story makes online clustering look easier than any real stream).
         */
        ID
    }

    private StreamReplay() {
    }

    /**
     * The stream ingest would publish. Articles without a time get the next arrival time, one minute apart,
     * after the latest publication time in the corpus, marked {@link TimeSource#RECEIVED} exactly as ingest marks
     * an article whose feed gave no time.
     */
    public static List<Article> articles(List<LabelledArticle> corpus, Order order) {
        List<LabelledArticle> sorted = new ArrayList<>(corpus);
        if (order == Order.TIME) {
            // a stable sort: articles without a time, and ties, keep their file order
            sorted.sort(Comparator.comparing(LabelledArticle::published, Comparator.nullsLast(Comparator.naturalOrder())));
        } else if (order == Order.ID) {
            sorted.sort(Comparator.comparing(LabelledArticle::id));
        }
        Instant latest = corpus.stream().map(LabelledArticle::published).filter(p -> p != null)
                .max(Comparator.naturalOrder()).orElse(UNDATED_ARRIVALS);
        List<Article> out = new ArrayList<>();
        int undated = 0;
        for (LabelledArticle a : sorted) {
            Instant published = a.published();
            TimeSource source = TimeSource.FEED;
            Instant received = published;
            if (published == null) {
                received = latest.plusSeconds(60L * ++undated);
                published = received;
                source = TimeSource.RECEIVED;
            }
            out.add(new Article(a.id(), 1, "file:" + a.id(), a.title(), a.text(), null, a.language(), null, null, null,
                    published, source, received, sha256(a.title() + "\n\n" + a.text()), IngestChannel.FILE));
        }
        return out;
    }

    /**
     * The service's nlp settings, except the per-article timeout: the service sheds an article that takes too long
     * under load, a measurement must not lose articles to a busy machine. The analysis itself is the same.
     */
    public static NlpSettings nlpSettings() {
        return NlpSettings.defaults().withArticleTimeout(java.time.Duration.ofMinutes(2));
    }

    /** Analysed articles in stream order, and the ids nlp-service rejected (with the reason). */
    public record Analysed(List<EnrichedArticle> articles, Map<String, String> rejected, double seconds) {
    }

    /** Analyses on all cores (the analyser is thread-safe); the result keeps the stream order. */
    public static Analysed analyse(ArticleAnalyzer analyzer, List<Article> stream) {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
        try {
            List<Future<EnrichedArticle>> futures = new ArrayList<>();
            for (Article a : stream) {
                futures.add(pool.submit(() -> analyzer.analyze(a)));
            }
            List<EnrichedArticle> out = new ArrayList<>();
            Map<String, String> rejected = new LinkedHashMap<>();
            for (int i = 0; i < stream.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    rejected.put(stream.get(i).id(), String.valueOf(e.getCause().getMessage()));
                }
            }
            return new Analysed(out, rejected, (System.nanoTime() - start) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analysing", e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Reads analysed articles written by {@link #writeAnalysis}, checking they are this stream's articles. */
    public static Analysed readAnalysis(Path file, List<Article> stream) {
        Map<String, EnrichedArticle> byId = new LinkedHashMap<>();
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            for (String line : (Iterable<String>) lines::iterator) {
                EnrichedArticle e = EventJson.mapper().readValue(line, EnrichedArticle.class);
                byId.put(e.article().id(), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read analysis cache " + file, e);
        }
        List<EnrichedArticle> out = new ArrayList<>();
        Map<String, String> missing = new LinkedHashMap<>();
        for (Article a : stream) {
            EnrichedArticle e = byId.get(a.id());
            if (e == null || !e.article().contentHash().equals(a.contentHash())) {
                missing.put(a.id(), "not in analysis cache " + file);
            } else {
                // the cached article carries the arrival times of its own replay; use this replay's
                out.add(new EnrichedArticle(a, e.language(), e.entities(), e.terms(), e.dateline(), e.ner(), e.enrichedAt(), e.outlet()));
            }
        }
        return new Analysed(out, missing, 0);
    }

    public static void writeAnalysis(Path file, Analysed analysed) {
        try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (EnrichedArticle e : analysed.articles()) {
                out.write(EventJson.mapper().writeValueAsString(e));
                out.newLine();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write analysis cache " + file, e);
        }
    }

    /**
     * The stories of one replay.
     *
     * @param storyOf        article id to event (story) id
     * @param storylineOf    article id to storyline id
     * @param stories        last snapshot of every event, in order of creation
     * @param storylines     last snapshot of every storyline, in order of creation
     * @param nearDuplicates articles judged near-duplicates
     */
    public record Outcome(Map<String, String> storyOf, Map<String, String> storylineOf, List<Story> stories,
                          List<Storyline> storylines, int nearDuplicates, double seconds) {
    }

    public static Outcome cluster(List<EnrichedArticle> stream, NearDuplicateSettings nd, StorySettings settings) {
        long start = System.nanoTime();
        ArticleClustering clustering = new ArticleClustering(nd, settings);
        Map<String, String> storyOf = new LinkedHashMap<>();
        Map<String, String> storylineOf = new LinkedHashMap<>();
        Map<String, Story> latest = new LinkedHashMap<>();
        Map<String, Storyline> latestLines = new LinkedHashMap<>();
        int duplicates = 0;
        Instant now = Instant.EPOCH; // output stamp only; keeps replays byte-identical
        for (EnrichedArticle a : stream) {
            ArticleClustering.Decision d = clustering.process(a, now);
            storyOf.put(a.article().id(), d.clustered().storyId());
            storylineOf.put(a.article().id(), d.clustered().storylineId());
            if (d.clustered().duplicateOf() != null) {
                duplicates++;
            }
            for (Story s : d.changedStories()) {
                latest.put(s.id(), s);
            }
            for (Storyline s : d.changedStorylines()) {
                latestLines.put(s.id(), s);
            }
        }
        return new Outcome(storyOf, storylineOf, List.copyOf(latest.values()), List.copyOf(latestLines.values()), duplicates,
                (System.nanoTime() - start) / 1e9);
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
