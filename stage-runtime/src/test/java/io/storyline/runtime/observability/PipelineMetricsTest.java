package io.storyline.runtime.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The meter names and tags the dashboards and the services' ObservabilityTests read. */
class PipelineMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final PipelineMetrics metrics = new PipelineMetrics(registry);

    @Test
    void countsPerChannelAndTopicAndFailuresPerReason() {
        metrics.recordIn("raw-in", "news.articles.raw");
        metrics.recordIn("raw-in", "news.articles.raw");
        metrics.recordOut("articles-enriched-and-deadletter", "news.deadletter");
        metrics.recordFailed("raw-in", "news.articles.raw", "rejected");

        assertThat(count("storyline.records.in", "channel", "raw-in", "topic", "news.articles.raw")).isEqualTo(2);
        assertThat(count("storyline.records.out", "channel", "articles-enriched-and-deadletter", "topic", "news.deadletter")).isEqualTo(1);
        assertThat(count("storyline.records.failed", "channel", "raw-in", "topic", "news.articles.raw", "reason", "rejected"))
                .isEqualTo(1);
        assertThat(registry.get("storyline.records.in").counter().getId().getTag("reason")).isNull();
    }

    @Test
    void oneHistogramTimerPerStage() {
        metrics.stage("decide").record(Duration.ofMillis(5));
        metrics.stage("decide").record(Duration.ofMillis(7));

        assertThat(metrics.stage("decide")).isSameAs(metrics.stage("decide"));
        assertThat(registry.get("storyline.stage.duration").tag("stage", "decide").timer().count()).isEqualTo(2);
    }

    private double count(String name, String... tags) {
        Counter counter = registry.get(name).tags(tags).counter();
        return counter.count();
    }
}
