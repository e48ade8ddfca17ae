package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionTest {
  private static AnomalyPoint p(int index, double score) {
    return new AnomalyPoint(index, index * 1000L, 0, 0, 0, 0, score, AnomalyPoint.Kind.BAND);
  }

  @Test
  void of_groupsConsecutivePointsAcrossGapsOnly() {
    double[] y = {0, 0, 0, Double.NaN, 0, 0, 0, 0, 0, 0};
    // 1,2 consecutive; 4 follows 2 across a gap only; 6 is separated by the observed 5; 9 alone
    Detection d = Detection.of(List.of(p(1, 3), p(2, 5), p(4, 4), p(6, 2), p(9, 7)), y);
    assertThat(d.windows())
        .containsExactly(
            new AnomalyWindow(1000, 4000, 1, 4, 3, 5),
            new AnomalyWindow(6000, 6000, 6, 6, 1, 2),
            new AnomalyWindow(9000, 9000, 9, 9, 1, 7));
  }

  @Test
  void of_noPoints_noWindows() {
    assertThat(Detection.of(List.of(), new double[] {1, 2}).windows()).isEmpty();
  }
}
