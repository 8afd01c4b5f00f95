package io.storyline.nlp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import edu.stanford.nlp.ling.CoreLabel;
import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventJson;
import io.storyline.events.IngestChannel;
import io.storyline.events.NamedEntity;
import io.storyline.events.TimeSource;
import io.storyline.events.testing.RepositoryPaths;
import io.storyline.nlp.ArticleAnalyzer;
import io.storyline.nlp.Deadline;
import io.storyline.nlp.NlpSettings;
import io.storyline.nlp.NlpSettings.NerScope;
import io.storyline.nlp.entity.CrfEntityRecognizer;
import io.storyline.nlp.language.LanguageIdentifier;
import io.storyline.nlp.terms.TermCounter;
import io.storyline.nlp.text.ArticleText;
import io.storyline.nlp.text.EnglishTokenizer;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Load benchmark of the analyzer on ~600-word English articles: articles/s on one core for each NER scope,
 * recall of LEAD and HYBRID against FULL (model on every sentence), model load time, heap, and where the
 * time goes. Run by deploy/local/bench-nlp.sh; the last stdout line is one JSON object.
 *
 * <p>Args: corpus (a jsonl with title/text/lang per line; default {@code ../shared/data/wikiref220-dev.jsonl} beside
 * the repository root), seeds directory (default the repository's {@code seeds/}), seconds per scope. A corpus or
 * seeds directory that is missing is an error naming its path.
 */
public final class NlpBench {
    /** Below the shared data directory beside the repository ({@code ../shared}). */
    private static final String DEFAULT_CORPUS = "data/wikiref220-dev.jsonl";

    public static void main(String[] args) throws Exception {
        Path corpus = args.length > 0 ? RepositoryPaths.existing(Path.of(args[0]), "the corpus argument")
                : RepositoryPaths.existing(RepositoryPaths.shared(DEFAULT_CORPUS), "the corpus argument");
        Path seeds = args.length > 1 ? RepositoryPaths.existing(Path.of(args[1]), "the seeds argument")
                : RepositoryPaths.seeds();
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 8;

        long heapBefore = usedHeapAfterGc();
        long t0 = System.nanoTime();
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        NlpSettings base = NlpSettings.defaults().withCacheSize(0).withArticleTimeout(Duration.ofMinutes(1));
        // The service's analyzer first (defaults), so load time and heap are what the service pays.
        ArticleAnalyzer hybrid = ArticleAnalyzer.create(base);
        long startupMillis = (System.nanoTime() - t0) / 1_000_000;
        long startupCpuMillis = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1_000_000;
        long heapLoaded = usedHeapAfterGc();
        ArticleAnalyzer lead = ArticleAnalyzer.create(base.withNerScope(NerScope.LEAD));
        ArticleAnalyzer full = ArticleAnalyzer.create(base.withNerScope(NerScope.FULL));
        ArticleAnalyzer hybridLongLead = ArticleAnalyzer.create(base.withNerScope(NerScope.HYBRID).withNerLeadTokens(140));

        List<Article> articles = load(corpus, seeds);
        double words = articles.stream().mapToInt(a -> a.text().split("\\s+").length).average().orElse(0);
        System.out.printf(Locale.ROOT, "corpus: %d English articles, %.0f words on average%n", articles.size(), words);

        // Recall against the model on every sentence.
        Map<String, Object> recall = new LinkedHashMap<>();
        Map<String, List<EnrichedArticle>> results = new LinkedHashMap<>();
        for (var e : Map.of("LEAD", lead, "HYBRID", hybrid, "FULL", full, "HYBRID_LEAD140", hybridLongLead).entrySet()) {
            results.put(e.getKey(), articles.stream().map(e.getValue()::analyze).toList());
        }
        for (String scope : List.of("LEAD", "HYBRID", "HYBRID_LEAD140")) {
            recall.put(scope, compare(results.get("FULL"), results.get(scope), scope));
        }

        // Throughput, one thread: articles/s per core.
        Map<String, Object> throughput = new LinkedHashMap<>();
        for (var e : List.of(Map.entry("LEAD", lead), Map.entry("HYBRID", hybrid),
                Map.entry("HYBRID_LEAD140", hybridLongLead), Map.entry("FULL", full))) {
            run(e.getValue(), articles, seconds / 3);
            double rate = run(e.getValue(), articles, seconds);
            throughput.put(e.getKey(), Math.round(rate * 10) / 10.0);
            System.out.printf(Locale.ROOT, "%-14s %.1f articles per CPU-second%n", e.getKey(), rate);
        }
        Map<String, Object> stages = stages(hybrid, articles, seconds);
        Map<String, Object> sequenceCache = sequenceCache(corpus, seeds);
        long heapAfter = usedHeapAfterGc();

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("articles", articles.size());
        out.put("avgWords", Math.round(words));
        String defaultScope = NlpSettings.defaults().nerScope().name();
        out.put("defaultScope", defaultScope);
        out.put("articlesPerCpuSecond", throughput.get(defaultScope));
        out.put("clusteringRelevantRecall", defaultScope.equals("FULL") ? 1.0
                : ((Map<?, ?>) recall.get(defaultScope)).get("clusteringRelevantEntities"));
        out.put("articlesPerSecondPerCore", throughput);
        out.put("recallVsFullText", recall);
        out.put("modelLoadMillis", hybrid.modelLoadTime().toMillis());
        out.put("analyzerStartupMillis", startupMillis);
        out.put("analyzerStartupCpuMillis", startupCpuMillis);
        out.put("heapUsedAfterLoadMb", (heapLoaded - heapBefore) / 1_048_576);
        out.put("heapUsedAfterRunMb", heapAfter / 1_048_576);
        out.put("maxHeapMb", Runtime.getRuntime().maxMemory() / 1_048_576);
        out.put("millisPerArticleByStage", stages);
        out.put("nerSequenceCacheOnCorpus", sequenceCache);
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        out.put("systemLoad", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println(EventJson.mapper().writeValueAsString(out));
    }

    /**
     * What the service's cache of labelled sentences and windows saves on real news: every English article of the
     * corpus once, in file order, through an analyzer with the service's settings. The corpus has no wire copies,
     * so this is the share a stream of independently written articles gets from names recurring in the same words.
     */
    private static Map<String, Object> sequenceCache(Path corpus, Path seeds) throws Exception {
        ArticleAnalyzer service = ArticleAnalyzer.create(NlpSettings.defaults().withArticleTimeout(Duration.ofMinutes(1)));
        List<Article> stream = load(corpus, seeds, 1, Integer.MAX_VALUE);
        stream.forEach(service::analyze);
        var counts = service.nerSequences();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("articles", stream.size());
        out.put("sequencesLabelled", counts.labelled());
        out.put("sequencesFromCache", counts.cached());
        out.put("cachedShare", Math.round(1000.0 * counts.cached() / Math.max(1, counts.labelled() + counts.cached())) / 1000.0);
        System.out.printf(Locale.ROOT, "NER sequence cache on the corpus as a stream (%d articles once each): %d labelled, %d from the cache%n",
                stream.size(), counts.labelled(), counts.cached());
        return out;
    }

    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /**
     * Articles per CPU-second of the analysing thread, i.e. per core. CPU time rather than wall time: the
     * machine this runs on is shared, and a core we are not scheduled on must not count against us.
     */
    private static double run(ArticleAnalyzer analyzer, List<Article> articles, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long cpu = THREADS.getCurrentThreadCpuTime();
        int done = 0;
        while (System.nanoTime() < end || done == 0) {
            for (Article a : articles) {
                analyzer.analyze(a);
                done++;
            }
        }
        return done / ((THREADS.getCurrentThreadCpuTime() - cpu) / 1e9);
    }

    /** Each step of the pipeline alone, CPU milliseconds per article. */
    private static Map<String, Object> stages(ArticleAnalyzer analyzer, List<Article> articles, double seconds) {
        NlpSettings s = analyzer.settings();
        LanguageIdentifier languages = new LanguageIdentifier(s.languages(), s.languageLowAccuracy());
        EnglishTokenizer tokenizer = new EnglishTokenizer();
        TermCounter terms = new TermCounter(s.languages(), s.lemmas());
        CrfEntityRecognizer crf = CrfEntityRecognizer.load(s.englishNerModel());
        Deadline none = Deadline.after(Duration.ofHours(1));
        List<ArticleText> texts = articles.stream().map(ArticleText::of).toList();
        List<List<List<CoreLabel>>> tokenised = texts.stream().map(t -> tokenizer.sentences(t.document(), none)).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("languageDetection", perArticle(texts.size(), seconds / 4, () -> texts.forEach(t ->
                languages.detect(t.document().substring(0, Math.min(s.languageSampleChars(), t.document().length()))))));
        out.put("tokenisation", perArticle(texts.size(), seconds / 4, () -> texts.forEach(t -> tokenizer.sentences(t.document(), none))));
        out.put("crfOnLead", perArticle(texts.size(), seconds / 4, () -> tokenised.forEach(sentences -> {
            int n = 0;
            for (List<CoreLabel> sentence : sentences) {
                if (n >= s.nerLeadTokens()) {
                    break;
                }
                crf.label(sentence);
                n += sentence.size();
            }
        })));
        out.put("crfOnFullText", perArticle(texts.size(), seconds / 4, () -> tokenised.forEach(sentences ->
                sentences.forEach(crf::label))));
        out.put("terms", perArticle(texts.size(), seconds / 4, () -> tokenised.forEach(sentences -> terms.englishTerms(sentences, none))));
        out.put("wholeAnalysis" + s.nerScope(), perArticle(texts.size(), seconds / 2, () -> articles.forEach(analyzer::analyze)));
        return out;
    }

    private static double perArticle(int articles, double seconds, Runnable pass) {
        pass.run();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long cpu = THREADS.getCurrentThreadCpuTime();
        int passes = 0;
        while (System.nanoTime() < end || passes == 0) {
            pass.run();
            passes++;
        }
        double ms = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6 / passes / articles;
        return Math.round(ms * 100) / 100.0;
    }

    /**
     * Recall of {@code candidate} against {@code baseline}, by canonical name: over all entities, over the
     * ones that matter for clustering (in the headline or mentioned at least twice), and weighted by mentions.
     */
    static Map<String, Object> compare(List<EnrichedArticle> baseline, List<EnrichedArticle> candidate, String scope) {
        int all = 0;
        int allFound = 0;
        int key = 0;
        int keyFound = 0;
        long mentions = 0;
        long mentionsFound = 0;
        int extra = 0;
        Map<String, Integer> missedKey = new LinkedHashMap<>();
        for (int i = 0; i < baseline.size(); i++) {
            Map<String, NamedEntity> found = candidate.get(i).entities().stream()
                    .collect(Collectors.toMap(NamedEntity::canonical, e -> e));
            Set<String> base = new HashSet<>();
            for (NamedEntity e : baseline.get(i).entities()) {
                base.add(e.canonical());
                boolean hit = found.containsKey(e.canonical());
                boolean matters = e.inHeadline() || e.mentions() >= 2;
                all++;
                allFound += hit ? 1 : 0;
                if (matters) {
                    key++;
                    keyFound += hit ? 1 : 0;
                    if (!hit) {
                        missedKey.merge(e.canonical(), 1, Integer::sum);
                    }
                }
                mentions += e.mentions();
                mentionsFound += hit ? Math.min(e.mentions(), found.get(e.canonical()).mentions()) : 0;
            }
            extra += (int) found.keySet().stream().filter(c -> !base.contains(c)).count();
        }
        System.out.printf(Locale.ROOT, "%s recall: all %d/%d, clustering-relevant %d/%d, mentions %d/%d; extra %d; "
                        + "missed relevant e.g. %s%n", scope, allFound, all, keyFound, key, mentionsFound, mentions, extra,
                missedKey.keySet().stream().limit(15).toList());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entities", round((double) allFound / all));
        out.put("clusteringRelevantEntities", round((double) keyFound / key));
        out.put("mentions", round((double) mentionsFound / mentions));
        out.put("entitiesNotInFull", extra);
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static List<Article> load(Path corpus, Path seeds) throws Exception {
        // ~600-word news-length articles: 400 to 900 words.
        return load(corpus, seeds, 400, 900);
    }

    private static List<Article> load(Path corpus, Path seeds, int minWords, int maxWords) throws Exception {
        List<Article> out = new ArrayList<>();
        Instant when = Instant.parse("2021-04-14T08:00:00Z");
        if (Files.isRegularFile(corpus)) {
            try (BufferedReader r = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
                String line;
                int n = 0;
                while ((line = r.readLine()) != null) {
                    JsonNode j = EventJson.mapper().readTree(line);
                    String text = j.path("text").asText().replace("\r\n", "\n");
                    int wordCount = text.split("\\s+").length;
                    if (!"en".equals(j.path("lang").asText("en")) || wordCount < minWords || wordCount > maxWords) {
                        continue;
                    }
                    out.add(article("c" + n++, j.path("title").asText(), text, when));
                }
            }
        }
        if (Files.isDirectory(seeds)) {
            try (Stream<Path> files = Files.list(seeds)) {
                for (Path f : files.sorted().toList()) {
                    String content = Files.readString(f, StandardCharsets.UTF_8);
                    int nl = content.indexOf('\n');
                    out.add(article(f.getFileName().toString(), content.substring(0, nl).strip(),
                            content.substring(nl + 1).strip(), when));
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("no articles: give a jsonl corpus or a seeds directory");
        }
        return out;
    }

    private static Article article(String id, String title, String text, Instant when) {
        return new Article(id, 1, "bench:" + id, title, text, "bench", "en", null, null, null, when, TimeSource.FEED,
                when, null, IngestChannel.FILE);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
