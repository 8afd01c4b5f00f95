package io.storyline.dedupe.listener;

import io.smallrye.config.ConfigMapping;
import io.storyline.dedupe.nearduplicate.NearDuplicateSettings;
import io.storyline.dedupe.story.SameEventRule;
import io.storyline.dedupe.story.StorySettings;
import io.storyline.dedupe.story.StorylineRule;

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
        /** Minimum event score for an article to join an event (SameEventRule threshold). */
        Optional<Double> joinThreshold();

        /** An event closes after this long without a new member, in stream time (e.g. P3D). */
        Optional<Duration> quietPeriod();

        /** The event rule's weights and time scales; unset ones keep SameEventRule.defaults(). */
        Events events();

        /** The storyline rule; unset ones keep StorylineRule.defaults(). */
        Storylines storylines();

        interface Events {
            /** Weight of content-term similarity. */
            Optional<Double> content();

            /** Weight of headline-and-lead (what happened) similarity. */
            Optional<Double> action();

            /** Weight of agreement on people, organisations and other named things. */
            Optional<Double> actors();

            /** Weight of agreement on places. */
            Optional<Double> places();

            /** Weight of agreement on identifying numbers (magnitudes, tolls, amounts). */
            Optional<Double> numbers();

            /** Event-day distance that costs nothing (e.g. P1D). */
            Optional<Duration> timeGrace();

            /** Beyond the grace, the distance at which the time fit halves (e.g. P3D). */
            Optional<Duration> timeScale();

            /** Grace in arrival time when only receipt times are known (e.g. P7D). */
            Optional<Duration> arrivalTolerance();
        }

        interface Storylines {
            /** Minimum score for a new event to join a storyline. */
            Optional<Double> threshold();

            /** Weight of content-term similarity with the storyline. */
            Optional<Double> content();

            /** Weight of actor agreement with the storyline. */
            Optional<Double> actors();

            /** A storyline closes after this long without a change of its events (e.g. P7D). */
            Optional<Duration> quietPeriod();
        }

        default StorySettings toSettings() {
            StorySettings settings = StorySettings.defaults();
            SameEventRule e = settings.events();
            Events ev = events();
            settings = settings.withEvents(new SameEventRule(joinThreshold().orElse(e.threshold()),
                    ev.content().orElse(e.content()), ev.action().orElse(e.action()), ev.actors().orElse(e.actors()),
                    ev.places().orElse(e.places()), ev.numbers().orElse(e.numbers()), ev.timeGrace().orElse(e.timeGrace()),
                    ev.timeScale().orElse(e.timeScale()), ev.arrivalTolerance().orElse(e.arrivalTolerance())));
            StorylineRule l = settings.storylines();
            Storylines sl = storylines();
            settings = settings.withStorylines(new StorylineRule(sl.threshold().orElse(l.threshold()),
                    sl.content().orElse(l.content()), sl.actors().orElse(l.actors()), sl.quietPeriod().orElse(l.quietPeriod())));
            if (quietPeriod().isPresent()) {
                settings = settings.withQuietPeriod(quietPeriod().get());
            }
            return settings;
        }
    }
}
