package io.storyline.local.load;

import java.nio.file.Path;

/**
 * What one benchmark run does.
 *
 * @param articles       articles to push through ingest
 * @param rate           articles per second offered to ingest, or null for as fast as ingest takes them
 * @param seed           newsroom seed
 * @param duplicateShare share of near-duplicate wire copies
 * @param perEvent       mean independent write-ups per event
 * @param out            directory for result.json, latency.png, lag.png (and JFR recordings)
 * @param profile        record each service with Java Flight Recorder and report its hottest methods
 * @param warmUp         articles sent first, as fast as possible and left out of every figure, so JIT compilation and
 *                       lazy model loading are not measured
 */
record BenchmarkOptions(int articles, Double rate, long seed, double duplicateShare, double perEvent, Path out, boolean profile,
                        int warmUp) {

    static final String USAGE = """
            usage: deploy/local/bench.sh [--articles N] [--rate R|max] [--warm-up N] [--seed S] [--duplicates SHARE] [--per-event MEAN] [--out DIR] [--profile]
              --articles N       articles to push (default 2000)
              --rate R|max       articles per second offered to ingest, or max: as fast as ingest accepts (default max)
              --warm-up N        articles sent first as fast as possible and left out of all figures (default 5000, 0: none;
                                 with 1000 the JIT is still compiling the NER model's code and the first 100 s at
                                 100 articles/s queue up to 14 s)
              --seed S           newsroom seed; the same seed replays the same articles (default 1)
              --duplicates SHARE share of near-duplicate wire copies, 0..1 (default 0.15)
              --per-event MEAN   mean independent write-ups per news event (default 4)
              --out DIR          where result.json, latency.png and lag.png go (default deploy/local/stack/target/bench)
              --profile          record each service with JFR (DIR/<service>.jfr) and list its hottest methods
            The last line on stdout is the run's summary as one JSON object.""";

    static BenchmarkOptions parse(String[] args, Path repo) {
        int articles = 2000;
        Double rate = null;
        long seed = 1;
        double duplicates = 0.15;
        double perEvent = 4;
        Path out = repo.resolve("deploy/local/stack/target/bench");
        boolean profile = false;
        int warmUp = 5000;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--articles" -> articles = positiveInt(value(args, ++i, arg), arg);
                case "--rate" -> {
                    String v = value(args, ++i, arg);
                    rate = v.equals("max") ? null : positive(v, arg);
                }
                case "--seed" -> seed = Long.parseLong(value(args, ++i, arg));
                case "--duplicates" -> duplicates = number(value(args, ++i, arg), arg);
                case "--per-event" -> perEvent = number(value(args, ++i, arg), arg);
                case "--out" -> out = Path.of(value(args, ++i, arg)).toAbsolutePath();
                case "--profile" -> profile = true;
                case "--warm-up" -> warmUp = nonNegativeInt(value(args, ++i, arg), arg);
                case "-h", "--help" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        // Fails early on a share or mean the newsroom would refuse.
        NewsroomSettings.defaults().withDuplicateShare(duplicates).withArticlesPerEventMean(perEvent);
        return new BenchmarkOptions(articles, rate, seed, duplicates, perEvent, out, profile, warmUp);
    }

    NewsroomSettings newsroom() {
        return NewsroomSettings.defaults().withDuplicateShare(duplicateShare).withArticlesPerEventMean(perEvent);
    }

    String rateLabel() {
        return rate == null ? "max" : BenchmarkOptions.trim(rate);
    }

    static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static int positiveInt(String v, String option) {
        try {
            int n = Integer.parseInt(v);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(option + " must be a positive whole number, not '" + v + "'");
    }

    private static int nonNegativeInt(String v, String option) {
        return v.equals("0") ? 0 : positiveInt(v, option);
    }

    private static double positive(String v, String option) {
        double d = number(v, option);
        if (!(d > 0)) {
            throw new IllegalArgumentException(option + " must be > 0 or max, not '" + v + "'");
        }
        return d;
    }

    private static double number(String v, String option) {
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a number, not '" + v + "'");
        }
    }
}
