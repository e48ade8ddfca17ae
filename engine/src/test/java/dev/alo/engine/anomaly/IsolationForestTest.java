package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.series.TimeSeries;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IsolationForestTest {

  private static double[][] cloudWithOutliers() {
    Random rnd = new Random(7);
    double[][] rows = new double[1003][];
    for (int i = 0; i < 1000; i++) {
      rows[i] = new double[] {rnd.nextGaussian(), rnd.nextGaussian()};
    }
    rows[1000] = new double[] {8, 8};
    rows[1001] = new double[] {-9, -8};
    rows[1002] = new double[] {8, -9};
    return rows;
  }

  @Test
  void score_obviousOutliersScoreHighest() {
    double[][] rows = cloudWithOutliers();
    IsolationForest f = IsolationForest.fit(rows, 100, 256, 1);
    int[] top =
        IntStream.range(0, rows.length)
            .boxed()
            .sorted((a, b) -> Double.compare(f.score(rows[b]), f.score(rows[a])))
            .limit(3)
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    assertThat(top).containsExactly(1000, 1001, 1002);
    assertThat(f.score(rows[1000])).isGreaterThan(0.6);
    assertThat(f.score(new double[] {0, 0})).isLessThan(0.5);
  }

  @Test
  void fit_sameSeed_sameScores() {
    double[][] rows = cloudWithOutliers();
    IsolationForest a = IsolationForest.fit(rows, 50, 128, 42);
    IsolationForest b = IsolationForest.fit(rows, 50, 128, 42);
    IsolationForest c = IsolationForest.fit(rows, 50, 128, 43);
    double[] probe = {1.5, -0.5};
    assertThat(a.score(probe)).isEqualTo(b.score(probe));
    assertThat(a.score(probe)).isNotEqualTo(c.score(probe));
  }

  @Test
  void averagePath_matchesTheDefinition() {
    assertThat(IsolationForest.averagePath(1)).isZero();
    assertThat(IsolationForest.averagePath(2)).isEqualTo(1);
    // c(256) = 2 H(255) - 2 * 255 / 256, H(i) ~ ln(i) + Euler's constant
    assertThat(IsolationForest.averagePath(256))
        .isCloseTo(10.24, org.assertj.core.data.Offset.offset(0.01));
  }

  @Test
  void detector_isDeterministicAndFindsTheSpikes() {
    TimeSeries s = SyntheticAnomalies.series(1);
    AnomalyDetector d = AnomalyDetector.isolationForest(99, 42);
    Detection first = d.detect(s);
    assertThat(d.detect(s)).isEqualTo(first);
    // 1% contamination of 2880 values
    assertThat(first.points()).hasSize(29);
    assertThat(first.points())
        .filteredOn(p -> SyntheticAnomalies.isSpike(p.index()))
        .hasSizeGreaterThanOrEqualTo(4);
  }
}
