package io.storyline.local.load;

import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchmarkFiguresTest {

    @Test
    void percentilesAreExactNearestRank() {
        long[] latencies = LongStream.rangeClosed(1, 1000).map(i -> 1001 - i).toArray(); // 1000..1, unsorted
        LatencySummary s = LatencySummary.of(latencies);
        assertThat(s.count()).isEqualTo(1000);
        assertThat(s.p50()).isEqualTo(500);
        assertThat(s.p95()).isEqualTo(950);
        assertThat(s.p99()).isEqualTo(990);
        assertThat(s.max()).isEqualTo(1000);
        assertThat(s.mean()).isEqualTo(500.5);
        assertThat(LatencySummary.of(new long[] {7}).p99()).isEqualTo(7);
        assertThat(LatencySummary.of(new long[0])).isEqualTo(LatencySummary.EMPTY);
    }

    @Test
    void sustainedRateIgnoresWarmUpAndTail() {
        // 100 completions: 10 slow ones over the first 10 s, 80 at 50/s, 10 stragglers over 30 s
        long[] done = new long[100];
        for (int i = 0; i < 10; i++) {
            done[i] = i * 1000L;
        }
        for (int i = 10; i < 90; i++) {
            done[i] = 10_000 + (i - 10) * 20L;
        }
        for (int i = 90; i < 100; i++) {
            done[i] = 20_000 + (i - 90) * 3000L;
        }
        assertThat(LatencySummary.sustainedPerSecond(done)).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.01));
    }

    @Test
    void readsCpuAndHeapFromPrometheusText() {
        PrometheusText text = PrometheusText.parse("""
                # HELP process_cpu_usage The "recent cpu usage" for the Java Virtual Machine process
                # TYPE process_cpu_usage gauge
                process_cpu_usage 0.4375
                system_cpu_usage 0.93
                jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.2582912E7
                jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 4.0E7
                jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9.9E7
                jvm_memory_max_bytes{area="heap",id="G1 Old Gen"} 5.36870912E8
                jvm_memory_max_bytes{area="heap",id="G1 Eden Space"} -1.0
                """);
        assertThat(text.value("process_cpu_usage")).isEqualTo(0.4375);
        assertThat(text.value("system_cpu_usage")).isEqualTo(0.93);
        assertThat(text.sum("jvm_memory_used_bytes", "area=\"heap\"")).isEqualTo(12_582_912 + 40_000_000);
        assertThat(text.sum("jvm_memory_max_bytes", "area=\"heap\"")).isEqualTo(536_870_912);
        assertThat(text.value("no_such_metric")).isEqualTo(-1);
    }

    @Test
    void optionsParseAndRejectNonsense(@TempDir Path repo) {
        BenchmarkOptions defaults = BenchmarkOptions.parse(new String[0], repo);
        assertThat(defaults.articles()).isEqualTo(2000);
        assertThat(defaults.rate()).isNull();
        assertThat(defaults.rateLabel()).isEqualTo("max");
        assertThat(defaults.out()).isEqualTo(repo.resolve("deploy/local/stack/target/bench"));
        assertThat(defaults.warmUp()).isEqualTo(5000);

        BenchmarkOptions fixed = BenchmarkOptions.parse(new String[] {"--articles", "100000", "--rate", "100", "--profile", "--warm-up", "0"}, repo);
        assertThat(fixed.articles()).isEqualTo(100_000);
        assertThat(fixed.rate()).isEqualTo(100.0);
        assertThat(fixed.rateLabel()).isEqualTo("100");
        assertThat(fixed.profile()).isTrue();
        assertThat(fixed.warmUp()).isZero();

        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--rate", "fast"}, repo)).hasMessageContaining("--rate");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--articles", "-3"}, repo)).hasMessageContaining("--articles");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--duplicates", "1.5"}, repo)).hasMessageContaining("duplicateShare");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--articles"}, repo)).hasMessageContaining("needs a value");
        assertThatThrownBy(() -> BenchmarkOptions.parse(new String[] {"--nope"}, repo)).hasMessageContaining("unknown option");
    }

    /** A real recording of this JVM: the method that burns the CPU comes out on top of the Storyline frames. */
    @Test
    void flightRecordingSummaryFindsTheHotMethod(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("self.jfr");
        try (Recording recording = new Recording()) {
            recording.enable("jdk.ExecutionSample").withPeriod(java.time.Duration.ofMillis(10));
            recording.start();
            long deadline = System.nanoTime() + 1_500_000_000L;
            long sink = 0;
            while (System.nanoTime() < deadline) {
                sink += burn();
            }
            assertThat(sink).isNotZero();
            recording.stop();
            recording.dump(file);
        }
        FlightRecordings.HotSpots spots = FlightRecordings.summarise("self", file);
        assertThat(spots.samples()).isGreaterThan(10);
        assertThat(spots.ownFrames().keySet().iterator().next()).isEqualTo(BenchmarkFiguresTest.class.getName() + ".burn");
    }

    private static long burn() {
        long x = 0;
        for (int i = 0; i < 200_000; i++) {
            x += Long.rotateLeft(x ^ i, 7) * 31 + i % 13;
        }
        return x;
    }
}
