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
    void anotherReplicasNewerRevisionMakesResendsDuplicatesAndChangesTheNextRevision() {
        var ledger = new RevisionLedger(100, Duration.ofHours(1));
        ledger.published("a", ledger.claim("a", "h1"));
        ledger.remember("a", "h1", 1); // this replica's own record, read back
        ledger.remember("a", "h2", 2); // another replica's revision
        assertThat(ledger.claim("a", "h2").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        var changed = ledger.claim("a", "h3");
        assertThat(changed.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(changed.revision()).isEqualTo(3);
        ledger.remember("a", "h1", 1); // an older revision read late changes nothing
        assertThat(ledger.revisionOf("a")).isEqualTo(3);
    }

    @Test
    void replicasThatRacedAgreeOnTheFirstRecordOfARevisionInTheTopic() {
        // Two replicas both claim revision 2 of "a" before either has read the other's record; the topic then
        // holds B's first (dedupe keeps that one and drops A's as a redelivery of revision 2).
        var a = new RevisionLedger(100, Duration.ofHours(1));
        var b = new RevisionLedger(100, Duration.ofHours(1));
        for (var ledger : java.util.List.of(a, b)) {
            ledger.remember("a", "h1", 1);
        }
        var claimA = a.claim("a", "hA");
        var claimB = b.claim("a", "hB");
        assertThat(claimA.revision()).isEqualTo(2);
        assertThat(claimB.revision()).isEqualTo(2);
        a.published("a", claimA);
        b.published("a", claimB);
        for (var ledger : java.util.List.of(a, b)) {
            ledger.remember("a", "hB", 2);
            ledger.remember("a", "hA", 2);
        }
        for (var ledger : java.util.List.of(a, b)) {
            assertThat(ledger.claim("a", "hB").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
        }
        // A's body never got past dedupe: sent again, it becomes revision 3 on either replica
        var again = a.claim("a", "hA");
        assertThat(again.outcome()).isEqualTo(RevisionLedger.Outcome.REVISION);
        assertThat(again.revision()).isEqualTo(3);
    }

    @Test
    void aFailedPublicationThatTheTopicShowsAnywayStaysKnown() {
        var ledger = new RevisionLedger(100, Duration.ofHours(1));
        var claim = ledger.claim("a", "h1");
        ledger.remember("a", "h1", 1); // the record landed, though its acknowledgement timed out
        ledger.failed("a", claim, new RuntimeException("request timed out"));
        assertThat(ledger.claim("a", "h1").outcome()).isEqualTo(RevisionLedger.Outcome.DUPLICATE);
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
