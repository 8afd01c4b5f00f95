package io.storyline.dedupe;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class RedeliveryLedgerTest {

    private static final Instant T0 = Instant.parse("2021-04-13T12:00:00Z");

    @Test
    void sameRevisionAgainIsARedeliveryButANewerRevisionIsNot() {
        RedeliveryLedger ledger = new RedeliveryLedger(Duration.ofDays(7));
        assertThat(ledger.firstDelivery("a", 1, T0)).isTrue();
        assertThat(ledger.firstDelivery("a", 1, T0.plusSeconds(5))).isFalse();
        assertThat(ledger.firstDelivery("a", 2, T0.plusSeconds(10))).isTrue();
        assertThat(ledger.firstDelivery("a", 1, T0.plusSeconds(15))).as("older revision").isFalse();
        assertThat(ledger.firstDelivery("b", 1, T0.plusSeconds(20))).isTrue();
    }

    @Test
    void forgetsArticlesThatArrivedLongerAgoThanTheWindow() {
        RedeliveryLedger ledger = new RedeliveryLedger(Duration.ofDays(1));
        ledger.firstDelivery("old", 1, T0);
        ledger.firstDelivery("revised", 1, T0);
        ledger.firstDelivery("revised", 2, T0.plus(Duration.ofHours(20)));
        ledger.firstDelivery("new", 1, T0.plus(Duration.ofHours(30)));
        assertThat(ledger.size()).isEqualTo(2);
        assertThat(ledger.firstDelivery("revised", 2, T0.plus(Duration.ofHours(31)))).as("its newer revision is still remembered").isFalse();
        assertThat(ledger.firstDelivery("old", 1, T0.plus(Duration.ofHours(32)))).as("forgotten, so decided again").isTrue();
    }

    @Test
    void memoryStaysBoundedUnderAnEndlessStream() {
        RedeliveryLedger ledger = new RedeliveryLedger(Duration.ofHours(1));
        for (int i = 0; i < 100_000; i++) {
            ledger.firstDelivery("a" + i, 1, T0.plusSeconds(i));
        }
        assertThat(ledger.size()).isBetween(3600, 3601);
    }
}
