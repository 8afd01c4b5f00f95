package io.storyline.dedupe.bench;

import io.storyline.dedupe.nearduplicate.NearDuplicateDetector;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jol.info.GraphLayout;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Runs the JMH throughput benchmark (detector and java-lsh baseline, one fork, same articles) and measures
 * retained bytes per indexed article over 1M distinct originals (JOL graph walk, cross-checked by heap delta).
 * The last stdout line is one JSON object.
 */
public final class DedupeBenchReport {

    public static void main(String[] args) throws RunnerException {
        // JOL cannot read field offsets of records through Unsafe; this makes it compute them instead
        System.setProperty("jol.magicFieldOffset", "true");
        if (Boolean.getBoolean("bench.memoryOnly")) {
            Memory memory = measureMemory(Integer.getInteger("bench.memoryArticles", 1_000_000));
            System.out.println(memory);
            return;
        }
        int memoryArticles = Integer.getInteger("bench.memoryArticles", 1_000_000);
        // the machine may be shared: the load average says how much of a core the figures had
        double loadBefore = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String seedsProperty = systemPropertyArg("seeds.dir");
        String wikirefProperty = systemPropertyArg("wikiref.file");

        Options options = new OptionsBuilder()
                .include(NearDuplicateBenchmark.class.getName() + "\\.")
                .forks(1)
                .warmupIterations(Integer.getInteger("bench.warmups", 3))
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(Integer.getInteger("bench.iterations", 4))
                .measurementTime(TimeValue.seconds(3))
                .threads(1)
                .jvmArgsAppend("-Xmx1g", "-XX:+UseParallelGC", seedsProperty, wikirefProperty)
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();
        double ours = score(results, "detector");
        double baseline = score(results, "javaLshBaseline");
        double[] perCpuSecond = cpuTimeThroughput();

        Memory memory = measureMemory(memoryArticles);
        System.out.printf(Locale.ROOT, "detector: %.0f articles/s, java-lsh baseline: %.0f articles/s, ratio %.1f%n",
                ours, baseline, ours / baseline);
        System.out.printf(Locale.ROOT, "per CPU-second of the benchmark thread: detector %.0f, java-lsh %.0f articles%n",
                perCpuSecond[0], perCpuSecond[1]);
        System.out.printf(Locale.ROOT, "memory over %d originals: JOL %.1f B/article, heap delta %.1f B/article, "
                        + "estimatedBytes() %.1f B/article%n", memory.articles, memory.jolBytesPerArticle,
                memory.heapBytesPerArticle, memory.estimatedBytesPerArticle);
        System.out.printf(Locale.ROOT, "{\"articles_per_s\":%.0f,\"baseline_articles_per_s\":%.0f,\"speedup\":%.2f,"
                        + "\"articles_per_cpu_s\":%.0f,\"baseline_articles_per_cpu_s\":%.0f,"
                        + "\"articles_per_cpu_s_1m_index\":%.0f,"
                        + "\"bytes_per_article\":%.1f,\"heap_delta_bytes_per_article\":%.1f,"
                        + "\"estimated_bytes_per_article\":%.1f,\"indexed_articles\":%d,\"words_per_article\":%d,"
                        + "\"signature_size\":%d,\"threshold\":%.2f,\"bands\":%d,\"rows\":%d,"
                        + "\"memory_words_per_article\":%d,\"load_average\":%.1f,\"cores\":%d}%n",
                ours, baseline, ours / baseline, perCpuSecond[0], perCpuSecond[1], memory.articlesPerCpuSecondAtScale,
                memory.jolBytesPerArticle, memory.heapBytesPerArticle,
                memory.estimatedBytesPerArticle, memory.articles, NearDuplicateBenchmark.WORDS,
                NearDuplicateSettings.defaults().signatureSize(), NearDuplicateSettings.defaults().threshold(),
                new NearDuplicateDetector(NearDuplicateSettings.defaults()).bandingPlan().bands(),
                new NearDuplicateDetector(NearDuplicateSettings.defaults()).bandingPlan().rows(),
                MEMORY_WORDS, loadBefore, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Articles per second of the benchmark thread's own CPU time, same articles and loop as the JMH benchmark.
     * On a shared machine JMH's wall-clock figure depends on how much of a core the fork got; this one does not
     * (short of contention for caches and the core's sibling thread).
     */
    static double[] cpuTimeThroughput() {
        NearDuplicateBenchmark ours = new NearDuplicateBenchmark();
        ours.setUp();
        NearDuplicateBenchmark baseline = new NearDuplicateBenchmark();
        baseline.setUp();
        int n = Integer.getInteger("bench.cpuArticles", 40_000);
        return new double[]{
                perCpuSecond(n / 2, n, ours::detector),
                perCpuSecond(n / 80, n / 40, baseline::javaLshBaseline)};
    }

    private static double perCpuSecond(int warmup, int measured, java.util.function.Supplier<?> operation) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < warmup; i++) {
            sink += operation.get().hashCode();
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < measured; i++) {
            sink += operation.get().hashCode();
        }
        long cpu = threads.getCurrentThreadCpuTime() - start;
        if (sink == 42) {
            System.err.print(""); // keeps the results alive
        }
        return measured / (cpu / 1e9);
    }

    private static String systemPropertyArg(String name) {
        String value = System.getProperty(name);
        return value == null ? "-Dunused=" : "-D" + name + "=" + value;
    }

    private static double score(Collection<RunResult> results, String method) {
        return results.stream()
                .filter(r -> r.getParams().getBenchmark().endsWith("." + method))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no JMH result for " + method))
                .getPrimaryResult().getScore();
    }

    /**
     * Words per article while measuring memory: what an entry retains does not depend on article length, and
     * shorter articles keep the 1M-article run to a minute or two.
     */
    static final int MEMORY_WORDS = Integer.getInteger("bench.memoryWords", 100);

    record Memory(int articles, double jolBytesPerArticle, double heapBytesPerArticle, double estimatedBytesPerArticle,
                  double articlesPerCpuSecondAtScale) {
    }

    /**
     * The JMH index holds a few thousand entries, small enough for the CPU caches; this runs fresh ~600-word
     * articles against the full index, where band tables miss the caches. The articles are built before the
     * clock starts, so only the detector's work is timed.
     */
    private static double throughputAtScale(NearDuplicateDetector detector, BenchCorpus corpus, SplittableRandom random,
                                            Instant from) {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        int n = Integer.getInteger("bench.scaleArticles", 20_000);
        String[] texts = new String[n];
        for (int i = 0; i < n; i++) {
            texts[i] = corpus.article(random, NearDuplicateBenchmark.WORDS);
        }
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < n; i++) {
            detector.observe("urn:scale:" + i, "en", "bench-wire", "headline", texts[i], from.plusSeconds(i));
        }
        return n / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
    }

