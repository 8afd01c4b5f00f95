package io.storyline.evaluation;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.SameEventRule;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.dedupe.story.StorylineRule;
import io.storyline.events.Article;
import io.storyline.events.EventJson;
import io.storyline.events.Story;
import io.storyline.events.Storyline;
import io.storyline.nlp.ArticleAnalyzer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code evaluate.sh FILE.jsonl|DIR [--threshold T] [--storyline-threshold T] [--sweep T1,T2,...] [--storyline-sweep T1,T2,...] [--event-weights C,A,P,L,N] [--event-time GRACE_DAYS,SCALE_DAYS] [--storyline-weights C,A] [--order time|file|id] [--stories] [--analysis-cache FILE]}
 * <p>
 * Replays a labelled JSON-lines corpus through the services' analysis and clustering code and prints BCubed and
 * pairwise precision, recall and F1 for the default join threshold (or {@code --threshold}), a table over a range
 * of thresholds, and, as its last line, one JSON object. A directory of {@code .txt} articles (no labels) is
 * clustered and its stories listed. {@code --analysis-cache} keeps the nlp output of a corpus in a file, so clustering
 * settings can be studied without analysing again (the cache is only valid for the same corpus and nlp version).
 */
public final class EvaluateClustering {
    /** Event thresholds of the sweep, as factors of the default (the storyline threshold at its default). */
    private static final double[] DEFAULT_SWEEP = {0.5, 0.625, 0.75, 0.875, 1.0, 1.125, 1.25, 1.5, 1.75, 2.0};
    /** Storyline thresholds of the sweep, as factors of the default (the event threshold at its default). */
    private static final double[] DEFAULT_STORYLINE_SWEEP = {0.5, 0.625, 0.75, 0.875, 1.0, 1.125, 1.25, 1.5, 1.75, 2.0};

