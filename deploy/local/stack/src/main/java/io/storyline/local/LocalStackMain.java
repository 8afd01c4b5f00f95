package io.storyline.local;

import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * deploy/local/run.sh: starts the local stack, feeds a directory of plain-text articles through ingest
 * and shows the stories. Interactive by default (until Ctrl-C); with {@code --once DIR} it prints each
 * final story as one JSON line on stdout and exits.
 */
public final class LocalStackMain {

    private static final String USAGE = """
            usage: deploy/local/run.sh [--once DIR] [--kafka-port N] [--ingest-port N] [--nlp-port N] [--dedupe-port N] [--data-dir DIR] [DIR]
              DIR            directory of plain-text articles to ingest (default: seeds)
              --once DIR     ingest DIR, wait until every article is in a story, print each story as a JSON line, exit
              ports default to 9092, 8080, 8081, 8082 (env STORYLINE_KAFKA_PORT, STORYLINE_INGEST_PORT, STORYLINE_NLP_PORT, STORYLINE_DEDUPE_PORT)
              --data-dir DIR broker data and logs (default: a new directory under the system temp dir)
            """;

    private LocalStackMain() {
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("storyline.repo", ".")).toAbsolutePath().normalize();
        StackOptions options;
        Path input = repo.resolve("seeds");
        boolean once = false;
        Path dataDir = null;
        try {
            options = StackOptions.fromEnvironment(repo, null, System.getenv());
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                switch (arg) {
                    case "--once" -> {
                        once = true;
                        input = Path.of(value(args, ++i, arg));
                    }
                    case "--kafka-port" -> options = options.withKafkaPort(StackOptions.parsePort(value(args, ++i, arg), arg));
                    case "--ingest-port" -> options = options.withIngestPort(StackOptions.parsePort(value(args, ++i, arg), arg));
                    case "--nlp-port" -> options = options.withNlpPort(StackOptions.parsePort(value(args, ++i, arg), arg));
                    case "--dedupe-port" -> options = options.withDedupePort(StackOptions.parsePort(value(args, ++i, arg), arg));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                    case "-h", "--help" -> {
                        System.out.print(USAGE);
                        return;
                    }
                    default -> {
                        if (arg.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + arg);
                        }
                        input = Path.of(arg);
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            System.err.println("run.sh: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        if (dataDir == null) {
            dataDir = Files.createTempDirectory("storyline-local-");
        }
        options = new StackOptions(repo, dataDir.toAbsolutePath(), options.kafkaPort(), options.ingestPort(), options.nlpPort(), options.dedupePort());
        int status = once ? runOnce(options, input) : runInteractive(options, input);
        System.exit(status);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int runOnce(StackOptions options, Path input) throws Exception {
        PrintStream log = System.err;
        log.println("storyline: data and logs in " + options.dataDir());
        try (LocalStack stack = startOrReport(options, log)) {
            if (stack == null) {
                return 1;
            }
            try (StoryWatch watch = new StoryWatch(stack.bootstrapServers(), story -> { })) {
                List<FileIngest.Receipt> receipts = FileIngest.ingestDirectory(stack.http(), stack.ingestUrl(), input);
                log.println("storyline: ingested " + receipts.size() + " articles from " + input + ", waiting for their stories");
                List<String> ids = receipts.stream().map(FileIngest.Receipt::articleId).distinct().toList();
                List<Story> stories = watch.awaitSettled(ids, Duration.ofMinutes(5));
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                stories.stream().sorted(Comparator.comparing(Story::firstSeen, Comparator.nullsLast(Comparator.naturalOrder()))
                                .thenComparing(Story::id))
                        .forEach(story -> out.println(json(story)));
                log.println("storyline: " + ids.size() + " articles in " + stories.size() + " stories");
                printStorylines(watch, stories, log);
                return 0;
            } catch (IOException | IllegalStateException e) {
                log.println("storyline: " + e.getMessage());
                log.println("storyline: service logs are in " + options.dataDir().resolve("logs"));
                return 1;
            }
        }
    }

    /** Progress only (stderr): which storyline each event is a chapter of. */
    private static void printStorylines(StoryWatch watch, List<Story> stories, PrintStream log) throws InterruptedException {
        List<Storyline> storylines;
        try {
            storylines = watch.awaitStorylines(stories, Duration.ofSeconds(30));
        } catch (IllegalStateException e) {
            log.println("storyline: " + e.getMessage());
            return;
        }
        log.println("storyline: " + stories.size() + " stories in " + storylines.size() + " storylines");
        for (Storyline line : storylines) {
            log.println("storyline:   " + line.id() + " \"" + line.headline() + "\": " + line.eventCount() + " events, "
                    + line.articleCount() + " articles");
            for (Storyline.StorylineEvent event : line.events()) {
                log.println("storyline:     " + (event.firstSeen() == null ? "undated   " : event.firstSeen().toString().substring(0, 10))
                        + "  " + event.storyId() + " \"" + event.headline() + "\" (" + event.articleCount() + " articles)");
            }
        }
    }

    private static int runInteractive(StackOptions options, Path input) throws Exception {
        PrintStream out = System.out;
        out.println("storyline: data and logs in " + options.dataDir());
        LocalStack stack = startOrReport(options, out);
        if (stack == null) {
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        StoryTable table = new StoryTable(out);
        StoryWatch watch = new StoryWatch(stack.bootstrapServers(), table::print);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("\nstoryline: stopping services and Kafka ...");
            try {
                watch.close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
            stack.close();
            out.println("storyline: stopped");
            stopped.countDown();
        }, "storyline-stop"));
        out.println("storyline: up. ingest " + stack.ingestUrl() + "  nlp " + stack.baseUrl(LocalStack.NLP)
                + "  dedupe " + stack.baseUrl(LocalStack.DEDUPE) + "  kafka " + stack.bootstrapServers());
        out.println("storyline: story board at " + stack.baseUrl(LocalStack.DEDUPE) + "/  (Ctrl-C stops everything)");
        List<FileIngest.Receipt> receipts = FileIngest.ingestDirectory(stack.http(), stack.ingestUrl(), input);
        out.println("storyline: ingested " + receipts.size() + " articles from " + input + "; stories as they are published:");
        stopped.await();
        return 0;
    }

    private static LocalStack startOrReport(StackOptions options, PrintStream log) throws InterruptedException {
        try {
            return LocalStack.start(options, step -> log.println("storyline: " + step));
        } catch (IOException e) {
            log.println("storyline: could not start: " + e.getMessage());
            return null;
        }
    }

    private static String json(Story story) {
        try {
            return EventJson.mapper().writeValueAsString(story);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
