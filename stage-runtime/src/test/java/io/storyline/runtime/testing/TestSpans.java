package io.storyline.runtime.testing;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Every span the service ends, kept in memory for the tests (Tracing adds CDI span exporters to the SDK). A service's
 * QuarkusTests get it from this module's test-jar, whose beans.xml has Quarkus index it.
 */
public class TestSpans {

    @Produces
    @Singleton
    InMemorySpanExporter spans() {
        return InMemorySpanExporter.create();
    }
}
