package io.storyline.local.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.evaluation.ClusteringScores;
import io.storyline.events.EventJson;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report of a made-up run whose figures are known: 1,000 articles at 100/s, each clustered 200-299 ms after acceptance. */
class BenchmarkReportTest {

    private static final long START = 1_800_000_000_000L;

    @Test
    void reportsLatencyThroughputCpuHeapAndLagFromTimelinesAndSamples(@TempDir Path out) throws Exception {
        Map<String, PipelineTap.Timeline> timelines = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            PipelineTap.Timeline t = new PipelineTap.Timeline();
            t.received = START + i * 10L;
            t.clustered = t.received + 200 + i % 100;
            t.clusteredSeen = t.clustered + 5;
            t.storied = t.clustered + 20;
            timelines.put("a" + i, t);
        }
        List<StackSampler.Sample> samples = new ArrayList<>();
        for (int s = 0; s <= 11; s++) {
            Map<String, StackSampler.ServiceSample> services = new LinkedHashMap<>();
            services.put("nlp-service", new StackSampler.ServiceSample(0.5, 0.9, (100 + s) * 1048576L, 768 * 1048576L, s * 1000L,
                    500 + s * 30, 200 + s * 10));
            services.put("ingest-service", new StackSampler.ServiceSample(0.1, 0.9, 50 * 1048576L, 256 * 1048576L, s * 200L));
            Map<String, Long> cpu = Map.of("nlp-service", s * 1000L, "ingest-service", s * 200L, "kafka-broker", s * 300L, "benchmark", s * 100L);
            int done = Math.min(1000, s * 100);
            samples.add(new StackSampler.Sample(START + s * 1000L, services, cpu, done, done, done, done,
                    s == 5 ? 40 : 0, 0, done, done, done));
        }
        BenchmarkOptions options = new BenchmarkOptions(1000, 100.0, 1, 0.15, 4, out, false, 0);
        ArticleFeeder.Outcome outcome = new ArticleFeeder.Outcome(1000, 1000, 0, 0, 0, 0, 0, START, START + 9990, START + 10_000, List.of());

        // events: one story over two events. Storylines: a and b rightly together, c split from them, d wrongly with c
        // (precision 1, 1, 1/2, 1/2 = 0.75; recall 2/3, 2/3, 1/3, 1 = 0.67; F1 0.71)
        BenchmarkReport.Clustering clustering = new BenchmarkReport.Clustering(
                ClusteringScores.of(Map.of("a", "s1", "b", "s1", "c", "s1"), Map.of("a", "e1", "b", "e1", "c", "e2")),
                ClusteringScores.of(Map.of("a", "L1", "b", "L1", "c", "L2", "d", "L2"), Map.of("a", "t1", "b", "t1", "c", "t1", "d", "t2")),
                ClusteringScores.of(Map.of("a", "L1", "b", "L1", "c", "L2", "d", "L2"), Map.of("a", "k", "b", "k", "c", "k", "d", "k")));
        ObjectNode summary = BenchmarkReport.write(options, outcome, true, timelines, samples, new PipelineTap.CopyVerdicts(150, 140, 3, 2, List.of(), List.of()),
                clustering, List.of(), 0);

        assertThat(summary.get("articles").asInt()).isEqualTo(1000);
        assertThat(summary.get("p50_ms").asLong()).isEqualTo(249);
        assertThat(summary.get("p99_ms").asLong()).isEqualTo(298);
        assertThat(summary.get("max_ms").asLong()).isEqualTo(299);
        assertThat(summary.get("story_p99_ms").asLong()).isEqualTo(318);
        assertThat(summary.get("articles_per_s").asDouble()).isBetween(98.0, 102.0);
        assertThat(summary.get("rate").asDouble()).isEqualTo(100.0);

