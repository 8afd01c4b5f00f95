package io.storyline.ingest.endpoint;

import io.smallrye.common.annotation.Blocking;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleJson;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectionReason;
import io.storyline.ingest.article.StrictText;
import io.storyline.ingest.batch.BatchIntake;
import io.storyline.ingest.batch.NdjsonLines;
import io.storyline.ingest.intake.ArticleIntake;
import io.storyline.ingest.intake.IngestConfig;
import io.storyline.ingest.intake.IntakeResult;
import io.storyline.ingest.publish.TraceId;
import io.storyline.ingest.text.PlainTextArticle;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Single articles as JSON or as a plain-text file. */
@Path("/articles")
@Tag(name = "articles")
public class ArticleResource {

    static final String NDJSON = "application/x-ndjson";
    static final String TRACEPARENT = "traceparent";
    static final String REQUEST_ID = "X-Request-Id";

    @Inject
    ArticleIntake intake;

    @Inject
    IngestConfig config;

    @POST
    @Blocking
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit one article as JSON",
            description = "Fields: url, title, body (text or HTML) | text | html, source, language, published, author, section, feedId. "
                    + "202 once Kafka acknowledged it: status accepted, duplicate (same id and content) or revision (same id, changed content).")
    public CompletionStage<Response> submit(InputStream body, @HeaderParam("Content-Length") Long length,
                                            @HeaderParam(TRACEPARENT) String traceparent, @HeaderParam(REQUEST_ID) String requestId) {
        String traceId = TraceId.of(traceparent, requestId);
        ArticleSubmission submission;
        try {
            byte[] bytes = RequestBody.read(body, length == null ? -1 : length, config.limits().maxArticleBytes());
            submission = ArticleJson.read(StrictText.decode(bytes, "body"));
        } catch (RejectedInputException e) {
            intake.rejected(e.rejection(), IngestChannel.HTTP, null);
            return CompletableFuture.completedFuture(Problem.of(e.rejection()).toResponse());
        }
        return intake.submit(submission, IngestChannel.HTTP, traceId).thenApply(result -> answer(result, traceId));
    }

    @POST
    @Path("/text")
    @Blocking
    @Consumes({MediaType.TEXT_PLAIN, MediaType.WILDCARD})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit one plain-text article file",
            description = "The first line is the headline when it looks like one; url = file:NAME, source = file.")
    public CompletionStage<Response> submitText(@QueryParam("name") String name, @QueryParam("language") String language,
                                                InputStream body, @HeaderParam("Content-Length") Long length,
                                                @HeaderParam(TRACEPARENT) String traceparent, @HeaderParam(REQUEST_ID) String requestId) {
        String traceId = TraceId.of(traceparent, requestId);
        ArticleSubmission submission;
        try {
            if (name == null || name.isBlank()) {
                throw new RejectedInputException(RejectionReason.MISSING_FIELD, "name", "query parameter name (the file name) is required");
            }
            byte[] bytes = RequestBody.read(body, length == null ? -1 : length, config.limits().maxArticleBytes());
            submission = PlainTextArticle.read(name.strip(), StrictText.decode(bytes, "body"), language);
        } catch (RejectedInputException e) {
            intake.rejected(e.rejection(), IngestChannel.FILE, PlainTextArticle.SOURCE);
            return CompletableFuture.completedFuture(Problem.of(e.rejection()).toResponse());
        }
        return intake.submit(submission, IngestChannel.FILE, traceId).thenApply(result -> answer(result, traceId));
    }

    @POST
    @Path("/batch")
    @Blocking
    @Consumes({NDJSON, "application/jsonl", "application/x-jsonlines", MediaType.TEXT_PLAIN})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit many articles as NDJSON, one JSON article per line",
            description = "The body is streamed. 200 with one result per non-blank line once every accepted line is acknowledged "
                    + "by Kafka: accepted, duplicate, revision, rejected (field, reason) or failed (retry it). "
                    + "413 when the batch exceeds the byte or line limit; lines before the limit were processed (results included).")
    public Response submitBatch(InputStream body, @HeaderParam("Content-Length") Long length,
                                @HeaderParam(TRACEPARENT) String traceparent, @HeaderParam(REQUEST_ID) String requestId) throws IOException {
        var limits = config.limits();
        if (length != null && length > limits.maxBatchBytes()) {
            var rejection = new Rejection(RejectionReason.BATCH_TOO_LARGE, "body", "batch larger than " + limits.maxBatchBytes() + " bytes");
            intake.rejected(rejection, IngestChannel.BATCH, null);
            return Problem.of(rejection).toResponse();
        }
        String callerTrace = traceparent == null && requestId == null ? null : TraceId.of(traceparent, requestId);
        BatchIntake batch = new BatchIntake(intake, IngestChannel.BATCH, config.batch().maxInFlight());
        NdjsonLines lines = new NdjsonLines(limits.maxArticleBytes(), limits.maxBatchBytes(), limits.maxBatchLines());
        try {
            lines.read(body, new NdjsonLines.Handler() {
                @Override
                public void line(int number, byte[] bytes, int length) {
                    ArticleSubmission submission;
                    try {
                        submission = ArticleJson.read(StrictText.decode(bytes, 0, length, "line"));
                    } catch (RejectedInputException e) {
                        batch.rejected(number, e.rejection());
                        return;
                    }
                    batch.submit(number, submission, callerTrace == null ? TraceId.newId() : callerTrace + "-" + number);
                }

                @Override
                public void oversized(int number, long length) {
                    batch.rejected(number, new Rejection(RejectionReason.TOO_LARGE, "line",
                            "line of " + length + " bytes, at most " + limits.maxArticleBytes() + " allowed"));
                }
            });
        } catch (RejectedInputException e) {
            intake.rejected(e.rejection(), IngestChannel.BATCH, null);
            return Problem.of(e.rejection(), batch.finish()).toResponse();
        }
        return Response.ok(batch.finish()).type(MediaType.APPLICATION_JSON).build();
    }

    static Response answer(IntakeResult result, String traceId) {
        if (result.isRejected()) {
            return Problem.of(result.rejection()).toResponse();
        }
        return Response.accepted(ArticleReceipt.of(result, traceId)).type(MediaType.APPLICATION_JSON).build();
    }
}
