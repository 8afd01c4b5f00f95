package io.storyline.dedupe.bench;

import io.storyline.dedupe.nearduplicate.BandingPlan;
import io.storyline.dedupe.nearduplicate.NearDuplicateDetector;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One article per operation: signature + query + insert (or a duplicate verdict), with eviction, on ~600-word
 * articles, for the detector and for the java-lsh baseline on the same articles and settings.
 * <p>
 * The articles cycle; event time advances so that an article's previous indexing has left the window before it
 * comes round again, so (almost) every operation inserts and the index holds a steady {@link #LIVE} entries.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class NearDuplicateBenchmark {

    static final int ARTICLES = 16_384;
    static final int LIVE = ARTICLES / 2;
    static final int WORDS = 600;

    private List<String> articles;
    private String[] ids;
    private NearDuplicateDetector detector;
    private JavaLshBaseline baseline;
    private long step;
    private long time;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        articles = BenchCorpus.load().articles(2026, ARTICLES, WORDS);
        ids = new String[ARTICLES];
        for (int i = 0; i < ARTICLES; i++) {
            ids[i] = "urn:article:" + Integer.toHexString(i * 0x9E3779B1) + "-" + i;
        }
        NearDuplicateSettings settings = NearDuplicateSettings.defaults();
        detector = new NearDuplicateDetector(settings);
        BandingPlan plan = detector.bandingPlan();
        baseline = new JavaLshBaseline(settings.signatureSize(), plan.bands(), settings.shingleSize(),
                settings.threshold(), settings.window().toMillis());
        step = settings.window().toMillis() / LIVE;
        time = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        next = 0;
    }

    @Benchmark
    public Optional<?> detector() {
        int i = next;
        next = (i + 1) & (ARTICLES - 1);
        time += step;
        return detector.observe(ids[i], "en", "bench-wire", "headline", articles.get(i), Instant.ofEpochMilli(time));
    }

    @Benchmark
    public Optional<?> javaLshBaseline() {
        int i = next;
        next = (i + 1) & (ARTICLES - 1);
        time += step;
        return baseline.observe(ids[i], articles.get(i), time);
    }

    static Duration window() {
        return NearDuplicateSettings.defaults().window();
    }
}
