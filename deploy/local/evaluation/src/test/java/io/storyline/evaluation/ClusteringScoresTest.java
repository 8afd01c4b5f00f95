package io.storyline.evaluation;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ClusteringScoresTest {

    @Test
    void aPerfectClusteringScoresOne() {
        Map<String, String> truth = Map.of("a", "x", "b", "x", "c", "y");
        ClusteringScores s = ClusteringScores.of(Map.of("a", "1", "b", "1", "c", "2"), truth);
        assertThat(s.bcubedF1()).isEqualTo(1.0);
        assertThat(s.pairwiseF1()).isEqualTo(1.0);
        assertThat(s.clustersPredicted()).isEqualTo(2);
        assertThat(s.clustersTrue()).isEqualTo(2);
        assertThat(s.articles()).isEqualTo(3);
    }

    @Test
    void bcubedAndPairwiseFollowTheirDefinitions() {
        // truth {a,b,c} {d}; predicted {a,b} {c,d}
        Map<String, String> truth = Map.of("a", "x", "b", "x", "c", "x", "d", "y");
        Map<String, String> predicted = Map.of("a", "1", "b", "1", "c", "2", "d", "2");
        ClusteringScores s = ClusteringScores.of(predicted, truth);
        // precision per item: a 1, b 1, c 1/2, d 1/2 -> 0.75; recall: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
        assertThat(s.bcubedPrecision()).isCloseTo(0.75, within(1e-9));
        assertThat(s.bcubedRecall()).isCloseTo(2.0 / 3, within(1e-9));
        assertThat(s.bcubedF1()).isCloseTo(2 * 0.75 * (2.0 / 3) / (0.75 + 2.0 / 3), within(1e-9));
        // pairs: predicted {ab, cd}, true {ab, ac, bc}; together and true: ab
        assertThat(s.pairwisePrecision()).isCloseTo(0.5, within(1e-9));
        assertThat(s.pairwiseRecall()).isCloseTo(1.0 / 3, within(1e-9));
        assertThat(s.pairwiseF1()).isCloseTo(0.4, within(1e-9));
    }

    @Test
    void allSingletonsHavePerfectPrecisionAndPoorRecall() {
        Map<String, String> truth = Map.of("a", "x", "b", "x", "c", "x", "d", "x");
        ClusteringScores s = ClusteringScores.of(Map.of("a", "1", "b", "2", "c", "3", "d", "4"), truth);
        assertThat(s.bcubedPrecision()).isEqualTo(1.0);
        assertThat(s.bcubedRecall()).isCloseTo(0.25, within(1e-9));
        assertThat(s.pairwiseRecall()).isZero();
    }

    @Test
    void differentArticleSetsAreRefused() {
        assertThatThrownBy(() -> ClusteringScores.of(Map.of("a", "1"), Map.of("b", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("different articles");
    }
}
