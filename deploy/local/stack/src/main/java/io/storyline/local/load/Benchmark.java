package io.storyline.local.load;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.local.LocalStack;
import io.storyline.local.StackOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * End-to-end benchmark of the whole pipeline on a real broker (deploy/local/bench.sh): starts the
 * local stack on free ports, replays a synthetic day of news through ingest at a fixed rate or as
 * fast as it goes, follows every article to its clustered record and its first story snapshot, samples
 * CPU, heap and consumer lag each second, and writes result.json, latency.png and lag.png. The last
 * line on stdout is the summary as one JSON object.
 */
public final class Benchmark {

    /** With no new clustered record for this long, the pipeline is taken to have stopped. */
    private static final Duration STALL = Duration.ofMinutes(3);
    private static final Duration STORY_SETTLE = Duration.ofSeconds(30);

    private final Path repo;
    private final BenchmarkOptions options;

    private Benchmark(Path repo, BenchmarkOptions options) {
        this.repo = repo;
        this.options = options;
    }

    public static void main(String[] args) {
        Path repo = Path.of(System.getProperty("storyline.repo", ".")).toAbsolutePath().normalize();
        BenchmarkOptions options;
        try {
            options = BenchmarkOptions.parse(args, repo);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        try {
            ObjectNode summary = new Benchmark(repo, options).run();
            System.out.println(summary.toString());
            System.exit(0);
        } catch (Exception e) {
            System.err.println("bench: " + e.getMessage());
            e.printStackTrace(System.err);
            System.exit(1);
        }
    }

    private ObjectNode run() throws IOException, InterruptedException {
        Files.createDirectories(options.out());
        Path data = Files.createTempDirectory("storyline-bench-");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        ArticleFeeder feeder = new ArticleFeeder(http, new Newsroom(options.seed(), options.newsroom()),
                options.warmUp() + options.articles());
        feeder.prepare();
        log("starting the local stack (data and logs in " + data + ")");
        try (LocalStack stack = LocalStack.start(new StackOptions(repo, data, 0, 0, 0, 0), Benchmark::log)) {
            return measure(stack, feeder, http, data);
        } finally {
            feeder.stop();
            keepLogs(data.resolve("logs"));
            deleteRecursively(data);
        }
    }

    private ObjectNode measure(LocalStack stack, ArticleFeeder feeder, HttpClient http, Path data)
            throws IOException, InterruptedException {
        Map<String, String> services = new LinkedHashMap<>();
        for (String service : List.of(LocalStack.INGEST, LocalStack.NLP, LocalStack.DEDUPE)) {
            services.put(service, stack.baseUrl(service));
        }
        FlightRecordings recordings = options.profile() ? new FlightRecordings(options.out()) : null;
        try (PipelineTap tap = new PipelineTap(stack.bootstrapServers());
             StackSampler sampler = new StackSampler(http, services, stack.bootstrapServers(),
                     feeder::accepted, tap::clustered, tap::storied)) {
            tap.start();
            sampler.start();
            if (recordings != null) {
                recordings.start(stack.broker().pid());
            }
            Thread progress = ArticleFeeder.daemon("progress", () -> progress(feeder, tap, sampler));
            progress.start();
            if (options.warmUp() > 0) {
                log("warming up with " + options.warmUp() + " articles (not measured)");
                ArticleFeeder.Outcome warmUp = feeder.run(stack.ingestUrl(), options.warmUp(), null);
                if (!awaitPipeline(tap, warmUp.accepted() + warmUp.revision())) {
                    throw new IOException("the pipeline did not finish the warm-up articles; see the service logs in " + options.out().resolve("logs"));
                }
            }
            log("pushing " + options.articles() + " articles at " + (options.rate() == null ? "max rate" : options.rateLabel() + "/s"));
            int before = tap.clustered();
            ArticleFeeder.Outcome outcome = feeder.run(stack.ingestUrl(), options.articles(), options.rate());
            log("ingest answered all " + outcome.sent() + " articles: " + outcome.accepted() + " accepted, "
                    + outcome.rejected() + " rejected, " + outcome.failed() + " failed; waiting for the pipeline");
            boolean complete = awaitPipeline(tap, before + outcome.accepted() + outcome.revision());
            progress.interrupt();
            List<FlightRecordings.HotSpots> hotSpots = recordings == null ? List.of() : recordings.stopAndSummarise();
            Thread.sleep(1500); // one more sample after the last record
            List<StackSampler.Sample> samples = sampler.samples();
            var timelines = tap.timelines();
            PipelineTap.CopyVerdicts copies = tap.copyVerdicts(feeder.copies());
            BenchmarkReport.Clustering clustering = new BenchmarkReport.Clustering(
                    tap.storyScores(feeder.events(), outcome.firstSendMillis()),
                    tap.storylineScores(feeder.storylines(), outcome.firstSendMillis()),
                    tap.storylineScores(kinds(feeder.events()), outcome.firstSendMillis()));
            ObjectNode summary = BenchmarkReport.write(options, outcome, complete, timelines, samples, copies, clustering, hotSpots, tap.unreadable());
            log("largest story snapshot: " + tap.largestSnapshotBytes() + " bytes, " + tap.largestStory());
            BenchmarkReport.describe(clustering).forEach(Benchmark::log);
            Path verdicts = options.out().resolve("verdicts.jsonl.gz");
            tap.writeVerdicts(verdicts, feeder.events(), feeder.storylines(), outcome.firstSendMillis());
            log("every article's event and storyline, true and predicted: " + verdicts);
            return summary;
        }
    }

    /** url -> the kind of event the article reports (an event key is {@code <kind>-<number>}). */
    static Map<String, String> kinds(Map<String, String> eventByUrl) {
        Map<String, String> kinds = new HashMap<>();
        eventByUrl.forEach((url, event) -> kinds.put(url, event.substring(0, event.lastIndexOf('-'))));
        return kinds;
    }

    /** Waits until every accepted article is clustered and listed in a story, or the pipeline stalls. */
    private static boolean awaitPipeline(PipelineTap tap, int expected) throws InterruptedException {
        int last = -1;
        long lastChange = System.currentTimeMillis();
        while (tap.clustered() < expected) {
            if (tap.clustered() != last) {
                last = tap.clustered();
                lastChange = System.currentTimeMillis();
            } else if (System.currentTimeMillis() - lastChange > STALL.toMillis()) {
                log("no new clustered record for " + STALL.toMinutes() + " min: " + tap.clustered() + " of " + expected
                        + " articles clustered; reporting what arrived");
                return false;
            }
            Thread.sleep(250);
        }
        long settleFrom = System.currentTimeMillis();
        while (tap.storied() < tap.clustered() && System.currentTimeMillis() - settleFrom < STORY_SETTLE.toMillis()) {
            Thread.sleep(250);
        }
        if (tap.storied() < tap.clustered()) {
            log((tap.clustered() - tap.storied()) + " clustered articles never appeared in a story snapshot");
        }
        return true;
    }

    private static void progress(ArticleFeeder feeder, PipelineTap tap, StackSampler sampler) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(10_000);
                List<StackSampler.Sample> samples = sampler.samples();
                String lag = samples.isEmpty() ? "" : ", lag nlp " + samples.get(samples.size() - 1).nlpLag()
                        + " dedupe " + samples.get(samples.size() - 1).dedupeLag();
                log("accepted " + feeder.accepted() + ", clustered " + tap.clustered() + ", in stories " + tap.storied() + lag);
            }
        } catch (InterruptedException done) {
            // the run is over
        }
    }

    private void keepLogs(Path logs) {
        if (!Files.isDirectory(logs)) {
            return;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Path target = Files.createDirectories(options.out().resolve("logs"));
            for (Path log : files.toList()) {
                Files.copy(log, target.resolve(log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            log("could not keep the service logs: " + e.getMessage());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            log("could not delete " + dir + ": " + e.getMessage());
        }
    }

    static void log(String message) {
        System.err.println("bench: " + message);
    }
}
