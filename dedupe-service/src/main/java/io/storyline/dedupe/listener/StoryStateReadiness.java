package io.storyline.dedupe.listener;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready until this instance has its partitions and has rebuilt their state. */
@Readiness
@ApplicationScoped
public class StoryStateReadiness implements HealthCheck {

    private final StoryStateRestorer restorer;
    private final StoryDesks desks;

    public StoryStateReadiness(@Identifier(StoryStateRestorer.NAME) StoryStateRestorer restorer, StoryDesks desks) {
        this.restorer = restorer;
        this.desks = desks;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("story-state")
                .status(restorer.ready())
                .withData("openStories", desks.openStories())
                .build();
    }
}