    public static void main(String[] args) throws Exception {
        Path input = null;
        Double threshold = null;
        Double storylineThreshold = null;
        double[] sweep = null;
        double[] storylineSweep = null;
        double[] eventWeights = null;
        double[] eventTime = null;
        double[] storylineWeights = null;
        StreamReplay.Order order = StreamReplay.Order.TIME;
        boolean showStories = false;
        Path analysisCache = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threshold" -> threshold = Double.parseDouble(value(args, ++i, "--threshold"));
                case "--storyline-threshold" -> storylineThreshold = Double.parseDouble(value(args, ++i, "--storyline-threshold"));
                case "--sweep" -> sweep = parseList(value(args, ++i, "--sweep"));
                case "--storyline-sweep" -> storylineSweep = parseList(value(args, ++i, "--storyline-sweep"));
                case "--event-weights" -> eventWeights = parseList(value(args, ++i, "--event-weights"));
                case "--event-time" -> eventTime = parseList(value(args, ++i, "--event-time"));
                case "--storyline-weights" -> storylineWeights = parseList(value(args, ++i, "--storyline-weights"));
                case "--order" -> order = StreamReplay.Order.valueOf(value(args, ++i, "--order").toUpperCase(Locale.ROOT));
                case "--stories" -> showStories = true;
                case "--analysis-cache" -> analysisCache = Path.of(value(args, ++i, "--analysis-cache"));
                default -> {
                    if (args[i].startsWith("--") || input != null) {
                        usage("unexpected argument " + args[i]);
                    }
                    input = Path.of(args[i]);
                }
            }
        }
        if (input == null) {
            usage("no input given");
        }
        if (!Files.exists(input)) {
            usage("no such file or directory: " + input);
        }
        boolean labelled = !Files.isDirectory(input);
        List<LabelledArticle> corpus = labelled ? LabelledArticle.readJsonLines(input) : LabelledArticle.readTextDirectory(input);
        if (corpus.isEmpty()) {
            usage("no articles in " + input);
        }
        StorySettings base = StorySettings.defaults();
        if (eventWeights != null) {
            if (eventWeights.length != 5) {
                usage("--event-weights takes content,action,actors,places,numbers");
            }
            SameEventRule r = base.events();
            base = base.withEvents(new SameEventRule(r.threshold(), eventWeights[0], eventWeights[1], eventWeights[2],
                    eventWeights[3], eventWeights[4], r.timeGrace(), r.timeScale(), r.arrivalTolerance()));
        }
        if (eventTime != null) {
            if (eventTime.length != 2) {
                usage("--event-time takes GRACE_DAYS,SCALE_DAYS");
            }
            SameEventRule r = base.events();
            base = base.withEvents(new SameEventRule(r.threshold(), r.content(), r.action(), r.actors(), r.places(), r.numbers(),
                    java.time.Duration.ofSeconds((long) (eventTime[0] * 86400)), java.time.Duration.ofSeconds((long) (eventTime[1] * 86400)),
                    r.arrivalTolerance()));
        }
        if (storylineWeights != null) {
            if (storylineWeights.length != 2) {
                usage("--storyline-weights takes content,actors");
            }
            StorylineRule r = base.storylines();
            base = base.withStorylines(new StorylineRule(r.threshold(), storylineWeights[0], storylineWeights[1], r.quietPeriod()));
        }
        StorySettings settings = threshold == null ? base : base.withJoinThreshold(threshold);
        if (storylineThreshold != null) {
            settings = settings.withStorylineThreshold(storylineThreshold);
        }
        NearDuplicateSettings nd = NearDuplicateSettings.defaults();

        List<Article> stream = StreamReplay.articles(corpus, order);
        System.out.printf(Locale.ROOT, "%d articles from %s, replayed in %s order%n", stream.size(), input, order.name().toLowerCase(Locale.ROOT));
        StreamReplay.Analysed analysed = analysisCache != null && Files.exists(analysisCache)
                ? StreamReplay.readAnalysis(analysisCache, stream)
                : StreamReplay.analyse(ArticleAnalyzer.create(StreamReplay.nlpSettings()), stream);
        if (analysisCache != null && !Files.exists(analysisCache)) {
            StreamReplay.writeAnalysis(analysisCache, analysed);
        }
        System.out.printf(Locale.ROOT, "analysed in %.1f s (%.0f articles/s); rejected by nlp: %d%n", analysed.seconds(),
                stream.size() / Math.max(1e-9, analysed.seconds()), analysed.rejected().size());
        analysed.rejected().forEach((id, why) -> System.out.println("  rejected " + id + ": " + why));

        Map<String, String> truth = new LinkedHashMap<>();
        if (labelled) {
            for (LabelledArticle a : corpus) {
                if (!analysed.rejected().containsKey(a.id())) {
                    truth.put(a.id(), a.cluster());
                }
            }
        }

        ArrayNode sweepJson = EventJson.mapper().createArrayNode();
        ArrayNode storylineSweepJson = EventJson.mapper().createArrayNode();
        if (labelled) {
            System.out.println();
            System.out.println("event threshold   bcubed_p  bcubed_r  bcubed_f1  pair_p  pair_r  pair_f1  events  | storyline_f1  storylines");
            double[] thresholds = sweep != null ? sweep : scaled(DEFAULT_SWEEP, settings.joinThreshold());
            for (double t : thresholds) {
                StreamReplay.Outcome o = StreamReplay.cluster(analysed.articles(), nd, settings.withJoinThreshold(t));
                ClusteringScores s = ClusteringScores.of(o.storyOf(), truth);
                ClusteringScores l = ClusteringScores.of(o.storylineOf(), truth);
                System.out.printf(Locale.ROOT, "%15.3f  %8.3f  %8.3f  %9.3f  %6.3f  %6.3f  %7.3f  %6d  | %12.3f  %10d%n", t,
                        s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF1(), s.pairwisePrecision(), s.pairwiseRecall(),
                        s.pairwiseF1(), s.clustersPredicted(), l.bcubedF1(), l.clustersPredicted());
                ObjectNode row = sweepJson.addObject();
                row.put("threshold", round(t));
                row.put("bcubed_f1", round(s.bcubedF1()));
                row.put("pairwise_f1", round(s.pairwiseF1()));
                row.put("clusters_predicted", s.clustersPredicted());
                row.put("storyline_bcubed_f1", round(l.bcubedF1()));
            }
            System.out.println();
            System.out.println("storyline threshold  storyline_p  storyline_r  storyline_f1  storylines  | event_f1");
            double[] lineThresholds = storylineSweep != null ? storylineSweep
                    : scaled(DEFAULT_STORYLINE_SWEEP, settings.storylines().threshold());
            for (double t : lineThresholds) {
                StreamReplay.Outcome o = StreamReplay.cluster(analysed.articles(), nd, settings.withStorylineThreshold(t));
                ClusteringScores l = ClusteringScores.of(o.storylineOf(), truth);
                ClusteringScores s = ClusteringScores.of(o.storyOf(), truth);
                System.out.printf(Locale.ROOT, "%19.3f  %11.3f  %11.3f  %12.3f  %10d  | %8.3f%n", t,
                        l.bcubedPrecision(), l.bcubedRecall(), l.bcubedF1(), l.clustersPredicted(), s.bcubedF1());
                ObjectNode row = storylineSweepJson.addObject();
                row.put("storyline_threshold", round(t));
                row.put("storyline_bcubed_f1", round(l.bcubedF1()));
                row.put("storylines_predicted", l.clustersPredicted());
                row.put("bcubed_f1", round(s.bcubedF1()));
            }
        }

        StreamReplay.Outcome outcome = StreamReplay.cluster(analysed.articles(), nd, settings);
        System.out.println();
        System.out.printf(Locale.ROOT, "event threshold %.3f, storyline threshold %.3f: %d events in %d storylines, %d near-duplicates, clustered in %.2f s (%.0f articles/s)%n",
                settings.joinThreshold(), settings.storylines().threshold(), outcome.stories().size(), outcome.storylines().size(),
                outcome.nearDuplicates(), outcome.seconds(),
                analysed.articles().size() / Math.max(1e-9, outcome.seconds()));
        if (showStories || !labelled) {
            printStories(outcome, labelled ? truth : Map.of());
        }

        ObjectNode json = EventJson.mapper().createObjectNode();
        json.put("input", input.toString());
        json.put("join_threshold", settings.joinThreshold());
        json.put("storyline_threshold", settings.storylines().threshold());
        if (labelled) {
            ClusteringScores s = ClusteringScores.of(outcome.storyOf(), truth);
            System.out.printf(Locale.ROOT, "BCubed   precision %.3f  recall %.3f  F1 %.3f%n", s.bcubedPrecision(), s.bcubedRecall(), s.bcubedF1());
            System.out.printf(Locale.ROOT, "pairwise precision %.3f  recall %.3f  F1 %.3f%n", s.pairwisePrecision(), s.pairwiseRecall(), s.pairwiseF1());
            System.out.printf(Locale.ROOT, "clusters predicted %d, true %d, articles %d%n", s.clustersPredicted(), s.clustersTrue(), s.articles());
            json.put("bcubed_precision", round(s.bcubedPrecision()));
            json.put("bcubed_recall", round(s.bcubedRecall()));
            json.put("bcubed_f1", round(s.bcubedF1()));
            json.put("pairwise_precision", round(s.pairwisePrecision()));
            json.put("pairwise_recall", round(s.pairwiseRecall()));
            json.put("pairwise_f1", round(s.pairwiseF1()));
            json.put("clusters_predicted", s.clustersPredicted());
            json.put("clusters_true", s.clustersTrue());
            json.put("articles", s.articles());
            ClusteringScores l = ClusteringScores.of(outcome.storylineOf(), truth);
            System.out.printf(Locale.ROOT, "storylines: BCubed precision %.3f  recall %.3f  F1 %.3f, %d storylines%n",
                    l.bcubedPrecision(), l.bcubedRecall(), l.bcubedF1(), l.clustersPredicted());
            json.put("storyline_bcubed_precision", round(l.bcubedPrecision()));
            json.put("storyline_bcubed_recall", round(l.bcubedRecall()));
            json.put("storyline_bcubed_f1", round(l.bcubedF1()));
            json.put("storyline_pairwise_f1", round(l.pairwiseF1()));
            json.put("storylines_predicted", l.clustersPredicted());
        } else {
            json.put("clusters_predicted", outcome.stories().size());
            json.put("storylines_predicted", outcome.storylines().size());
            json.put("articles", analysed.articles().size());
            ArrayNode stories = json.putArray("stories");
            for (Story story : outcome.stories()) {
                ArrayNode members = stories.addArray();
                story.members().forEach(m -> members.add(m.articleId()));
            }
            ArrayNode storylines = json.putArray("storylines");
            for (Storyline line : outcome.storylines()) {
                ArrayNode events = storylines.addArray();
                line.events().forEach(e -> events.add(e.storyId()));
            }
        }
        json.put("rejected", analysed.rejected().size());
        json.put("near_duplicates", outcome.nearDuplicates());
        json.put("analysis_seconds", round(analysed.seconds()));
        json.put("clustering_seconds", round(outcome.seconds()));
        if (labelled) {
            json.set("sweep", sweepJson);
            json.set("storyline_sweep", storylineSweepJson);
        }
        System.out.println(EventJson.mapper().writeValueAsString(json));
    }

    private static void printStories(StreamReplay.Outcome outcome, Map<String, String> truth) {
        Map<String, Story> events = new LinkedHashMap<>();
        outcome.stories().forEach(s -> events.put(s.id(), s));
        for (Storyline line : outcome.storylines()) {
            System.out.printf(Locale.ROOT, "%s  %d events, %d articles  \"%s\"%n", line.id(), line.eventCount(), line.articleCount(), line.headline());
            for (Storyline.StorylineEvent chapter : line.events()) {
                Story story = events.get(chapter.storyId());
                System.out.printf(Locale.ROOT, "  %s  %d articles  %s..%s  \"%s\"%n", chapter.storyId(), chapter.articleCount(),
                        chapter.firstSeen(), chapter.lastSeen(), chapter.headline());
                for (Story.StoryMember m : story == null ? List.<Story.StoryMember>of() : story.members()) {
                    System.out.printf(Locale.ROOT, "      %-28s %-14s score %.3f  %s%s %s%n", m.articleId(), m.reason().kind(),
                            m.reason().score(), truth.isEmpty() ? "" : "[" + truth.get(m.articleId()) + "] ", m.title(),
                            m.reason().components().isEmpty() ? "" : m.reason().components().toString());
                }
            }
        }
    }

    private static double[] scaled(double[] factors, double base) {
        double[] out = new double[factors.length];
        for (int i = 0; i < factors.length; i++) {
            out[i] = Math.round(factors[i] * base * 10000) / 10000.0;
        }
        return out;
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static double[] parseList(String s) {
        String[] parts = s.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    private static void usage(String problem) {
        System.err.println("evaluate: " + problem);
        System.err.println("usage: evaluate.sh FILE.jsonl|DIR [--threshold T] [--storyline-threshold T] [--sweep T1,T2,...] [--storyline-sweep T1,T2,...] [--event-weights C,A,P,L,N] [--event-time GRACE_DAYS,SCALE_DAYS] [--storyline-weights C,A] [--order time|file|id] [--stories] [--analysis-cache FILE]");
        System.exit(2);
    }

    private EvaluateClustering() {
    }
}
