package io.storyline.dedupe.bench;

import io.storyline.dedupe.bench.WireCopyGenerator.LabelledArticle;
import io.storyline.dedupe.nearduplicate.BandingPlan;
import io.storyline.dedupe.nearduplicate.NearDuplicate;
import io.storyline.dedupe.nearduplicate.NearDuplicateDetector;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Precision, recall and F1 of duplicate detection on generated wire copies of real articles, over a grid of
 * thresholds and shingle sizes. The last stdout line is a JSON object for the default settings.
 * <p>
 * An article is a positive when an earlier article of its group was delivered; a detection is right when
 * duplicateOf names an article of the same group. A detection pointing into another group is a false positive
 * (and, for a positive, also a miss).
 */
public final class NearDuplicateQualityReport {

    static final double[] THRESHOLDS = {0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9};
    static final int[] SHINGLE_SIZES = {3, 4, 5};
    static final long[] GENERATOR_SEEDS = {11, 23, 37};
    static final int COPIES_PER_ARTICLE = 5;

    record Score(long truePositives, long falsePositives, long falseNegatives, long hardNegativeHits) {
        double precision() {
            return truePositives + falsePositives == 0 ? 1.0 : (double) truePositives / (truePositives + falsePositives);
        }

        double recall() {
            return truePositives + falseNegatives == 0 ? 1.0 : (double) truePositives / (truePositives + falseNegatives);
        }

        double f1() {
            double p = precision();
            double r = recall();
            return p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        Score plus(Score o) {
            return new Score(truePositives + o.truePositives, falsePositives + o.falsePositives,
                    falseNegatives + o.falseNegatives, hardNegativeHits + o.hardNegativeHits);
        }
    }

    public static void main(String[] args) {
        List<SeedCorpus.SourceArticle> corpus = SeedCorpus.load();
        List<List<LabelledArticle>> streams = new java.util.ArrayList<>();
        for (long seed : GENERATOR_SEEDS) {
            streams.add(new WireCopyGenerator(seed, COPIES_PER_ARTICLE).generate(corpus));
        }
        long positives = streams.stream().mapToLong(NearDuplicateQualityReport::positives).sum();
        long total = streams.stream().mapToLong(List::size).sum();
        System.out.printf(Locale.ROOT, "streams: %d x ~%d articles (%d originals, %d copies per original, "
                        + "hard negatives: other stories on the subject + follow-ups); %d of %d are copies%n",
                streams.size(), streams.get(0).size(), corpus.size(), COPIES_PER_ARTICLE, positives, total);
        System.out.println("shingle  threshold  bands  rows  precision  recall   f1      tp     fp    fn  hard-neg-hits");

        NearDuplicateSettings defaults = NearDuplicateSettings.defaults();
        Score best = null;
        String bestLabel = "";
        for (int shingle : SHINGLE_SIZES) {
            for (double threshold : THRESHOLDS) {
                NearDuplicateSettings settings = defaults.withShingleSize(shingle).withThreshold(threshold);
                Score score = evaluate(settings, streams);
                BandingPlan plan = BandingPlan.optimal(threshold, settings.signatureSize(),
                        settings.falsePositiveWeight(), settings.falseNegativeWeight());
                System.out.printf(Locale.ROOT, "%7d  %9.2f  %5d  %4d  %9.4f  %6.4f  %6.4f  %5d  %5d  %4d  %d%n",
                        shingle, threshold, plan.bands(), plan.rows(), score.precision(), score.recall(), score.f1(),
                        score.truePositives(), score.falsePositives(), score.falseNegatives(), score.hardNegativeHits());
                if (best == null || score.f1() > best.f1()) {
                    best = score;
                    bestLabel = "shingle " + shingle + ", threshold " + threshold;
                }
            }
        }
        System.out.printf(Locale.ROOT, "best F1 %.4f at %s%n", best.f1(), bestLabel);

        Score chosen = evaluate(defaults, streams);
        BandingPlan plan = new NearDuplicateDetector(defaults).bandingPlan();
        System.out.printf(Locale.ROOT, "{\"precision\":%.4f,\"recall\":%.4f,\"f1\":%.4f,\"threshold\":%.2f,\"bands\":%d,"
                        + "\"rows\":%d,\"shingle_size\":%d,\"signature_size\":%d,\"articles\":%d,\"copies\":%d,"
                        + "\"false_positives\":%d,\"hard_negative_hits\":%d}%n",
                chosen.precision(), chosen.recall(), chosen.f1(), defaults.threshold(), plan.bands(), plan.rows(),
                defaults.shingleSize(), defaults.signatureSize(), total, positives, chosen.falsePositives(),
                chosen.hardNegativeHits());
    }

    static long positives(List<LabelledArticle> stream) {
        Map<String, Boolean> seen = new HashMap<>();
        long positives = 0;
        for (LabelledArticle a : stream) {
            if (seen.put(a.group(), Boolean.TRUE) != null) {
                positives++;
            }
        }
        return positives;
    }

    static Score evaluate(NearDuplicateSettings settings, List<List<LabelledArticle>> streams) {
        Score sum = new Score(0, 0, 0, 0);
        for (List<LabelledArticle> stream : streams) {
            sum = sum.plus(evaluateStream(settings, stream));
        }
        return sum;
    }

    static Score evaluateStream(NearDuplicateSettings settings, List<LabelledArticle> stream) {
        NearDuplicateDetector detector = new NearDuplicateDetector(settings);
        Map<String, String> groupOf = new HashMap<>();
        Map<String, Boolean> groupSeen = new HashMap<>();
        Instant time = Instant.parse("2026-03-01T00:00:00Z");
        long tp = 0, fp = 0, fn = 0, hard = 0;
        for (LabelledArticle article : stream) {
            groupOf.put(article.id(), article.group());
            boolean positive = groupSeen.put(article.group(), Boolean.TRUE) != null;
            Optional<NearDuplicate> verdict = detector.observe(article.id(), "en", article.source(), article.title(),
                    article.text(), time);
            time = time.plus(Duration.ofMinutes(1));
            boolean right = verdict.isPresent() && article.group().equals(groupOf.get(verdict.get().originalId()));
            if (right) {
                tp++;
            } else {
                if (verdict.isPresent()) {
                    fp++;
                    if (!article.kind().equals("copy")) {
                        hard++;
                    }
                }
                if (positive) {
                    fn++;
                }
            }
        }
        return new Score(tp, fp, fn, hard);
    }
}