        JsonNode result = EventJson.mapper().readTree(out.resolve("result.json").toFile());
        assertThat(result.at("/latency_ms/clustered_visible/p50").asLong()).isEqualTo(254);
        assertThat(result.at("/cpu/nlp-service/cores").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/cpu/nlp-service/share_of_stack_cpu").asDouble()).isEqualTo(0.63);
        assertThat(result.at("/cpu/nlp-service/process_cpu_usage_mean").asDouble()).isEqualTo(0.5);
        assertThat(result.at("/heap_mb/nlp-service/max_used").asDouble()).isEqualTo(111.0);
        assertThat(result.at("/heap_mb/nlp-service/limit").asDouble()).isEqualTo(768.0);
        assertThat(result.at("/lag/nlp_service_max").asLong()).isEqualTo(40);
        assertThat(result.at("/throughput_per_s/stages").toString()).contains("\"sustained\":100.0");
        assertThat(result.at("/near_duplicates/duplicates_found").asInt()).isEqualTo(140);
        assertThat(result.at("/stories_vs_events/events").asInt()).isEqualTo(2);
        assertThat(result.at("/stories_vs_events/stories").asInt()).isEqualTo(1);
        assertThat(result.at("/stories_vs_events/bcubed_recall").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/stories_vs_events/bcubed_precision").asDouble()).isEqualTo(0.56);
        assertThat(result.at("/storylines_vs_developing_stories/articles").asInt()).isEqualTo(4);
        assertThat(result.at("/storylines_vs_developing_stories/developing_stories").asInt()).isEqualTo(2);
        assertThat(result.at("/storylines_vs_developing_stories/storylines").asInt()).isEqualTo(2);
        assertThat(result.at("/storylines_vs_developing_stories/bcubed_precision").asDouble()).isEqualTo(0.75);
        assertThat(result.at("/storylines_vs_developing_stories/bcubed_recall").asDouble()).isEqualTo(0.67);
        assertThat(result.at("/storylines_vs_developing_stories/bcubed_f1").asDouble()).isEqualTo(0.71);
        assertThat(result.at("/storylines_vs_developing_stories/pairwise_precision").asDouble()).isEqualTo(0.5);
        assertThat(result.at("/storylines_vs_developing_stories/pairwise_recall").asDouble()).isEqualTo(0.33);
        assertThat(result.at("/storylines_vs_kinds/kinds").asInt()).isEqualTo(1);
        assertThat(result.at("/storylines_vs_kinds/bcubed_precision").asDouble()).isEqualTo(1.0);
        assertThat(result.at("/storylines_vs_kinds/bcubed_recall").asDouble()).isEqualTo(0.5);
        assertThat(Benchmark.kinds(Map.of("u1", "court_ruling-12", "u2", "storm-3"))).isEqualTo(Map.of("u1", "court_ruling", "u2", "storm"));
        // the one-line summary carries both figures
        assertThat(summary.at("/stories_vs_events/bcubed_f1").asDouble()).isEqualTo(result.at("/stories_vs_events/bcubed_f1").asDouble());
        assertThat(summary.at("/stories_vs_events/events").asInt()).isEqualTo(2);
        assertThat(summary.at("/storylines_vs_developing_stories/bcubed_f1").asDouble()).isEqualTo(0.71);
        assertThat(summary.at("/storylines_vs_developing_stories/storylines").asInt()).isEqualTo(2);
        assertThat(BenchmarkReport.describe(clustering)).containsExactly(
                "events: 3 articles, 2 true events, 1 predicted; BCubed precision 0.556 recall 1.000 F1 0.714;"
                        + " pairwise precision 0.333 recall 1.000",
                "storylines: 4 articles, 2 true developing stories, 2 predicted; BCubed precision 0.750 recall 0.667 F1 0.706;"
                        + " pairwise precision 0.500 recall 0.333");
        assertThat(result.at("/nlp_ner_sequences/labelled_by_model").asLong()).isEqualTo(330);
        assertThat(result.at("/nlp_ner_sequences/from_cache").asLong()).isEqualTo(110);
        assertThat(result.at("/nlp_ner_sequences/cached_share").asDouble()).isEqualTo(0.25);
        assertThat(result.at("/near_duplicates/duplicates_missed").asInt()).isEqualTo(10);
        assertThat(result.at("/near_duplicates/false_duplicates").asInt()).isEqualTo(2);

        for (String png : List.of("latency.png", "lag.png")) {
            BufferedImage image = ImageIO.read(out.resolve(png).toFile());
            assertThat(image.getWidth()).as(png).isEqualTo(1200);
            assertThat(image.getHeight()).as(png).isEqualTo(600);
        }
    }
}
