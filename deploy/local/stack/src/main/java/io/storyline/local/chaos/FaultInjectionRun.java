package io.storyline.local.chaos;

import io.storyline.events.EventJson;
import io.storyline.events.Story;
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
import java.util.stream.Collectors;

/**
 * deploy/local/chaos.sh: the same synthetic news stream through the whole pipeline twice, once
 * undisturbed and once while services are SIGKILLed at random moments and the broker is restarted
 * once. Every article must come out on news.articles.clustered exactly once, and the final story
 * snapshots must equal the undisturbed run's. The last line of stdout is the result as one JSON object.
 */
public final class FaultInjectionRun {

    /** What the disturbed run did to the pipeline and what came out. */
    public record Result(int articles, int kills, int restarts, int brokerRestarts, long lost, long doubled,
            boolean storiesIdentical, int stories, int storiesDiffering, long pushRetries, long rejected,
            double undisturbedSeconds, double disturbedSeconds) {

        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("articles", articles);
            json.put("kills", kills);
            json.put("restarts", restarts);
            json.put("broker_restarts", brokerRestarts);
            json.put("lost", lost);
            json.put("doubled", doubled);
            json.put("stories_identical", storiesIdentical);
            json.put("stories", stories);
            json.put("stories_differing", storiesDiffering);
            json.put("push_retries", pushRetries);
            json.put("rejected", rejected);
            json.put("undisturbed_s", Math.round(undisturbedSeconds * 10) / 10.0);
            json.put("disturbed_s", Math.round(disturbedSeconds * 10) / 10.0);
            return json;
        }
    }

    private FaultInjectionRun() {
    }

    public static Result run(Path repo, int articles, long seed, PrintStream log) throws Exception {
        List<ArticleDraft> drafts = new Newsroom(seed, NewsroomSettings.defaults()).stream().limit(articles).toList();
        List<String> lines = drafts.stream().map(ArticleDraft::toJson).toList();
        Set<String> urls = drafts.stream().map(ArticleDraft::url).collect(Collectors.toSet());

        log.println("chaos: undisturbed run of " + articles + " articles");
        Instant start = Instant.now();
        Outcome calm = pass(repo, lines, urls, null, seed, log);
        double calmSeconds = Duration.between(start, Instant.now()).toMillis() / 1000.0;

        log.println("chaos: disturbed run of the same " + articles + " articles");
        start = Instant.now();
        FaultInjector[] injector = new FaultInjector[1];
        Outcome chaos = pass(repo, lines, urls, injector, seed, log);
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
            writeDiff(repo, expected, actual, log);
        }
        return new Result(articles, injector[0].kills(), injector[0].restarts(), injector[0].brokerRestarts(), lost, doubled,
                differing == 0, expected.size(), differing, chaos.pushRetries(), chaos.rejected(), calmSeconds, chaosSeconds);
    }

    private record Outcome(PipelineOutput output, long pushRetries, long rejected) {
    }

    /** One pass over a fresh stack; with {@code injectorOut} non-null, under fault injection. */
    private static Outcome pass(Path repo, List<String> lines, Set<String> urls, FaultInjector[] injectorOut, long seed,
            PrintStream log) throws Exception {
        Path data = Files.createTempDirectory("storyline-chaos-");
        try (LocalStack stack = LocalStack.start(new StackOptions(repo, data, 0, 0, 0, 0), step -> log.println("chaos: " + step))) {
            ArticlePusher pusher = new ArticlePusher(stack.http(), stack::ingestUrl, 250);
            FaultInjector injector = null;
            Thread chaosThread = null;
            if (injectorOut != null) {
                injector = new FaultInjector(stack, seed, log);
                injectorOut[0] = injector;
                chaosThread = new Thread(injector, "fault-injector");
                chaosThread.start();
            }
            FaultInjector active = injector;
            int[] chunks = {0};
            int brokerRestartChunk = lines.size() / 250 / 2;
            pusher.pushAll(lines, () -> {
                if (active != null && ++chunks[0] == brokerRestartChunk) {
                    active.restartBrokerSoon();
                }
            });
            log.println("chaos: all " + lines.size() + " articles accepted by ingest (" + pusher.retries() + " retries)");
            if (injector != null) {
                injector.stop();
                chaosThread.join();
                if (injector.failure() != null) {
                    throw injector.failure();
                }
                injector.reviveDead();
            }
            PipelineOutput output = PipelineOutput.awaitDrained(stack.bootstrapServers(), urls, Duration.ofMinutes(30));
            return new Outcome(output, pusher.retries(), pusher.rejected());
        }
    }

    private static void writeDiff(Path repo, Map<String, Story> expected, Map<String, Story> actual, PrintStream log) throws IOException {
        Path dir = Files.createDirectories(repo.resolve("deploy/local/stack/target/chaos"));
        Files.writeString(dir.resolve("stories-undisturbed.json"), EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(expected));
        Files.writeString(dir.resolve("stories-disturbed.json"), EventJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(actual));
        log.println("chaos: stories differ; both sets written to " + dir);
    }

    public static void main(String[] args) throws Exception {
        int articles = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : 20210413L;
        Path repo = Path.of(System.getProperty("storyline.repo", ".")).toAbsolutePath().normalize();
        Result result = run(repo, articles, seed, System.err);
        System.out.println(EventJson.mapper().writeValueAsString(result.toJson()));
        System.exit(result.lost() == 0 && result.doubled() == 0 && result.storiesIdentical() ? 0 : 1);
    }
}
