package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ForecastIntervalDetectorTest {
  private final AnomalyDetector detector = AnomalyDetector.forecastInterval(99);

  @Test
  void detect_seasonalSeriesWithSpikes_findsEverySpike() {
    Detection d = detector.detect(SyntheticAnomalies.series(1));
    Set<Integer> flagged = d.points().stream().map(AnomalyPoint::index).collect(Collectors.toSet());
    for (int spike : SyntheticAnomalies.SPIKES) {
      assertThat(flagged).as("spike at %d", spike).contains(spike);
    }
  }

  @Test
  void detect_seasonalSeriesWithSpikes_fewFalsePositives() {
    for (long seed = 1; seed <= 3; seed++) {
      Detection d = detector.detect(SyntheticAnomalies.series(seed));
      long falsePositives =
          d.points().stream()
              .map(AnomalyPoint::index)
              .filter(i -> !SyntheticAnomalies.isSpike(i))
              .filter(i -> i < SyntheticAnomalies.SHIFT_AT || i > SyntheticAnomalies.SHIFT_AT + 10)
              .count();
      // A calibrated 99% band flags about 1% of normal points.
      assertThat(falsePositives).as("seed %d", seed).isLessThan(SyntheticAnomalies.N / 50);
    }
  }

  @Test
  void detect_levelShift_firesAtTheShiftAndThenAdapts() {
    Detection d = detector.detect(SyntheticAnomalies.series(2));
    int at = SyntheticAnomalies.SHIFT_AT;
    assertThat(d.points()).anySatisfy(p -> assertThat(p.index()).isEqualTo(at));
    long after =
        d.points().stream().filter(p -> p.index() > at + 20 && p.index() < at + 500).count();
    assertThat(after).isLessThanOrEqualTo(10);
  }

  @Test
  void detect_scoreExceedsZExactlyOutsideTheBand() {
    Detection d = detector.detect(SyntheticAnomalies.series(3));
    assertThat(d.points()).isNotEmpty();
    for (AnomalyPoint p : d.points()) {
      assertThat(p.value() < p.lower() || p.value() > p.upper()).isTrue();
      assertThat(p.score()).isGreaterThan(2.5758);
      assertThat(p.expected()).isBetween(p.lower(), p.upper());
    }
    AnomalyPoint top =
        d.points().stream().max((a, b) -> Double.compare(a.score(), b.score())).orElseThrow();
    assertThat(
            SyntheticAnomalies.isSpike(top.index()) || top.index() >= SyntheticAnomalies.SHIFT_AT)
        .isTrue();
  }

  @Test
  void detect_gapsAreNeverFlaggedAndDoNotBreakTheModel() {
    TimeSeries s = SyntheticAnomalies.series(4);
    double[] y = s.values();
    Arrays.fill(y, 1000, 1050, Double.NaN);
    Detection d = detector.detect(s.withValues(y));
    assertThat(d.points()).allSatisfy(p -> assertThat(p.value()).isNotNaN());
    assertThat(d.points()).anySatisfy(p -> assertThat(p.index()).isEqualTo(1100));
  }

  @Test
  void detect_consecutiveSpikesFormOneWindow() {
    Detection d = detector.detect(SyntheticAnomalies.series(1));
    assertThat(d.windows())
        .anySatisfy(
            w -> {
              assertThat(w.firstIndex()).isLessThanOrEqualTo(1500);
              assertThat(w.lastIndex()).isGreaterThanOrEqualTo(1501);
            });
    assertThat(d.windows().stream().mapToInt(AnomalyWindow::points).sum())
        .isEqualTo(d.points().size());
  }

  @Test
  void detect_isDeterministic() {
    TimeSeries s = SyntheticAnomalies.series(5);
    assertThat(detector.detect(s)).isEqualTo(detector.detect(s));
  }

  @Test
  void forecastInterval_levelOutOfRange_throwsNamingTheLevel() {
    assertThatThrownBy(() -> AnomalyDetector.forecastInterval(100))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("100")
        .hasMessageContaining("(50, 100)");
  }

  @Test
  void detect_tooFewValues_throwsNamingTheCount() {
    TimeSeries s = TimeSeries.of("tiny", new long[] {1, 2, 3}, new double[] {1, 2, 3});
    assertThatThrownBy(() -> detector.detect(s))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("tiny")
        .hasMessageContaining("3 observed values");
  }
}
