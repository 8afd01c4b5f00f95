package io.storyline.runtime.observability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters every Storyline service has, with the same names and tags in each:
 * <ul>
 * <li>{@code storyline_records_in_total{channel, topic}}: records (or articles) received per input channel;</li>
 * <li>{@code storyline_records_out_total{channel, topic}}: records written per output topic;</li>
 * <li>{@code storyline_records_failed_total{channel, topic, reason}}: input records dead-lettered, by reason;</li>
 * <li>{@code storyline_stage_duration_seconds{stage}}: latency histogram of each processing stage.</li>
 * </ul>
 * Every meter of the service, Kafka client metrics included, carries {@code service=<application name>}.
 */
@ApplicationScoped
public class PipelineMetrics {

    public static final String RECORDS_IN = "storyline.records.in";
    public static final String RECORDS_OUT = "storyline.records.out";
    public static final String RECORDS_FAILED = "storyline.records.failed";
    public static final String STAGE_DURATION = "storyline.stage.duration";

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public PipelineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(Tags.of("service", service));
    }

    public void recordIn(String channel, String topic) {
        counter(RECORDS_IN, "records received", channel, topic, null).increment();
    }

    public void recordOut(String channel, String topic) {
        counter(RECORDS_OUT, "records written", channel, topic, null).increment();
    }

    /** An input record of {@code channel} went to the dead-letter topic; {@code reason} is a short fixed code. */
    public void recordFailed(String channel, String topic, String reason) {
        counter(RECORDS_FAILED, "input records dead-lettered", channel, topic, reason).increment();
    }

    public Timer stage(String stage) {
        return timers.computeIfAbsent(stage, s -> Timer.builder(STAGE_DURATION)
                .description("time spent in one processing stage")
                .tag("stage", s)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry));
    }

    private Counter counter(String name, String description, String channel, String topic, String reason) {
        String key = name + '|' + channel + '|' + topic + '|' + reason;
        return counters.computeIfAbsent(key, k -> {
            Counter.Builder builder = Counter.builder(name).description(description).tag("channel", channel).tag("topic", topic);
            if (reason != null) {
                builder.tag("reason", reason);
            }
            return builder.register(registry);
        });
    }
}
