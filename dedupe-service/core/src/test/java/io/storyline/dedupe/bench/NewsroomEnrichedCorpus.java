package io.storyline.dedupe.bench;

import io.storyline.events.Article;
import io.storyline.events.EnrichedArticle;
import io.storyline.events.EventJson;
import io.storyline.events.IngestChannel;
import io.storyline.events.TimeSource;

import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the input of the story benchmark: articles of the end-to-end benchmark's synthetic newsroom
 * ({@code io.storyline.local.load.Newsroom}, deploy/local/stack: many events, several independent write-ups
 * each, 15% near-duplicate wire copies) analysed by nlp-service's real {@code ArticleAnalyzer}, one
 * {@link EnrichedArticle} JSON per line (gzip), in publication order.
 * <p>
 * Neither class is on dedupe-service's classpath (the modules are independent), so deploy/local/bench-stories.sh
 * puts them there at run time and this class reaches them by reflection.
 * <p>
 * {@code NewsroomEnrichedCorpus OUT.jsonl.gz ARTICLES ARTICLES_PER_DAY [SEED] [THREADS]}
 */
public final class NewsroomEnrichedCorpus {

    private NewsroomEnrichedCorpus() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: NewsroomEnrichedCorpus OUT.jsonl.gz ARTICLES ARTICLES_PER_DAY [SEED] [THREADS]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        double perDay = Double.parseDouble(args[2]);
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42L;
        int threads = args.length > 4 ? Integer.parseInt(args[4]) : Runtime.getRuntime().availableProcessors();

        List<Article> articles = newsroomArticles(count, perDay, seed);
        Analyzer analyzer = Analyzer.create();
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Path partial = out.resolveSibling(out.getFileName() + ".partial");
        int rejected = 0;
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(partial)), StandardCharsets.UTF_8))) {
            List<Future<EnrichedArticle>> futures = new ArrayList<>();
            for (Article a : articles) {
                futures.add(pool.submit(() -> analyzer.analyze(a)));
            }
            for (int i = 0; i < futures.size(); i++) {
                EnrichedArticle e;
                try {
                    e = futures.get(i).get();
                } catch (java.util.concurrent.ExecutionException ex) {
                    rejected++; // nlp would dead-letter it: dedupe never sees it
                    continue;
                }
                w.write(EventJson.mapper().writeValueAsString(e));
                w.newLine();
                if ((i + 1) % 2000 == 0) {
                    System.err.printf("corpus: %d/%d analysed, %.0f s%n", i + 1, count, (System.nanoTime() - start) / 1e9);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        Files.move(partial, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        System.err.printf("corpus: %d articles analysed (%d rejected) in %.0f s -> %s%n",
                count - rejected, rejected, (System.nanoTime() - start) / 1e9, out);
    }

    /** The newsroom's drafts as ingest publishes them: id from the url, feed time as published, received 20 s later. */
    static List<Article> newsroomArticles(int count, double perDay, long seed) throws Exception {
        Class<?> settingsClass = Class.forName("io.storyline.local.load.NewsroomSettings");
        Object settings = settingsClass.getMethod("defaults").invoke(null);
        settings = settingsClass.getMethod("withArticlesPerDay", double.class).invoke(settings, perDay);
        Class<?> newsroomClass = Class.forName("io.storyline.local.load.Newsroom");
        Object newsroom = newsroomClass.getConstructor(long.class, settingsClass).newInstance(seed, settings);
        Iterator<?> drafts = (Iterator<?>) newsroomClass.getMethod("iterator").invoke(newsroom);
        Class<?> draftClass = Class.forName("io.storyline.local.load.ArticleDraft");
        Method url = draftClass.getMethod("url");
        Method title = draftClass.getMethod("title");
        Method body = draftClass.getMethod("body");
        Method source = draftClass.getMethod("source");
        Method published = draftClass.getMethod("published");
        List<Article> out = new ArrayList<>(count);
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < count; i++) {
            Object d = drafts.next();
            String u = (String) url.invoke(d);
            String t = (String) title.invoke(d);
            String text = (String) body.invoke(d);
            Instant p = (Instant) published.invoke(d);
            String hash = HexFormat.of().formatHex(sha.digest((t + "\n\n" + text).getBytes(StandardCharsets.UTF_8)));
            out.add(new Article(UUID.nameUUIDFromBytes(u.getBytes(StandardCharsets.UTF_8)).toString(), 1, u, t, text,
                    (String) source.invoke(d), "en", null, null, null, p, TimeSource.FEED, p.plusSeconds(20), hash,
                    IngestChannel.HTTP));
        }
        return out;
    }

    /** nlp-service's analyser with the service's settings, except a per-article timeout a busy machine cannot hit. */
    private record Analyzer(Object analyzer, Method analyze) {
        static Analyzer create() throws Exception {
            Class<?> settingsClass = Class.forName("io.storyline.nlp.NlpSettings");
            Object settings = settingsClass.getMethod("defaults").invoke(null);
            settings = settingsClass.getMethod("withArticleTimeout", java.time.Duration.class)
                    .invoke(settings, java.time.Duration.ofMinutes(2));
            Class<?> analyzerClass = Class.forName("io.storyline.nlp.ArticleAnalyzer");
            Object analyzer = analyzerClass.getMethod("create", settingsClass).invoke(null, settings);
            return new Analyzer(analyzer, analyzerClass.getMethod("analyze", Article.class));
        }

        EnrichedArticle analyze(Article a) throws Exception {
            try {
                return (EnrichedArticle) analyze.invoke(analyzer, a);
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause() instanceof Exception ex ? ex : e;
            }
        }
    }
}
