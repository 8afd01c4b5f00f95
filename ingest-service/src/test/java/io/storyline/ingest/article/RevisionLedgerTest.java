package io.storyline.ingest.article;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RevisionLedgerTest {

    @Test
    void newDuplicateRevision() {
        var ledger = new RevisionLedger(100, Duration.ofHours(1));
        var first = ledger.claim("a", "h1");
        assertThat(first.outcome()).isEqualTo(RevisionLedger.Outcome.ACCEPTED);
        assertThat(first.revision()).isEqualTo(1);
        ledger.published("a", first);
        var again = ledger.claim("a", "h1");
        assertThat(again.outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        assertThat(again.published()).isCompleted();
        var changed = ledger.claim("a", "h2");
        assertThat(changed.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(changed.revision()).isEqualTo(2);
        assertThat(ledger.claim("a", "h1").revision()).isEqualTo(3);
    }

    @Test
    void failedPublicationIsForgottenSoTheRetryIsNotADuplicate() {
        var ledger = new RevisionLedger(100, Duration.ofHours(1));
        var first = ledger.claim("a", "h1");
        ledger.published("a", first);
        var revision = ledger.claim("a", "h2");
        var waiting = ledger.claim("a", "h2");
        assertThat(waiting.outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        assertThat(waiting.published()).isNotDone();
        ledger.failed("a", revision, new RuntimeException("broker down"));
        assertThat(waiting.published()).isCompletedExceptionally();
        var retry = ledger.claim("a", "h2");
        assertThat(retry.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(retry.revision()).isEqualTo(2);
    }

    @Test
    void boundedLeastRecentlyUsed() {
        var ledger = new RevisionLedger(10, Duration.ofHours(1));
        for (int i = 0; i < 1000; i++) {
            ledger.claim("id" + i, "h");
        }
        assertThat(ledger.size()).isLessThanOrEqualTo(10);
    }
}
