package io.storyline.ingest.batch;

import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.intake.ArticleIntake;
import io.storyline.ingest.intake.IntakeResult;
import io.storyline.ingest.intake.PublishFailedException;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * Feeds many articles of one request through {@link ArticleIntake} with a bounded number awaiting their Kafka
 * acknowledgement, and collects one {@link LineResult} per line. Not thread-safe: one per request.
 */
public final class BatchIntake {

    private static final Logger LOG = Logger.getLogger(BatchIntake.class);

    private final ArticleIntake intake;
    private final IngestChannel channel;
    private final int maxInFlight;
    private final Semaphore inFlight;
    private final ConcurrentLinkedQueue<LineResult> results = new ConcurrentLinkedQueue<>();

    public BatchIntake(ArticleIntake intake, IngestChannel channel, int maxInFlight) {
        this.intake = intake;
        this.channel = channel;
        this.maxInFlight = maxInFlight;
        this.inFlight = new Semaphore(maxInFlight);
    }

    public void submit(int line, ArticleSubmission submission, String traceId) {
        inFlight.acquireUninterruptibly();
        CompletableFuture<IntakeResult> outcome;
        try {
            outcome = intake.submit(submission, channel, traceId);
        } catch (RuntimeException e) {
            inFlight.release();
            LOG.errorf(e, "line %d could not be processed", line);
            results.add(new LineResult(line, "failed", null, null, null, "internal-error", "unexpected failure; it has been logged"));
            return;
        }
        outcome.whenComplete((result, failure) -> {
            try {
                results.add(failure == null ? toLine(line, result) : failed(line, failure));
            } finally {
                inFlight.release();
            }
        });
    }

    /** A line refused before it became a submission (bad UTF-8, bad JSON, too long). */
    public void rejected(int line, Rejection rejection) {
        intake.rejected(rejection, channel, null);
        results.add(new LineResult(line, "rejected", null, null, rejection.field(), rejection.reason().code(), rejection.detail()));
    }

    /** Waits for every acknowledgement and returns the report. */
    public BatchReport finish() {
        inFlight.acquireUninterruptibly(maxInFlight);
        inFlight.release(maxInFlight);
        return BatchReport.of(List.copyOf(results));
    }

    private static LineResult toLine(int line, IntakeResult result) {
        if (result.isRejected()) {
            Rejection r = result.rejection();
            return new LineResult(line, "rejected", null, null, r.field(), r.reason().code(), r.detail());
        }
        return new LineResult(line, result.status().code(), result.article().id(), result.article().revision(), null, null, null);
    }

    private static LineResult failed(int line, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof PublishFailedException p) {
            return new LineResult(line, "failed", p.articleId(), null, null, "kafka-unavailable", p.getMessage());
        }
        LOG.errorf(cause, "line %d failed", line);
        return new LineResult(line, "failed", null, null, null, "internal-error", "unexpected failure; it has been logged");
    }
}
