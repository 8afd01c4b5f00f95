package io.storyline.local.load;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CopyVerdictsTest {

    // wire story w (original w0, copies w1, w2), wire story v (original v0, copy v1), and a write-up x of w's event
    private static final Map<String, String> URLS = Map.of(
            "w0", "u/w0", "w1", "u/w1", "w2", "u/w2", "v0", "u/v0", "v1", "u/v1", "x", "u/x");
    private static final Map<String, String> COPY_OF = Map.of("u/w1", "u/w0", "u/w2", "u/w0", "u/v1", "u/v0");

    @Test
    void everyCopyMarkedWithinItsGroupIsAllFound() {
        var verdicts = PipelineTap.CopyVerdicts.of(URLS, Map.of("w1", "w0", "w2", "w1", "v1", "v0"), COPY_OF);

        assertThat(verdicts.copies()).isEqualTo(3);
        assertThat(verdicts.found()).isEqualTo(3);
        assertThat(verdicts.missed()).isZero();
        assertThat(verdicts.falseDuplicates()).isZero();
        assertThat(verdicts.originalsAfterCopy()).isZero();
    }

    @Test
    void anOriginalThatArrivedAfterItsCopyIsRightlyMarkedAndCountedApart() {
        // v1 overtook v0: v0 is the duplicate; w2 went unnoticed
        var verdicts = PipelineTap.CopyVerdicts.of(URLS, Map.of("w1", "w0", "v0", "v1"), COPY_OF);

        assertThat(verdicts.found()).isEqualTo(2);
        assertThat(verdicts.originalsAfterCopy()).isEqualTo(1);
        assertThat(verdicts.missed()).isEqualTo(1);
        assertThat(verdicts.missedCopies()).containsExactly("u/w2 (copy of u/w0)");
        assertThat(verdicts.falseDuplicates()).isZero();
    }

    @Test
    void aMarkAcrossGroupsIsFalseAndLeavesTheCopyMissed() {
        // x is another outlet's write-up, not a copy; w1 marked a duplicate of v0 is wrong too
        var verdicts = PipelineTap.CopyVerdicts.of(URLS, Map.of("x", "w0", "w1", "v0", "w2", "w0", "v1", "v0"), COPY_OF);

        assertThat(verdicts.found()).isEqualTo(2);
        assertThat(verdicts.falseDuplicates()).isEqualTo(2);
        assertThat(verdicts.missed()).isEqualTo(1);
        assertThat(verdicts.falseAlarms()).containsExactlyInAnyOrder("u/x marked a duplicate of u/w0", "u/w1 marked a duplicate of u/v0");
    }
}