    /**
     * Indexes {@code n} distinct originals in a window that never evicts, then measures what the
     * detector retains. Article text is generated on the fly and dropped, so only the index stays reachable.
     */
    static Memory measureMemory(int n) {
        BenchCorpus corpus = BenchCorpus.load();
        NearDuplicateDetector detector = new NearDuplicateDetector(
                NearDuplicateSettings.defaults().withWindow(Duration.ofDays(365_000)));
        long before = usedHeapAfterGc();
        SplittableRandom random = new SplittableRandom(99);
        Instant time = Instant.parse("2026-01-01T00:00:00Z");
        int duplicates = 0;
        long started = System.nanoTime();
        for (int i = 0; i < n; i++) {
            String id = "urn:article:" + Integer.toHexString(i * 0x9E3779B1) + "-" + i;
            if (detector.observe(id, "en", "bench-wire", "headline", corpus.article(random, MEMORY_WORDS),
                    time.plusSeconds(i)).isPresent()) {
                duplicates++;
            }
            if ((i + 1) % 200_000 == 0) {
                System.err.printf("indexed %d (%.0f s)%n", i + 1, (System.nanoTime() - started) / 1e9);
            }
        }
        long after = usedHeapAfterGc();
        long jol = GraphLayout.parseInstance(detector).totalSize();
        int size = detector.size();
        double atScale = throughputAtScale(detector, corpus, random, time.plusSeconds(n));
        if (duplicates > 0) {
            System.err.println("note: " + duplicates + " generated articles were found to be copies and not indexed");
        }
        return new Memory(size, (double) jol / size, (double) (after - before) / size,
                (double) detector.estimatedBytes() / size, atScale);
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }
}
