package io.storyline.ingest.intake;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready until the revision ledger has been rebuilt from news.articles.raw, nor while its follower cannot read
 * the topic (no Read ACL, brokers unreachable): such a replica would publish every resend that another replica
 * already published again.
 */
@Readiness
@ApplicationScoped
public class LedgerReadiness implements HealthCheck {

    @Inject
    LedgerRecovery recovery;

    @Inject
    IngestConfig config;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("revision-ledger");
        if (!recovery.recovered()) {
            return response.down().withData("state", "recovering").build();
        }
        LedgerFollower follower = recovery.follower();
        if (!config.ledger().follow()) {
            return response.up().withData("state", "not following").build();
        }
        if (follower == null || !follower.following()) {
            return response.down().withData("state", "stopped").build();
        }
        String failure = follower.failure();
        response.withData("applied", follower.applied()).withData("lag", follower.lag());
        if (failure != null) {
            return response.down().withData("state", "failing").withData("failure", failure).build();
        }
        return response.up().withData("state", "following").build();
    }
}
