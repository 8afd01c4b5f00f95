package io.storyline.ingest.endpoint;

import io.quarkus.runtime.StartupEvent;
import io.storyline.ingest.intake.IngestConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;

/**
 * Optional API-key authentication of the REST endpoints (health, metrics and OpenAPI under /q stay open). Keys are
 * compared as SHA-256 digests with {@link MessageDigest#isEqual}, over every configured key, so the time taken does
 * not reveal how much of a key matched or which key it was.
 */
@ApplicationScoped
public class ApiKeyFilter {

    @Inject
    IngestConfig config;

    private volatile List<byte[]> keyDigests = List.of();

    void onStart(@Observes StartupEvent event) {
        if (!config.auth().enabled()) {
            return;
        }
        List<byte[]> digests = config.auth().apiKeys().orElse(List.of()).stream()
                .map(String::strip).filter(k -> !k.isEmpty()).map(ApiKeyFilter::digest).toList();
        if (digests.isEmpty()) {
            throw new IllegalStateException("storyline.ingest.auth.enabled=true but no keys are configured: "
                    + "set STORYLINE_INGEST_AUTH_API_KEYS (comma-separated) or STORYLINE_INGEST_AUTH_ENABLED=false");
        }
        keyDigests = digests;
    }

    @ServerRequestFilter
    public Optional<Response> authenticate(ContainerRequestContext request) {
        if (!config.auth().enabled()) {
            return Optional.empty();
        }
        String presented = request.getHeaderString(config.auth().header());
        if (presented == null) {
            String authorization = request.getHeaderString("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                presented = authorization.substring(7);
            }
        }
        if (presented == null || presented.isBlank()) {
            return Optional.of(unauthorized("an API key is required in the " + config.auth().header() + " header"));
        }
        byte[] candidate = digest(presented.strip());
        boolean match = false;
        for (byte[] key : keyDigests) {
            match |= MessageDigest.isEqual(candidate, key);
        }
        return match ? Optional.empty() : Optional.of(unauthorized("the API key is not valid"));
    }

    private Response unauthorized(String detail) {
        return Response.fromResponse(Problem.of(401, "unauthorized", detail).toResponse())
                .header("WWW-Authenticate", "ApiKey header=\"" + config.auth().header() + "\"").build();
    }

    private static byte[] digest(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
