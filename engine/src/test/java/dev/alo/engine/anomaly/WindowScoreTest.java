package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowScoreTest {
  private static AnomalyPoint at(long time) {
    return new AnomalyPoint(0, time, 0, 0, 0, 0, 1, AnomalyPoint.Kind.BAND);
  }

  private static final List<LabelledWindow> WINDOWS =
      List.of(
          new LabelledWindow(100, 200), new LabelledWindow(500, 600), new LabelledWindow(900, 950));

  @Test
  void of_countsPointsInsideAsTrueAndWindowsWithAHitAsFound() {
    // 100 and 200 are the inclusive ends of window 1; 150 also inside; 300 and 950 + 1 outside
    WindowScore s =
        WindowScore.of(List.of(at(100), at(150), at(200), at(300), at(600), at(951)), WINDOWS);
    assertThat(s.detections()).isEqualTo(6);
    assertThat(s.trueDetections()).isEqualTo(4);
    assertThat(s.windowsFound()).isEqualTo(2);
    assertThat(s.precision()).isEqualTo(4.0 / 6);
    assertThat(s.recall()).isEqualTo(2.0 / 3);
    assertThat(s.f1())
        .isCloseTo(
            2 * (4.0 / 6) * (2.0 / 3) / (4.0 / 6 + 2.0 / 3),
            org.assertj.core.data.Offset.offset(1e-12));
  }

  @Test
  void of_noDetections_precisionOneRecallZero() {
    WindowScore s = WindowScore.of(List.of(), WINDOWS);
    assertThat(s.precision()).isEqualTo(1);
    assertThat(s.recall()).isZero();
  }

  @Test
  void plus_sumsCountsForMicroAverage() {
    WindowScore a = new WindowScore(10, 5, 2, 1);
    WindowScore b = new WindowScore(30, 5, 2, 2);
    WindowScore sum = a.plus(b);
    assertThat(sum).isEqualTo(new WindowScore(40, 10, 4, 3));
    assertThat(sum.precision()).isEqualTo(0.25);
    assertThat(sum.recall()).isEqualTo(0.75);
  }

  @Test
  void labelledWindow_endBeforeStart_throws() {
    assertThatThrownBy(() -> new LabelledWindow(10, 9))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
