package io.storyline.local.load;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.evaluation.ClusteringScores;
import io.storyline.events.EventJson;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/** Turns a run's timelines and samples into result.json, latency.png, lag.png and the one-line summary. */
final class BenchmarkReport {

    /**
     * The pipeline's clustering against the newsroom's truth, over the measured articles; any score is null when no
     * article carried the pipeline's label.
     *
     * @param events     events (ClusteredArticle.storyId) against the newsroom's events
     * @param storylines storylines (ClusteredArticle.storylineId) against the newsroom's developing stories
     * @param kinds      storylines against the newsroom's kinds of event: a diagnostic, not a target (a storyline per
     *                   kind, which scores well here, merges every unrelated earthquake into one story)
     */
    record Clustering(ClusteringScores events, ClusteringScores storylines, ClusteringScores kinds) {
        static final Clustering NONE = new Clustering(null, null, null);
    }

    private BenchmarkReport() {
    }

    static ObjectNode write(BenchmarkOptions options, ArticleFeeder.Outcome outcome, boolean complete,
                            Map<String, PipelineTap.Timeline> byId, List<StackSampler.Sample> samples, PipelineTap.CopyVerdicts copies,
                            Clustering clustering, List<FlightRecordings.HotSpots> hotSpots, int unreadable) throws IOException {
        long start = outcome.firstSendMillis();
        // Warm-up articles were all clustered before the measured ones were sent, so they were received earlier.
        List<PipelineTap.Timeline> timelines = byId.values().stream()
                .filter(t -> t.clustered != 0 && t.received != 0 && t.received >= start).toList();
        long end = timelines.stream().mapToLong(t -> t.clustered).max().orElse(start);
        LatencySummary clustered = summary(timelines, t -> t.clustered - t.received);
        LatencySummary visible = summary(timelines, t -> t.clusteredSeen - t.received);
        LatencySummary story = summary(timelines.stream().filter(t -> t.storied != 0).toList(), t -> t.storied - t.received);
        long[] clusteredAt = timelines.stream().mapToLong(t -> t.clustered).toArray();
        long firstReceived = timelines.stream().mapToLong(t -> t.received).min().orElse(start);
        double overall = end > firstReceived ? timelines.size() * 1000.0 / (end - firstReceived) : 0;
        double sustained = LatencySummary.sustainedPerSecond(clusteredAt);

        var json = EventJson.mapper();
        ObjectNode result = json.createObjectNode();
        result.put("articles", timelines.size());
        result.put("articles_per_s", round(sustained));
        result.put("p50_ms", clustered.p50());
        result.put("p95_ms", clustered.p95());
        result.put("p99_ms", clustered.p99());
        result.put("max_ms", clustered.max());
        result.put("story_p50_ms", story.p50());
        result.put("story_p99_ms", story.p99());
        if (options.rate() == null) {
            result.put("rate", "max");
        } else {
            result.put("rate", options.rate());
        }
        result.put("complete", complete);
        ObjectNode summary = result.deepCopy();

        ObjectNode run = result.putObject("run");
        run.put("requested_articles", options.articles());
        run.put("warm_up_articles", options.warmUp());
        run.put("seed", options.seed());
        run.put("duplicate_share", options.duplicateShare());
        run.put("write_ups_per_event", options.perEvent());
        run.put("started", Instant.ofEpochMilli(start).toString());
        run.put("wall_s", round((end - start) / 1000.0));
        run.put("offered_per_s", round(outcome.offeredPerSecond()));
        run.put("machine_cores", Runtime.getRuntime().availableProcessors());
        run.put("machine_cpu_busy_mean", round(mean(samples, start, end, s -> s.services().values().stream()
                .mapToDouble(StackSampler.ServiceSample::systemCpuUsage).filter(v -> v >= 0).findFirst().orElse(-1))));
        run.put("unreadable_records", unreadable);

        ObjectNode ingest = result.putObject("ingest");
        ingest.put("sent", outcome.sent());
        ingest.put("accepted", outcome.accepted());
        ingest.put("duplicate", outcome.duplicate());
        ingest.put("revision", outcome.revision());
        ingest.put("rejected", outcome.rejected());
        ingest.put("failed", outcome.failed());
        ingest.put("resent", outcome.resent());
        ArrayNode problems = ingest.putArray("problems");
        outcome.problems().forEach(problems::add);

        ObjectNode latency = result.putObject("latency_ms");
        latency.set("clustered", latencyJson(clustered, "ingest acceptance (ClusteredArticle.received) to the clustered record's Kafka timestamp"));
        latency.set("clustered_visible", latencyJson(visible, "ingest acceptance to the clustered record being readable (read_committed) by a consumer"));
        latency.set("story", latencyJson(story, "ingest acceptance to the Kafka timestamp of the first news.stories snapshot listing the article"));

        ObjectNode throughput = result.putObject("throughput_per_s");
        throughput.put("end_to_end_sustained", round(sustained));
        throughput.put("end_to_end_overall", round(overall));
        ObjectNode stages = throughput.putObject("stages");
        stages.set("ingest (news.articles.raw written)", stage(samples, start, StackSampler.Sample::rawEnd));
        stages.set("nlp-service (news.articles.raw consumed)", stage(samples, start, StackSampler.Sample::nlpCommitted));
        stages.set("nlp-service (news.articles.enriched written)", stage(samples, start, StackSampler.Sample::enrichedEnd));
        stages.set("dedupe-service (news.articles.clustered, distinct articles)", stage(samples, start, s -> s.clustered()));

        result.set("cpu", cpu(samples, start, end));
        result.set("heap_mb", heap(samples));
        result.set("lag", lag(samples, start));

        result.set("nlp_ner_sequences", nerSequences(samples, start, end));
        ObjectNode dedupe = result.putObject("near_duplicates");
        dedupe.put("copies_clustered", copies.copies());
        dedupe.put("duplicates_found", copies.found());
        dedupe.put("originals_received_after_a_copy", copies.originalsAfterCopy());
        dedupe.put("duplicates_missed", copies.missed());
        dedupe.put("false_duplicates", copies.falseDuplicates());
        copies.missedCopies().forEach(dedupe.putArray("missed_copies_examples")::add);
        copies.falseAlarms().forEach(dedupe.putArray("false_alarm_examples")::add);

        // the newsroom knows which event each article reports and which developing story that event belongs to
        if (clustering.events() != null) {
            ObjectNode quality = scores(clustering.events(), "events", "stories",
                    "the pipeline's events (ClusteredArticle.storyId) against the newsroom's events");
            result.set(EVENTS, quality);
            summary.set(EVENTS, quality.deepCopy());
        }
        if (clustering.storylines() != null) {
            ObjectNode quality = scores(clustering.storylines(), "developing_stories", "storylines",
                    "the pipeline's storylines (ClusteredArticle.storylineId) against the newsroom's developing stories:"
                            + " an event and the events that follow it up (same kind, principal actors and subject, days later);"
                            + " an event that follows nothing is a storyline of its own");
            result.set(STORYLINES, quality);
            summary.set(STORYLINES, quality.deepCopy());
        }
        if (clustering.kinds() != null) {
            result.set("storylines_vs_kinds", scores(clustering.kinds(), "kinds", "storylines",
                    "diagnostic, not a target: the pipeline's storylines against the newsroom's kinds of event;"
                            + " precision and recall near 1 mean one storyline per kind, unrelated events merged"));
        }

        if (!hotSpots.isEmpty()) {
            ArrayNode profile = result.putArray("profile");
            for (FlightRecordings.HotSpots h : hotSpots) {
                ObjectNode p = profile.addObject();
                p.put("service", h.service());
                p.put("recording", h.file().toString());
                p.put("cpu_samples", h.samples());
                p.set("top_frames", json.valueToTree(h.topFrames()));
                p.set("own_frames", json.valueToTree(h.ownFrames()));
                p.set("threads", json.valueToTree(h.threads()));
            }
        }

        Path out = options.out();
        String title = timelines.size() + " articles, rate " + options.rateLabel();
        BenchmarkCharts.latency(out.resolve("latency.png"), start, timelines, "Latency, " + title);
        BenchmarkCharts.lag(out.resolve("lag.png"), start, samples, "Consumer lag, " + title);
        ObjectNode files = result.putObject("files");
        files.put("result", out.resolve("result.json").toString());
        files.put("latency_png", out.resolve("latency.png").toString());
        files.put("lag_png", out.resolve("lag.png").toString());
        json.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("result.json").toFile(), result);
        summary.put("result", out.resolve("result.json").toString());
        return summary;
    }

    static final String EVENTS = "stories_vs_events";
    static final String STORYLINES = "storylines_vs_developing_stories";

    private static ObjectNode scores(ClusteringScores s, String trueName, String predictedName, String what) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("what", what);
        node.put("articles", s.articles());
        node.put(trueName, s.clustersTrue());
        node.put(predictedName, s.clustersPredicted());
        node.put("bcubed_precision", round(s.bcubedPrecision()));
        node.put("bcubed_recall", round(s.bcubedRecall()));
        node.put("bcubed_f1", round(s.bcubedF1()));
        node.put("pairwise_precision", round(s.pairwisePrecision()));
        node.put("pairwise_recall", round(s.pairwiseRecall()));
        node.put("pairwise_f1", round(s.pairwiseF1()));
        return node;
    }

    /** The clustering figures for a person reading the run's log, one line each. */
    static List<String> describe(Clustering clustering) {
        List<String> lines = new ArrayList<>();
        if (clustering.events() != null) {
            lines.add(line("events", "true events", "predicted", clustering.events()));
        } else {
            lines.add("events: no measured article carried a story id");
        }
        if (clustering.storylines() != null) {
            lines.add(line("storylines", "true developing stories", "predicted", clustering.storylines()));
        } else {
            lines.add("storylines: no measured article carried a storyline id");
        }
        return lines;
    }

    private static String line(String what, String trueName, String predictedName, ClusteringScores s) {
        return String.format(java.util.Locale.ROOT,
                "%s: %,d articles, %,d %s, %,d %s; BCubed precision %.3f recall %.3f F1 %.3f; pairwise precision %.3f recall %.3f",
                what, s.articles(), s.clustersTrue(), trueName, s.clustersPredicted(), predictedName,
                s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF1(), s.pairwisePrecision(), s.pairwiseRecall());
    }

    private static LatencySummary summary(List<PipelineTap.Timeline> timelines, ToLongFunction<PipelineTap.Timeline> latency) {
        return LatencySummary.of(timelines.stream().mapToLong(latency).toArray());
    }

    private static ObjectNode latencyJson(LatencySummary s, String what) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        node.put("what", what);
        node.put("count", s.count());
        node.put("p50", s.p50());
        node.put("p95", s.p95());
        node.put("p99", s.p99());
        node.put("max", s.max());
        node.put("mean", round(s.mean()));
        return node;
    }

    /** A stage's sustained rate (middle 80% of its records over the time they took) and its best 10 s. */
    private static ObjectNode stage(List<StackSampler.Sample> samples, long start, ToLongFunction<StackSampler.Sample> counter) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        List<StackSampler.Sample> run = samples.stream().filter(s -> s.millis() >= start - 1000).toList();
        if (run.size() < 2) {
            return node;
        }
        long base = counter.applyAsLong(run.get(0));
        long total = counter.applyAsLong(run.get(run.size() - 1)) - base;
        long t10 = -1;
        long t90 = -1;
        double peak = 0;
        for (int i = 0; i < run.size(); i++) {
            long done = counter.applyAsLong(run.get(i)) - base;
            if (t10 < 0 && done >= total * 0.1) {
                t10 = run.get(i).millis();
            }
            if (t90 < 0 && done >= total * 0.9) {
                t90 = run.get(i).millis();
            }
            for (int j = i + 1; j < run.size(); j++) {
                long span = run.get(j).millis() - run.get(i).millis();
                if (span >= 10_000) {
                    peak = Math.max(peak, (counter.applyAsLong(run.get(j)) - done - base) * 1000.0 / span);
                    break;
                }
            }
        }
        node.put("records", total);
        node.put("sustained", t90 > t10 ? round(total * 0.8 * 1000.0 / (t90 - t10)) : 0);
        node.put("best_10s", round(peak));
        return node;
    }

    /** CPU per process over the active part of the run (first send to last clustered record). */
    private static ObjectNode cpu(List<StackSampler.Sample> samples, long start, long end) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        List<StackSampler.Sample> active = samples.stream().filter(s -> s.millis() >= start && s.millis() <= end + 1000).toList();
        if (active.size() < 2) {
            return node;
        }
        StackSampler.Sample first = active.get(0);
        StackSampler.Sample last = active.get(active.size() - 1);
        double seconds = (last.millis() - first.millis()) / 1000.0;
        double totalCores = 0;
        Map<String, Double> cores = new java.util.TreeMap<>();
        for (String process : last.processCpuMillis().keySet()) {
            long used = last.processCpuMillis().get(process) - first.processCpuMillis().getOrDefault(process, 0L);
            double c = used / 1000.0 / seconds;
            cores.put(process, c);
            totalCores += c;
        }
        node.put("window_s", round(seconds));
        node.put("cores_used_by_stack_and_benchmark", round(totalCores));
        for (var e : cores.entrySet()) {
            ObjectNode p = node.putObject(e.getKey());
            p.put("cores", round(e.getValue()));
            p.put("share_of_stack_cpu", round(totalCores > 0 ? e.getValue() / totalCores : 0));
            p.put("share_of_machine", round(e.getValue() / Runtime.getRuntime().availableProcessors()));
            double usage = mean(active, start, end, s -> {
                StackSampler.ServiceSample service = s.services().get(e.getKey());
                return service == null ? -1 : service.cpuUsage();
            });
            if (usage >= 0) {
                p.put("process_cpu_usage_mean", round(usage));
            }
        }
        return node;
    }

    /**
     * Sentences and windows of the measured articles that nlp's NER model labelled, and those its cache answered: the
     * cache's share depends on how much the stream repeats itself (wire copies, names in the same words).
     */
    static ObjectNode nerSequences(List<StackSampler.Sample> samples, long start, long end) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        List<StackSampler.ServiceSample> nlp = samples.stream().filter(s -> s.millis() >= start - 1000 && s.millis() <= end + 2000)
                .map(s -> s.services().get("nlp-service")).filter(s -> s != null && s.nerSequencesByModel() >= 0).toList();
        if (nlp.size() < 2) {
            return node;
        }
        StackSampler.ServiceSample first = nlp.get(0);
        StackSampler.ServiceSample last = nlp.get(nlp.size() - 1);
        double model = last.nerSequencesByModel() - first.nerSequencesByModel();
        double cache = last.nerSequencesFromCache() - first.nerSequencesFromCache();
        node.put("labelled_by_model", Math.round(model));
        node.put("from_cache", Math.round(cache));
        node.put("cached_share", round(model + cache > 0 ? cache / (model + cache) : 0));
        return node;
    }

    private static ObjectNode heap(List<StackSampler.Sample> samples) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        if (samples.isEmpty()) {
            return node;
        }
        for (String service : samples.get(samples.size() - 1).services().keySet()) {
            long max = 0;
            long limit = 0;
            double sum = 0;
            int n = 0;
            for (StackSampler.Sample s : samples) {
                StackSampler.ServiceSample x = s.services().get(service);
                if (x != null && x.heapUsed() >= 0) {
                    max = Math.max(max, x.heapUsed());
                    limit = Math.max(limit, x.heapMax());
                    sum += x.heapUsed();
                    n++;
                }
            }
            ObjectNode p = node.putObject(service);
            p.put("max_used", round(max / 1048576.0));
            p.put("mean_used", round(n == 0 ? 0 : sum / n / 1048576.0));
            p.put("limit", round(limit / 1048576.0));
        }
        return node;
    }

    private static ObjectNode lag(List<StackSampler.Sample> samples, long start) {
        ObjectNode node = EventJson.mapper().createObjectNode();
        ArrayNode series = node.putArray("series");
        long nlpMax = 0;
        long dedupeMax = 0;
        for (StackSampler.Sample s : samples) {
            if (s.millis() < start) {
                continue;
            }
            nlpMax = Math.max(nlpMax, s.nlpLag());
            dedupeMax = Math.max(dedupeMax, s.dedupeLag());
            ArrayNode row = series.addArray();
            row.add(round((s.millis() - start) / 1000.0)).add(s.nlpLag()).add(s.dedupeLag())
                    .add(s.accepted()).add(s.clustered()).add(s.storied());
        }
        node.put("columns", "seconds, nlp-service lag, dedupe-service lag, accepted, clustered, in stories");
        node.put("nlp_service_max", nlpMax);
        node.put("dedupe_service_max", dedupeMax);
        node.set("series", series);
        return node;
    }

    private static double mean(List<StackSampler.Sample> samples, long start, long end,
                               java.util.function.ToDoubleFunction<StackSampler.Sample> value) {
        List<Double> values = new ArrayList<>();
        for (StackSampler.Sample s : samples) {
            if (s.millis() >= start && s.millis() <= end + 1000) {
                double v = value.applyAsDouble(s);
                if (v >= 0) {
                    values.add(v);
                }
            }
        }
        return values.isEmpty() ? -1 : values.stream().mapToDouble(Double::doubleValue).average().orElse(-1);
    }

    private static double round(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
