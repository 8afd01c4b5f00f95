package io.storyline.nlp.language;

import com.github.pemistahl.lingua.api.IsoCode639_1;
import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/**
 * Lingua restricted to the configured languages. Lingua 1.2 scores the best candidate 1.0 and every other
 * relative to it; the confidence reported here is the distance to the runner-up (1 - its score), the same
 * quantity Lingua's own minimum-relative-distance setting uses: ~0 means a coin toss between two languages,
 * a clear news paragraph scores 0.2 and more, and a text only one candidate's script fits scores 1.
 */
public final class LanguageIdentifier {
    public static final String UNDETERMINED = "und";

    private final LanguageDetector detector;
    private final Set<String> supported;

    public LanguageIdentifier(List<String> isoCodes, boolean lowAccuracy) {
        List<IsoCode639_1> codes = new ArrayList<>();
        for (String code : isoCodes) {
            codes.add(IsoCode639_1.valueOf(code.toUpperCase(Locale.ROOT)));
        }
        this.supported = isoCodes.stream().collect(Collectors.toUnmodifiableSet());
        LanguageDetectorBuilder builder = codes.size() == 1
                ? LanguageDetectorBuilder.fromIsoCodes639_1(codes.get(0), codes.get(0))
                : LanguageDetectorBuilder.fromIsoCodes639_1(codes.toArray(IsoCode639_1[]::new));
        // Preloading makes the first article as fast as the rest and puts the memory cost at startup.
        builder = builder.withPreloadedLanguageModels();
        if (lowAccuracy) {
            builder = builder.withLowAccuracyMode();
        }
        this.detector = builder.build();
    }

    public boolean supports(String code) {
        return code != null && supported.contains(code);
    }

    /** The most likely language of {@code sample}, or "und" with confidence 0 when nothing matches. */
    public Detection detect(String sample) {
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(sample);
        if (values.isEmpty()) {
            return new Detection(UNDETERMINED, 0.0);
        }
        Map.Entry<Language, Double> best = null;
        double runnerUp = 0;
        for (Map.Entry<Language, Double> e : values.entrySet()) {
            if (best == null || e.getValue() > best.getValue()) {
                if (best != null) {
                    runnerUp = Math.max(runnerUp, best.getValue());
                }
                best = e;
            } else {
                runnerUp = Math.max(runnerUp, e.getValue());
            }
        }
        if (best.getKey() == Language.UNKNOWN || best.getValue() <= 0) {
            return new Detection(UNDETERMINED, 0.0);
        }
        String code = best.getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT);
        double distance = 1.0 - runnerUp / best.getValue();
        return new Detection(code, Math.round(distance * 1000) / 1000.0);
    }

    /** @param code ISO 639-1 or "und"; @param confidence in [0, 1] */
    public record Detection(String code, double confidence) {
    }
}
