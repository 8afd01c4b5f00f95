package io.storyline.ingest.intake;

import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.storyline.events.Article;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleNormaliser;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.NormalisedArticle;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RevisionLedger;
import io.storyline.ingest.observability.HttpTracing;
import io.storyline.ingest.publish.ArticlePublisher;
import io.storyline.runtime.observability.ArticleLogContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The one path every input channel takes: normalise, decide new / duplicate / revision, publish, count. A
 * result is returned only after Kafka acknowledged the article (or, for a duplicate, the original).
 */
@ApplicationScoped
public class ArticleIntake {

    private final ArticleNormaliser normaliser;
    private final RevisionLedger ledger;
    private final Publication publisher;
    private final IngestMetrics metrics;
    private final Clock clock = Clock.systemUTC();
    private static final io.opentelemetry.api.common.AttributeKey<String> ARTICLE_ID =
            io.opentelemetry.api.common.AttributeKey.stringKey("storyline.article.id");

    /** Writes one article to news.articles.raw; the stage completes when Kafka acknowledged it. */
    @FunctionalInterface
    public interface Publication {
        CompletableFuture<Void> publish(Article article, String traceId, Instant ingestedAt);
    }

    @Inject
    public ArticleIntake(IngestConfig config, ArticlePublisher publisher, IngestMetrics metrics) {
        this(new ArticleNormaliser(config.articleLimits()),
                new RevisionLedger(config.ledger().maxArticles(), config.ledger().retention()), publisher::publish, metrics);
    }

    /** The same intake around any ledger and publication: another replica's, in tests. */
    public ArticleIntake(ArticleNormaliser normaliser, RevisionLedger ledger, Publication publisher, IngestMetrics metrics) {
        this.normaliser = normaliser;
        this.ledger = ledger;
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Normalises and publishes; a refused submission completes normally with a REJECTED result. */
    public CompletableFuture<IntakeResult> submit(ArticleSubmission submission, IngestChannel channel, String traceId) {
        metrics.received(channel);
        Instant received = clock.instant();
        NormalisedArticle normalised;
        Timer.Sample normalising = Timer.start();
        try {
            normalised = normaliser.normalise(submission, channel, received);
        } catch (RejectedInputException e) {
            metrics.rejected(e.rejection(), channel, submission.source());
            return CompletableFuture.completedFuture(IntakeResult.rejected(e.rejection()));
        } finally {
            normalising.stop(metrics.stage("normalise"));
        }
        // the request's trace (or the consumed record's): the publisher's Kafka producer span continues it
        Context trace = HttpTracing.current();
        if (channel == IngestChannel.BATCH) {
            Span.fromContext(trace).addEvent("article", io.opentelemetry.api.common.Attributes.of(ARTICLE_ID, normalised.article().id()));
        } else {
            Span.fromContext(trace).setAttribute(ARTICLE_ID, normalised.article().id());
        }
        Timer.Sample publishing = Timer.start();
        try (Scope scope = trace.makeCurrent();
             ArticleLogContext log = ArticleLogContext.open(normalised.article().id(), Span.fromContext(trace).getSpanContext())) {
            return admit(normalised, traceId, true).whenComplete((result, failure) -> publishing.stop(metrics.stage("publish")));
        }
    }

    /**
     * Makes a revision already in Kafka known (replayed at startup, or published by another replica since), so a
     * resend is still a duplicate and a changed body the next revision.
     */
    public void remember(String id, String contentHash, int revision) {
        ledger.remember(id, contentHash, revision);
    }

    /** Article ids the ledger knows. */
    public long ledgerSize() {
        return ledger.size();
    }

    /** Counts a refusal that happened before a submission existed (bad JSON, bad UTF-8, too large). */
    public void rejected(Rejection rejection, IngestChannel channel, String source) {
        metrics.received(channel);
        metrics.rejected(rejection, channel, source);
    }

    private CompletableFuture<IntakeResult> admit(NormalisedArticle normalised, String traceId, boolean mayRetry) {
        Article article = normalised.article();
        RevisionLedger.Claim claim = ledger.claim(article.id(), article.contentHash());
        Article revision = claim.revision() == article.revision() ? article : withRevision(article, claim.revision());
        if (claim.outcome() == RevisionLedger.Outcome.DUPLICATE) {
            // Answer only once the original is safely in Kafka; if it was not, this one takes its place.
            return claim.published().handle((ok, failure) -> failure)
                    .thenCompose(failure -> {
                        if (failure != null && mayRetry) {
                            return admit(normalised, traceId, false);
                        }
                        if (failure != null) {
                            return CompletableFuture.failedFuture(new PublishFailedException(article.id(), failure));
                        }
                        metrics.counted("duplicate", article.channel(), article.source(), null);
                        return CompletableFuture.completedFuture(
                                new IntakeResult(IntakeResult.Status.DUPLICATE, revision, null, normalised.notes()));
                    });
        }
        IntakeResult.Status status = claim.outcome() == RevisionLedger.Outcome.REVISION
                ? IntakeResult.Status.REVISION : IntakeResult.Status.ACCEPTED;
        return publisher.publish(revision, traceId, article.received())
                .handle((ok, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
                        ledger.failed(article.id(), claim, cause);
                        metrics.counted("failed", article.channel(), article.source(), "kafka-unavailable");
                        throw new PublishFailedException(article.id(), cause);
                    }
                    ledger.published(article.id(), claim);
                    metrics.published();
                    metrics.counted(status.code(), article.channel(), article.source(), null);
                    return new IntakeResult(status, revision, null, normalised.notes());
                });
    }

    private static Article withRevision(Article a, int revision) {
        return new Article(a.id(), revision, a.url(), a.title(), a.text(), a.source(), a.language(), a.author(),
                a.section(), a.feedId(), a.published(), a.publishedSource(), a.received(), a.contentHash(), a.channel());
    }
}
