package io.storyline.dedupe.bench;

import io.storyline.dedupe.ArticleClustering;
import io.storyline.dedupe.RedeliveryLedger;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.events.EnrichedArticle;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * CPU cost per article of dedupe-service's state, on one thread as the service runs it: the live decision
 * (redelivery ledger, then {@link ArticleClustering#process} with its story snapshots) and the restore after a
 * restart (the same ledger and clustering fed the topic from its start, outputs unused).
 * <p>
 * Timed with the thread's CPU time, so other processes on the machine distort less than wall time would.
 * Prints progress to stderr and one JSON object as the last stdout line.
 * <p>
 * {@code StoryStateBenchmark CORPUS.jsonl.gz ARTICLES BASE_ARTICLES}; {@code -Dbench.jfr=DIR} records each phase.
 */
public final class StoryStateBenchmark {
    private static final int SLICE = 10_000;
    private static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");

    private StoryStateBenchmark() {
    }

    /** One partition's state, as listener.StoryDesk composes it. */
    private static final class Desk {
        final RedeliveryLedger ledger;
        final ArticleClustering clustering;
        private final Method replay;

        Desk() {
            NearDuplicateSettings nd = NearDuplicateSettings.defaults();
            ledger = new RedeliveryLedger(nd.window());
            clustering = new ArticleClustering(nd, StorySettings.defaults());
            replay = replayMethod();
        }

        long live(EnrichedArticle a) {
            if (!ledger.firstDelivery(a.article().id(), a.article().revision(), a.article().received())) {
                return 0;
            }
            ArticleClustering.Decision d = clustering.process(a, NOW);
            return d.changedStories().size() + d.clustered().storyId().length();
        }

        /** The restore path: ArticleClustering.replay where it exists, else process with its outputs dropped. */
        void restore(EnrichedArticle a) throws Exception {
            if (!ledger.firstDelivery(a.article().id(), a.article().revision(), a.article().received())) {
                return;
            }
            if (replay != null) {
                replay.invoke(clustering, a);
            } else {
                clustering.process(a, Instant.EPOCH);
            }
        }

        boolean hasReplay() {
            return replay != null;
        }

        private static Method replayMethod() {
            try {
                return ArticleClustering.class.getMethod("replay", EnrichedArticle.class);
            } catch (NoSuchMethodException e) {
                return null;
            }
        }
    }

    private record Phase(String name, double cpuSeconds, double wallSeconds, List<Double> msPerArticleBySlice,
                         int openStories, double heapMb) {
        double msPerArticle(int articles) {
            return cpuSeconds * 1000 / articles;
        }
    }

    public static void main(String[] args) throws Exception {
        Path corpus = Path.of(args[0]);
        int articles = Integer.parseInt(args[1]);
        double loadBefore = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        List<EnrichedArticle> block = StoryStream.read(corpus);
        EnrichedArticle firstArticle = StoryStream.slice(block, 0, 1).get(0);
        EnrichedArticle lastArticle = StoryStream.slice(block, articles - 1, articles).get(0);
        System.err.printf("bench-stories: %d analysed articles, stream of %d from %s to %s%n", block.size(), articles,
                firstArticle.article().received(), lastArticle.article().received());
        Stream stream = new Stream(block, articles);

        String digestMode = System.getProperty("bench.digest", "");
        String digest = digestMode.isEmpty() ? null : digest(stream);
        if (digestMode.equals("only")) {
            System.out.println("{\"articles\":" + articles + ",\"outputs_sha256\":\"" + digest + "\"}");
            return;
        }
        Phase live = run("live", stream, true);
        Phase replay = run("replay", stream, false);
        double loadAfter = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();

        int n = articles;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("articles", n);
        json.put("base_analysed_articles", Math.min(n, Integer.parseInt(args[2])));
        json.put("stream_days", round(java.time.Duration.between(firstArticle.article().received(),
                lastArticle.article().received()).toMinutes() / 1440.0));
        json.put("live_ms_per_article", round(live.msPerArticle(n)));
        json.put("replay_ms_per_article", round(replay.msPerArticle(n)));
        json.put("replay_path", new Desk().hasReplay() ? "ArticleClustering.replay" : "ArticleClustering.process (outputs dropped)");
        json.put(n >= 100_000 ? "replay_100k_s" : "replay_100k_s_extrapolated", round(replay.msPerArticle(n) * 100_000 / 1000));
        json.put("live_wall_s", round(live.wallSeconds()));
        json.put("replay_wall_s", round(replay.wallSeconds()));
        json.put("live_ms_per_article_by_10k", live.msPerArticleBySlice().stream().map(StoryStateBenchmark::round).toList());
        json.put("replay_ms_per_article_by_10k", replay.msPerArticleBySlice().stream().map(StoryStateBenchmark::round).toList());
        json.put("open_stories", live.openStories());
        json.put("open_stories_after_replay", replay.openStories());
        json.put("heap_mb", round(live.heapMb()));
        json.put("heap_mb_after_replay", round(replay.heapMb()));
        json.put("load_average_before", round(loadBefore));
        json.put("load_average_after", round(loadAfter));
        json.put("cpus", Runtime.getRuntime().availableProcessors());
        if (digest != null) {
            json.put("outputs_sha256", digest);
        }
        System.out.println(toJson(json));
    }

    /** The stream, built a slice at a time outside the timed part. */
    private record Stream(List<EnrichedArticle> block, int size) {
        List<EnrichedArticle> slice(int from) {
            return StoryStream.slice(block, from, Math.min(size, from + SLICE));
        }
    }

    private static Phase run(String name, Stream stream, boolean live) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Recording recording = null;
        String jfrDir = System.getProperty("bench.jfr");
        if (jfrDir != null) {
            recording = new Recording(Configuration.getConfiguration("profile"));
            recording.start();
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        Desk desk = new Desk();
        List<Double> slices = new ArrayList<>();
        long sink = 0;
        long cpuTotal = 0;
        long wallTotal = 0;
        for (int from = 0; from < stream.size(); from += SLICE) {
            List<EnrichedArticle> slice = stream.slice(from);
            long wall = System.nanoTime();
            long cpu = threads.getCurrentThreadCpuTime();
            for (EnrichedArticle a : slice) {
                if (live) {
                    sink += desk.live(a);
                } else {
                    desk.restore(a);
                }
            }
            long used = threads.getCurrentThreadCpuTime() - cpu;
            wallTotal += System.nanoTime() - wall;
            cpuTotal += used;
            slices.add(used / 1e6 / slice.size());
            System.err.printf("bench-stories: %s %d articles, %.2f ms/article in the last %d, %d open stories%n",
                    name, from + slice.size(), slices.get(slices.size() - 1), slice.size(), desk.clustering.openStories());
        }
        double cpuSeconds = cpuTotal / 1e9;
        double wallSeconds = wallTotal / 1e9;
        if (recording != null) {
            recording.stop();
            recording.dump(Path.of(jfrDir, name + ".jfr"));
            recording.close();
        }
        System.gc();
        System.gc();
        // the state the desk holds: heap in use now, less what was in use before it existed (the input stream)
        double heapMb = (rt.totalMemory() - rt.freeMemory() - heapBefore) / 1048576.0;
        int open = desk.clustering.openStories();
        System.err.printf("bench-stories: %s done: %.1f s CPU, %.1f s wall, %d open stories, heap %.0f MB (sink %d)%n",
                name, cpuSeconds, wallSeconds, open, heapMb, sink);
        return new Phase(name, cpuSeconds, wallSeconds, slices, open, heapMb);
    }

    /**
     * SHA-256 over every output of the live path (each ClusteredArticle and each changed Story, as their record
     * text: all fields, enums by name): equal digests before and after a change mean identical decisions.
     */
    private static String digest(Stream stream) throws Exception {
        java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
        Desk desk = new Desk();
        for (int from = 0; from < stream.size(); from += SLICE) {
            for (EnrichedArticle a : stream.slice(from)) {
                if (!desk.ledger.firstDelivery(a.article().id(), a.article().revision(), a.article().received())) {
                    sha.update((byte) 0);
                    continue;
                }
                ArticleClustering.Decision d = desk.clustering.process(a, NOW);
                sha.update(d.clustered().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                for (var story : d.changedStories()) {
                    sha.update(story.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
        }
        String hex = java.util.HexFormat.of().formatHex(sha.digest());
        System.err.println("bench-stories: outputs digest " + hex);
        return hex;
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String toJson(Map<String, Object> map) {
        StringJoiner j = new StringJoiner(",", "{", "}");
        map.forEach((k, v) -> j.add("\"" + k + "\":" + value(v)));
        return j.toString();
    }

    private static String value(Object v) {
        if (v instanceof String s) {
            return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        if (v instanceof List<?> list) {
            StringJoiner j = new StringJoiner(",", "[", "]");
            list.forEach(x -> j.add(value(x)));
            return j.toString();
        }
        return String.valueOf(v);
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
