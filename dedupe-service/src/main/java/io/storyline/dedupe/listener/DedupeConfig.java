package io.storyline.dedupe.listener;

import io.smallrye.config.ConfigMapping;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.StorySettings;

import java.time.Duration;
import java.util.Optional;

/**
 * The tuning knobs an operator may set ({@code storyline.dedupe.*}, or e.g. the environment variable
 * STORYLINE_DEDUPE_NEAR_DUPLICATES_THRESHOLD). Unset knobs keep the defaults chosen from the quality
 * measurements, which live with the settings records.
 */
@ConfigMapping(prefix = "storyline.dedupe")
public interface DedupeConfig {

    NearDuplicates nearDuplicates();

    Stories stories();

    interface NearDuplicates {
        /** Estimated Jaccard similarity at or above which an article is a copy. */
        Optional<Double> threshold();

        /** MinHash components per signature (at least 128). */
        Optional<Integer> signatureSize();

        /** Words per shingle. */
        Optional<Integer> shingleSize();

        /** How long, in event time, an original stays matchable (ISO-8601 duration, e.g. P7D). */
        Optional<Duration> window();

        default NearDuplicateSettings toSettings() {
            NearDuplicateSettings defaults = NearDuplicateSettings.defaults();
            return new NearDuplicateSettings(
                    threshold().orElse(defaults.threshold()),
                    signatureSize().orElse(defaults.signatureSize()),
                    shingleSize().orElse(defaults.shingleSize()),
                    window().orElse(defaults.window()));
        }
    }

    interface Stories {
        /** Minimum combined score for an article to join a story. */
        Optional<Double> joinThreshold();

        /** A story closes after this long without a new member, in event time (e.g. P3D). */
        Optional<Duration> quietPeriod();

        default StorySettings toSettings() {
            StorySettings settings = StorySettings.defaults();
            if (joinThreshold().isPresent()) {
                settings = settings.withJoinThreshold(joinThreshold().get());
            }
            if (quietPeriod().isPresent()) {
                settings = settings.withQuietPeriod(quietPeriod().get());
            }
            return settings;
        }
    }
}
