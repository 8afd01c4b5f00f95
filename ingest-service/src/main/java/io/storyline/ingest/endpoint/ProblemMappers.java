package io.storyline.ingest.endpoint;

import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.intake.PublishFailedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.io.UncheckedIOException;
import java.util.concurrent.CompletionException;

/** Every failure leaves as application/problem+json; no stack trace ever reaches a client. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response rejected(RejectedInputException e) {
        return Problem.of(e.rejection()).toResponse();
    }

    @ServerExceptionMapper
    public Response publishFailed(PublishFailedException e) {
        LOG.warnf("answering 503: %s", e.getMessage());
        return Response.fromResponse(Problem.of(503, "kafka-unavailable",
                "the article was not stored, retry later: " + e.getMessage()).toResponse()).header("Retry-After", "5").build();
    }

    @ServerExceptionMapper
    public Response completion(CompletionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof PublishFailedException p) {
            return publishFailed(p);
        }
        if (cause instanceof RejectedInputException r) {
            return rejected(r);
        }
        return unexpected(cause == null ? e : cause);
    }

    @ServerExceptionMapper
    public Response unreadable(UncheckedIOException e) {
        return Problem.of(400, "unreadable-body", "the request body could not be read: " + e.getCause().getMessage()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        String reason = switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "too-large";
            case 415 -> "unsupported-media-type";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
        return Problem.of(status, reason, e.getMessage()).toResponse();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("unexpected failure", e);
        return Problem.of(500, "internal-error", "unexpected failure; it has been logged").toResponse();
    }
}
