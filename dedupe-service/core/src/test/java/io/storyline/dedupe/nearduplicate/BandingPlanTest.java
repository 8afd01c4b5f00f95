package io.storyline.dedupe.nearduplicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class BandingPlanTest {

    /** Reference plans from datasketch's _optimal_param (scipy quad integration), weights 0.5/0.5. */
    @ParameterizedTest
    @CsvSource({
            "0.3, 128, 37, 3", "0.4, 128, 32, 4", "0.5, 128, 25, 5", "0.6, 128, 18, 7",
            "0.7, 128, 14, 9", "0.8, 128, 9, 13", "0.9, 128, 5, 25",
            "0.5, 256, 42, 6", "0.8, 256, 17, 15"})
    void matchesDatasketchOptimalParameters(double threshold, int signatureSize, int bands, int rows) {
        assertThat(BandingPlan.optimal(threshold, signatureSize, 0.5, 0.5)).isEqualTo(new BandingPlan(bands, rows));
    }

    @Test
    void weightingFalseNegativesMoreBuysRecallWithMoreBands() {
        BandingPlan balanced = BandingPlan.optimal(0.6, 128, 0.5, 0.5);
        BandingPlan recallFirst = BandingPlan.optimal(0.6, 128, 0.1, 0.9);
        assertThat(recallFirst.candidateProbability(0.6)).isGreaterThan(balanced.candidateProbability(0.6));
    }

    @Test
    void candidateProbabilityIsAnSCurveAroundTheThreshold() {
        BandingPlan plan = BandingPlan.optimal(0.5, 128, 0.5, 0.5);
        assertThat(plan.candidateProbability(0.0)).isEqualTo(0.0);
        assertThat(plan.candidateProbability(1.0)).isEqualTo(1.0);
        assertThat(plan.candidateProbability(0.2)).isLessThan(0.01);
        assertThat(plan.candidateProbability(0.8)).isGreaterThan(0.999);
        assertThat(BandingPlan.falsePositiveArea(1.0, 1, 1)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void rejectsThresholdOutsideUnitInterval() {
        assertThatThrownBy(() -> BandingPlan.optimal(0.0, 128, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> BandingPlan.optimal(1.5, 128, 0.5, 0.5)).isInstanceOf(IllegalArgumentException.class);
    }
}
