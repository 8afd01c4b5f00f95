package io.storyline.runtime.observability;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The service's OpenTelemetry SDK, configured as every OpenTelemetry SDK is: {@code otel.*} keys in
 * application.properties are the defaults, {@code OTEL_*} environment variables override them (OTEL_TRACES_EXPORTER=otlp,
 * OTEL_EXPORTER_OTLP_ENDPOINT=...). The Kafka connector finds it as a CDI bean and carries the W3C trace context in
 * each record's {@code traceparent} header. Locally nothing is exported; spans are still made, so trace ids propagate
 * and appear in the logs. CDI {@link SpanExporter} beans (a test's in-memory exporter) receive every span as well.
 * <p>
 * The service's {@link Tracer} is named by {@value #INSTRUMENTATION} in its application.properties (the instrumentation
 * scope of its spans, e.g. {@code io.storyline.nlp}); a service that does not set it fails at startup.
 */
@ApplicationScoped
public class Tracing {

    /** The configuration key naming the service's tracer (its instrumentation scope). */
    public static final String INSTRUMENTATION = "storyline.tracing.instrumentation";

    @Produces
    @Singleton
    OpenTelemetry openTelemetry(Config config, @Any Instance<SpanExporter> exporters) {
        Map<String, String> defaults = otelProperties(config);
        List<SpanExporter> extra = exporters.stream().toList();
        return AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> defaults)
                .addTracerProviderCustomizer((provider, properties) -> {
                    extra.forEach(exporter -> provider.addSpanProcessor(SimpleSpanProcessor.create(exporter)));
                    return provider;
                })
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk();
    }

    @Produces
    @Singleton
    Tracer tracer(OpenTelemetry openTelemetry, @ConfigProperty(name = INSTRUMENTATION) String instrumentation) {
        return openTelemetry.getTracer(instrumentation);
    }

    void close(@Disposes OpenTelemetry openTelemetry) {
        if (openTelemetry instanceof OpenTelemetrySdk sdk) {
            sdk.shutdown().join(5, TimeUnit.SECONDS);
        }
    }

    /** Every {@code otel.*} key the configuration knows, resolved for the active profile. */
    static Map<String, String> otelProperties(Config config) {
        Map<String, String> properties = new TreeMap<>();
        for (String name : config.getPropertyNames()) {
            String key = name.startsWith("%") && name.indexOf('.') > 0 ? name.substring(name.indexOf('.') + 1) : name;
            if (key.startsWith("otel.")) {
                config.getOptionalValue(key, String.class).ifPresent(value -> properties.put(key, value));
            }
        }
        return properties;
    }
}
