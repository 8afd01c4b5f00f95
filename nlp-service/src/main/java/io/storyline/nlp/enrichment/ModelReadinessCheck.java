package io.storyline.nlp.enrichment;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until the NER and language models are loaded. */
@Readiness
@ApplicationScoped
public class ModelReadinessCheck implements HealthCheck {
    private final AnalyzerLifecycle lifecycle;

    public ModelReadinessCheck(AnalyzerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        String state = lifecycle.state();
        return HealthCheckResponse.named("nlp-models")
                .status(state == null)
                .withData("state", state == null ? "loaded" : state)
                .build();
    }
}
