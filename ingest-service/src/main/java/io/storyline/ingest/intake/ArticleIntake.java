package io.storyline.ingest.intake;

import io.storyline.events.Article;
import io.storyline.events.IngestChannel;
import io.storyline.ingest.article.ArticleNormaliser;
import io.storyline.ingest.article.ArticleSubmission;
import io.storyline.ingest.article.NormalisedArticle;
import io.storyline.ingest.article.Rejection;
import io.storyline.ingest.article.RejectedInputException;
import io.storyline.ingest.article.RevisionLedger;
import io.storyline.ingest.publish.ArticlePublisher;
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
    private final ArticlePublisher publisher;
    private final IngestMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public ArticleIntake(IngestConfig config, ArticlePublisher publisher, IngestMetrics metrics) {
        this.normaliser = new ArticleNormaliser(config.articleLimits());
        this.ledger = new RevisionLedger(config.ledger().maxArticles(), config.ledger().retention());
        this.publisher = publisher;
        this.metrics = metrics;
    }

    /** Normalises and publishes; a refused submission completes normally with a REJECTED result. */
    public CompletableFuture<IntakeResult> submit(ArticleSubmission submission, IngestChannel channel, String traceId) {
        Instant received = clock.instant();
        NormalisedArticle normalised;
        try {
            normalised = normaliser.normalise(submission, channel, received);
        } catch (RejectedInputException e) {
            rejected(e.rejection(), channel, submission.source());
            return CompletableFuture.completedFuture(IntakeResult.rejected(e.rejection()));
        }
        return admit(normalised, traceId, true);
    }

    /** Makes a revision already in Kafka known, so a resend after a restart is still a duplicate. */
    public void remember(String id, String contentHash, int revision) {
        ledger.remember(id, contentHash, revision);
    }

    /** Counts a refusal that happened before a submission existed (bad JSON, bad UTF-8, too large). */
    public void rejected(Rejection rejection, IngestChannel channel, String source) {
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
                    metrics.counted(status.code(), article.channel(), article.source(), null);
                    return new IntakeResult(status, revision, null, normalised.notes());
                });
    }

    private static Article withRevision(Article a, int revision) {
        return new Article(a.id(), revision, a.url(), a.title(), a.text(), a.source(), a.language(), a.author(),
                a.section(), a.feedId(), a.published(), a.publishedSource(), a.received(), a.contentHash(), a.channel());
    }
}
