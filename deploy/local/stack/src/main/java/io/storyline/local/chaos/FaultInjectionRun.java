package io.storyline.local.chaos;

import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.local.LocalStack;
import io.storyline.local.StackOptions;
import io.storyline.local.load.ArticleDraft;
import io.storyline.local.load.Newsroom;
import io.storyline.local.load.NewsroomSettings;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * deploy/local/chaos.sh: the same synthetic news stream through the whole pipeline twice, once
 * undisturbed and once while services are SIGKILLed at random moments and the broker is restarted
 * once. Every article must come out on news.articles.clustered exactly once, and the final event (story) and
 * storyline snapshots, and every article's event and storyline, must equal the undisturbed run's. The last line of
 * stdout is the result as one JSON object.
 */
public final class FaultInjectionRun {

    /** What the disturbed run did to the pipeline and what came out. */
    public record Result(int articles, int instances, int kills, int stops, int restarts, int brokerRestarts, int partitionMoves, long lost, long doubled,
            boolean storiesIdentical, int stories, int storiesDiffering, long verdictsDiffering,
            boolean storylinesIdentical, int storylines, int storylinesDiffering, long articleStorylinesDiffering,
            long pushRetries, long rejected, double undisturbedSeconds, double disturbedSeconds) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("articles", articles);
            json.put("instances", instances);
            json.put("kills", kills);
            json.put("sigterm_stops", stops);
            json.put("restarts", restarts);
            json.put("broker_restarts", brokerRestarts);
            json.put("partition_moves", partitionMoves);
            json.put("lost", lost);
            json.put("doubled", doubled);
            json.put("stories_identical", storiesIdentical);
            json.put("stories", stories);
            json.put("stories_differing", storiesDiffering);
            json.put("article_verdicts_differing", verdictsDiffering);
            json.put("storylines_identical", storylinesIdentical);
            json.put("storylines", storylines);
            json.put("storylines_differing", storylinesDiffering);
            json.put("article_storylines_differing", articleStorylinesDiffering);
            json.put("push_retries", pushRetries);
            json.put("rejected", rejected);
            json.put("undisturbed_s", Math.round(undisturbedSeconds * 10) / 10.0);
            json.put("disturbed_s", Math.round(disturbedSeconds * 10) / 10.0);
            return json;
        }
    }

    private FaultInjectionRun() {
    }

    /** The stack of the pass in progress, for the shutdown hook: an interrupted run must not leave JVMs behind. */
    private static final AtomicReference<LocalStack> CURRENT = new AtomicReference<>();

    /**
     * SIGKILLs every disturbed run deals at the least, whatever the machine's speed: the pusher holds chunks back
     * until the kills planned before them have happened, so at least this many land while articles flow.
     */
    public static final int MIN_KILLS = 4;

    public static Result run(Path repo, int articles, long seed, PrintStream log) throws Exception {
        List<ArticleDraft> drafts = new Newsroom(seed, NewsroomSettings.defaults()).stream().limit(articles).toList();
        List<String> lines = drafts.stream().map(ArticleDraft::toJson).toList();
        Set<String> urls = drafts.stream().map(ArticleDraft::url).collect(Collectors.toSet());

        log.println("chaos: undisturbed run of " + articles + " articles");
        Instant start = Instant.now();
        Outcome calm = pass(repo, lines, urls, null, log);
        double calmSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        // About twenty faults whatever the size of the run: the mean gap is a twelfth of the undisturbed run
        // (the disturbed one takes longer), and the push is spread over that time so ingest is hit mid-stream.
        int meanGap = (int) Math.max(3_000, Math.min(40_000, calmSeconds * 1000 / 12));
        // Small runs go in smaller chunks, so the kills the pusher waits for fall between several of them.
        int chunk = Math.max(10, Math.min(CHUNK, lines.size() / (4 * MIN_KILLS)));
        int chunks = (lines.size() + chunk - 1) / chunk;
        Disturbance disturbance = new Disturbance(seed, meanGap / 2, meanGap * 3 / 2, chunk, (long) (calmSeconds * 800 / chunks));
        log.printf("chaos: disturbed run of the same %d articles (a fault every %.0f-%.0f s)%n", articles,
                disturbance.minGapMillis() / 1000.0, disturbance.maxGapMillis() / 1000.0);
        start = Instant.now();
        Outcome chaos = pass(repo, lines, urls, disturbance, log);
        double chaosSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        long lost = urls.stream().filter(url -> !chaos.output().clusteredCounts().containsKey(url)).count();
        long lostUndisturbed = urls.stream().filter(url -> !calm.output().clusteredCounts().containsKey(url)).count();
        if (lostUndisturbed > 0) {
            log.println("chaos: the undisturbed run itself is missing " + lostUndisturbed + " articles");
        }
        long doubled = chaos.output().clusteredCounts().values().stream().mapToLong(c -> Math.max(0, c - 1)).sum();
        Map<String, Story> expected = calm.output().comparableStories();
        Map<String, Story> actual = chaos.output().comparableStories();
        Set<String> allIds = new java.util.TreeSet<>(expected.keySet());
        allIds.addAll(actual.keySet());
        int differing = (int) allIds.stream().filter(id -> !java.util.Objects.equals(expected.get(id), actual.get(id))).count();
        if (differing > 0) {
            writeDiff(repo, "stories", expected, actual, log);
        }
        Map<String, Storyline> expectedLines = calm.output().comparableStorylines();
        Map<String, Storyline> actualLines = chaos.output().comparableStorylines();
        Set<String> allLineIds = new java.util.TreeSet<>(expectedLines.keySet());
        allLineIds.addAll(actualLines.keySet());
        int linesDiffering = (int) allLineIds.stream().filter(id -> !java.util.Objects.equals(expectedLines.get(id), actualLines.get(id))).count();
        if (linesDiffering > 0) {
            writeDiff(repo, "storylines", expectedLines, actualLines, log);
        }
        // every article's story and duplicate verdict, not only the members a snapshot lists
        long verdictsDiffering = 0;
        for (String url : urls) {
            String undisturbed = calm.output().verdicts().get(url);
            String disturbed = chaos.output().verdicts().get(url);
            if (!java.util.Objects.equals(undisturbed, disturbed) && verdictsDiffering++ < 10) {
                log.println("chaos: " + url + " undisturbed: " + undisturbed + "; disturbed: " + disturbed);
            }
        }
        // every article's storyline, not only the events a storyline snapshot lists
        long storylinesOfArticlesDiffering = 0;
        for (String url : urls) {
            String undisturbed = calm.output().storylineOf().get(url);
            String disturbed = chaos.output().storylineOf().get(url);
            if (!java.util.Objects.equals(undisturbed, disturbed) && storylinesOfArticlesDiffering++ < 10) {
                log.println("chaos: " + url + " undisturbed: storyline " + undisturbed + "; disturbed: storyline " + disturbed);
            }
        }
        FaultInjector injector = chaos.injector();
        return new Result(articles, chaos.instances(), injector.kills(), injector.stops(), injector.restarts(), injector.brokerRestarts(), injector.partitionMoves(), lost, doubled,
                differing == 0 && verdictsDiffering == 0, expected.size(), differing, verdictsDiffering,
                linesDiffering == 0 && storylinesOfArticlesDiffering == 0, expectedLines.size(), linesDiffering, storylinesOfArticlesDiffering,
                chaos.pushRetries(), chaos.rejected(), calmSeconds, chaosSeconds);
    }

    private static final int CHUNK = 250;

    /** How the disturbed pass is disturbed: fault gaps, and the size of and pause between pushed chunks. */
    private record Disturbance(long seed, int minGapMillis, int maxGapMillis, int chunkSize, long chunkPeriodMillis) {
    }

    private record Outcome(PipelineOutput output, long pushRetries, long rejected, FaultInjector injector, int instances) {
    }

    /** One pass over a fresh stack; with {@code disturbance} non-null, under fault injection. */
    private static Outcome pass(Path repo, List<String> lines, Set<String> urls, Disturbance disturbance, PrintStream log)
            throws Exception {
        Path data = Files.createTempDirectory("storyline-chaos-");
        Outcome outcome = passIn(data, repo, lines, urls, disturbance, log);
        deleteRecursively(data); // kept, with the services' logs, when the pass failed
        return outcome;
    }

    private static Outcome passIn(Path data, Path repo, List<String> lines, Set<String> urls, Disturbance disturbance,
            PrintStream log) throws Exception {
        try (LocalStack stack = LocalStack.start(new StackOptions(repo, data, 0, 0, 0, 0), step -> log.println("chaos: " + step))) {
            CURRENT.set(stack);
            ArticlePusher pusher = new ArticlePusher(stack.http(), stack::ingestUrl, disturbance == null ? CHUNK : disturbance.chunkSize());
            if (disturbance == null) {
                pusher.pushAll(lines, () -> { });
                log.println("chaos: all " + lines.size() + " articles accepted by ingest");
                return new Outcome(PipelineOutput.awaitDrained(stack.bootstrapServers(), urls, Duration.ofMinutes(60)),
                        pusher.retries(), pusher.rejected(), null, stack.instances().size());
            }
            // a second nlp and dedupe instance: a killed instance's partitions move to its peer and back
            for (String service : List.of(LocalStack.NLP, LocalStack.DEDUPE)) {
                log.println("chaos: started " + stack.addInstance(service));
            }
            try (ClusteredProgress progress = new ClusteredProgress(stack.bootstrapServers(), urls.size())) {
                FaultInjector injector = new FaultInjector(stack, progress, disturbance.seed(), disturbance.minGapMillis(),
                        disturbance.maxGapMillis(), MIN_KILLS, log);
                Thread chaosThread = new Thread(injector, "fault-injector");
                chaosThread.start();
                long started = System.currentTimeMillis();
                int[] chunks = {0};
                int totalChunks = (lines.size() + disturbance.chunkSize() - 1) / disturbance.chunkSize();
                pusher.pushAll(lines, () -> {
                    chunks[0]++;
                    pauseUntil(started + chunks[0] * disturbance.chunkPeriodMillis());
                    // the last planned kill comes before the last chunk, so every one of them hits a flowing stream
                    awaitFaults(injector, (double) chunks[0] / totalChunks, Math.min(MIN_KILLS, chunks[0] * (MIN_KILLS + 1) / totalChunks));
                });
                log.println("chaos: all " + lines.size() + " articles accepted by ingest (" + pusher.retries() + " retries)");
                chaosThread.join(); // the injector stops once every article is out
                if (injector.failure() != null) {
                    throw injector.failure();
                }
                injector.reviveDead();
                PipelineOutput output = PipelineOutput.awaitDrained(stack.bootstrapServers(), urls, Duration.ofMinutes(60));
                return new Outcome(output, pusher.retries(), pusher.rejected(), injector, stack.instances().size());
            }
        } finally {
            CURRENT.set(null);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void awaitFaults(FaultInjector injector, double pushed, int kills) {
        try {
            injector.pushed(pushed, kills);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pauseUntil(long epochMillis) {
        try {
            long wait = epochMillis - System.currentTimeMillis();
            if (wait > 0) {
                Thread.sleep(wait);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void writeDiff(Path repo, String what, Map<String, ?> expected, Map<String, ?> actual, PrintStream log) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("deploy/local/stack/target/chaos"));
        Files.writeString(dir.resolve(what + "-undisturbed.json"), EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expected));
        Files.writeString(dir.resolve(what + "-disturbed.json"), EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        log.println("chaos: " + what + " differ; both sets written to " + dir);
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20210413L;
        Path repo = Path.of(System.getProperty("storyline.repo", ".")).toAbsolutePath().normalize();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LocalStack stack = CURRENT.getAndSet(null);
            if (stack != null) {
                stack.close();
            }
        }, "chaos-cleanup"));
        Result result = run(repo, articles, seed, System.err);
        System.out.println(EventJson.mapper().writeValueAsString(result.toJson()));
        System.exit(result.lost() == 0 && result.doubled() == 0 && result.storiesIdentical() && result.storylinesIdentical() ? 0 : 1);
    }
}
