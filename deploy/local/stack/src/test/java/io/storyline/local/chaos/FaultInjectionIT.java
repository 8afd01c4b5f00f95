package io.storyline.local.chaos;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * deploy/local/chaos.sh in small, in the build: a stream with near-duplicates and many stories goes through the
 * whole pipeline undisturbed, then again while service instances (two of nlp and of dedupe) are SIGKILLed and
 * restarted and the broker is killed and restarted once. Nothing may be lost or doubled, and the events (stories)
 * and storylines must be the same. The full-size run (20,000 articles) is the documented command; its figures are in the README.
 */
class FaultInjectionIT {

    private static final Path REPO = Path.of(System.getProperty("storyline.repo", "../../..")).toAbsolutePath().normalize();

    @Test
    void killingEveryPartLosesAndDoublesNothingAndChangesNoStory() throws Exception {
        FaultInjectionRun.Result result = FaultInjectionRun.run(REPO, Integer.getInteger("chaos.articles", 600), 20210413L, System.out);
        System.out.println("chaos: " + result.toJson());

        assertThat(result.instances()).as("ingest, two nlp and two dedupe instances").isEqualTo(5);
        assertThat(result.kills()).as("SIGKILLs").isGreaterThanOrEqualTo(FaultInjectionRun.MIN_KILLS);
        assertThat(result.restarts()).isGreaterThanOrEqualTo(result.kills());
        assertThat(result.brokerRestarts()).isEqualTo(1);
        assertThat(result.lost()).isZero();
        assertThat(result.doubled()).isZero();
        assertThat(result.stories()).as("the stream has many stories").isGreaterThan(5);
        assertThat(result.storiesDiffering()).as("stories differing").isZero();
        assertThat(result.verdictsDiffering()).as("articles whose story or duplicate verdict differs").isZero();
        assertThat(result.storiesIdentical()).isTrue();
        assertThat(result.storylines()).as("storylines of the undisturbed run").isPositive();
        assertThat(result.storylinesDiffering()).as("storylines differing").isZero();
        assertThat(result.articleStorylinesDiffering()).as("articles whose storyline differs").isZero();
        assertThat(result.storylinesIdentical()).isTrue();
    }
}
