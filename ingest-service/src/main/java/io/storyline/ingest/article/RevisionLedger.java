package io.storyline.ingest.article;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Remembers, per article id, the content hash and revision last published, so a resend is recognised as a
 * duplicate and a changed body becomes the next revision.
 *
 * <p>State is in memory, bounded (least recently used ids are forgotten beyond {@code maxArticles}) and expires
 * after {@code retention}: for an id forgotten, a resend is published again as revision 1.
 *
 * <p>Every replica feeds the revisions it reads back from news.articles.raw, its own and the other replicas', into
 * {@link #remember}. Those are applied in the topic's order (one id is always in one partition), and of two records
 * with the same revision the first in the topic wins, which is also the one dedupe keeps (its redelivery ledger
 * drops a revision it has already seen). So replicas that raced on one id end up agreeing with each other and with
 * what went downstream, whichever of them answered first.
 */
public final class RevisionLedger {

    public enum Outcome {
        ACCEPTED, DUPLICATE, REVISION
    }

    /**
     * The ledger's decision for one article.
     *
     * @param published completes when the revision this claim refers to is acknowledged by Kafka (for a duplicate:
     *                  when the original was); fails if that publication failed
     */
    public record Claim(Outcome outcome, int revision, CompletableFuture<Void> published) {
    }

    /**
     * @param logged read back from news.articles.raw, so its place in the topic is known; false for this replica's
     *               own claim until the topic shows it
     */
    private record Entry(String contentHash, int revision, CompletableFuture<Void> published, Entry previous, boolean logged) {
    }

    private final Cache<String, Entry> entries;

    public RevisionLedger(long maxArticles, Duration retention) {
        this.entries = Caffeine.newBuilder().maximumSize(maxArticles).expireAfterAccess(retention).build();
    }

    /**
     * Decides whether an article is new, a duplicate or a revision, and reserves the revision number. The caller
     * must then call {@link #published} or {@link #failed} for an ACCEPTED or REVISION claim.
     */
    public Claim claim(String id, String contentHash) {
        Claim[] decision = new Claim[1];
        entries.asMap().compute(id, (key, current) -> {
            if (current == null) {
                Entry fresh = new Entry(contentHash, 1, new CompletableFuture<>(), null, false);
                decision[0] = new Claim(Outcome.ACCEPTED, 1, fresh.published);
                return fresh;
            }
            if (current.contentHash.equals(contentHash)) {
                decision[0] = new Claim(Outcome.DUPLICATE, current.revision, current.published);
                return current;
            }
            // Keep only one step of history: enough to undo this claim if its publication fails.
            Entry next = new Entry(contentHash, current.revision + 1, new CompletableFuture<>(),
                    new Entry(current.contentHash, current.revision, current.published, null, current.logged), false);
            decision[0] = new Claim(Outcome.REVISION, next.revision, next.published);
            return next;
        });
        return decision[0];
    }

    /** Kafka acknowledged the claimed revision. */
    public void published(String id, Claim claim) {
        claim.published().complete(null);
    }

    /** Publishing the claimed revision failed: forget it so a retry is not taken for a duplicate. */
    public void failed(String id, Claim claim, Throwable cause) {
        entries.asMap().computeIfPresent(id, (key, current) ->
                current.published == claim.published() ? current.previous : current);
        claim.published().completeExceptionally(cause);
    }

    /**
     * Records a revision read back from news.articles.raw (replayed at startup, or followed since), in the topic's
     * order. A newer revision replaces what is known; an older one is ignored. Of one revision, the first record in
     * the topic wins: it replaces this replica's own claim that the topic does not show yet (another replica
     * published that revision first, so the claim's record, if it lands, comes second and dedupe drops it), and a
     * later record with the same revision changes nothing.
     */
    public void remember(String id, String contentHash, int revision) {
        entries.asMap().compute(id, (key, known) -> {
            if (known == null || revision > known.revision
                    || (revision == known.revision && !known.logged)) {
                return new Entry(contentHash, revision, CompletableFuture.completedFuture(null), null, true);
            }
            return known;
        });
    }

    /** The revision known for {@code id}, or 0: for operations and tests. */
    public int revisionOf(String id) {
        Entry entry = entries.getIfPresent(id);
        return entry == null ? 0 : entry.revision;
    }

    public long size() {
        entries.cleanUp();
        return entries.estimatedSize();
    }
}
