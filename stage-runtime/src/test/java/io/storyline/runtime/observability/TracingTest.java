package io.storyline.runtime.observability;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class TracingTest {

    @Test
    void passesEveryOtelKeyOnAsTheProfileResolvesIt() {
        // the names a SmallRye Config lists (profile keys included) and the values it resolves for the active profile
        Config config = config(List.of("otel.service.name", "%prod.otel.traces.exporter", "otel.traces.exporter",
                "%test.otel.metrics.exporter", "quarkus.application.name", "%prod.quarkus.http.port"),
                Map.of("otel.service.name", "nlp-service", "otel.traces.exporter", "otlp",
                        "quarkus.application.name", "nlp-service", "quarkus.http.port", "9090"));

        assertThat(Tracing.otelProperties(config)).containsExactly(
                Map.entry("otel.service.name", "nlp-service"), Map.entry("otel.traces.exporter", "otlp"));
    }

    private static Config config(List<String> names, Map<String, String> resolved) {
        return (Config) Proxy.newProxyInstance(Config.class.getClassLoader(), new Class<?>[]{Config.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getPropertyNames" -> names;
                    case "getOptionalValue" -> Optional.ofNullable(resolved.get((String) args[0]));
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
