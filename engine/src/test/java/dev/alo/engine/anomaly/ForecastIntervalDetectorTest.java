package dev.alo.engine.anomaly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
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
    assertThat(d.points()).allSatisfy(p -> assertThat(p.kind()).isEqualTo(AnomalyPoint.Kind.BAND));
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

  /**
   * Gaussian noise (sd 1) around 100 at 5-minute steps, climbing {@code slope} per step from 2000.
   */
  private static TimeSeries ramp(long seed, double slope) {
    Random rnd = new Random(seed);
    int n = 3000;
    long[] t = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = SyntheticAnomalies.START + i * 300_000L;
      y[i] = 100 + rnd.nextGaussian() + (i >= RAMP_AT ? slope * (i - RAMP_AT) : 0);
    }
    return TimeSeries.of("ramp", t, y);
  }

  private static final int RAMP_AT = 2000;

  private static ForecastDetectorOptions withoutDriftTest() {
    ForecastDetectorOptions d = ForecastDetectorOptions.atLevel(99);
    return new ForecastDetectorOptions(d.level(), d.isolatedMinScore(), d.driftAllowance(), 0);
  }

  @Test
  void detect_slowRampTheBandAbsorbs_driftTestFlagsItEarly() {
    // A climb of 0.01 sd per step: the adapting forecast follows it, so no value leaves the band.
    TimeSeries s = ramp(2, 0.01);
    assertThat(AnomalyDetector.forecastInterval(withoutDriftTest()).detect(s).points())
        .noneSatisfy(p -> assertThat(p.index()).isGreaterThanOrEqualTo(RAMP_AT));
    List<AnomalyPoint> drift =
        detector.detect(s).points().stream()
            .filter(p -> p.kind() == AnomalyPoint.Kind.DRIFT)
            .toList();
    assertThat(drift).isNotEmpty();
    // Found after at most 2 sd of climb, and nothing before the climb starts.
    assertThat(drift.get(0).index()).isBetween(RAMP_AT, RAMP_AT + 200);
    assertThat(drift.get(0).score()).isGreaterThan(2.5758);
  }

  @Test
  void detect_stationaryNoise_driftTestRaisesNothing() {
    for (long seed = 1; seed <= 10; seed++) {
      assertThat(detector.detect(ramp(seed, 0)).points())
          .as("seed %d", seed)
          .noneSatisfy(p -> assertThat(p.kind()).isEqualTo(AnomalyPoint.Kind.DRIFT));
    }
  }

  @Test
  void detect_wanderingStationarySeries_driftTestStaysQuiet() {
    // An AR(1) level (phi 0.995) under white noise: stationary, but consecutive batch deviations
    // are strongly correlated. Without the long-run variance factor this raised 12 to 17 alarms
    // per series.
    for (long seed = 1; seed <= 3; seed++) {
      Random rnd = new Random(seed);
      int n = 8000;
      long[] t = new long[n];
      double[] y = new double[n];
      double level = 0;
      for (int i = 0; i < n; i++) {
        level = 0.995 * level + 0.3 * rnd.nextGaussian();
        t[i] = SyntheticAnomalies.START + i * 300_000L;
        y[i] = 100 + level + rnd.nextGaussian();
      }
      assertThat(detector.detect(TimeSeries.of("ar1", t, y)).points())
          .as("seed %d", seed)
          .noneSatisfy(p -> assertThat(p.kind()).isEqualTo(AnomalyPoint.Kind.DRIFT));
    }
  }

  @Test
  void detect_isolatedExcursionsBelowTheMinimumScore_areDropped() {
    TimeSeries s = ramp(1, 0);
    ForecastDetectorOptions d = ForecastDetectorOptions.atLevel(99);
    List<AnomalyPoint> all =
        AnomalyDetector.forecastInterval(
                new ForecastDetectorOptions(99, 0, d.driftAllowance(), d.driftThreshold()))
            .detect(s)
            .points();
    List<AnomalyPoint> kept = detector.detect(s).points();
    assertThat(all).containsAll(kept);
    assertThat(all.size()).isGreaterThan(kept.size());
    Set<Integer> flagged = all.stream().map(AnomalyPoint::index).collect(Collectors.toSet());
    for (AnomalyPoint p : all) {
      if (!kept.contains(p)) {
        assertThat(p.score()).isLessThan(ForecastDetectorOptions.ISOLATED_MIN_SCORE);
        assertThat(flagged).doesNotContain(p.index() - 1, p.index() + 1);
      }
    }
  }

  @Test
  void options_negativeDriftThreshold_throwsNamingIt() {
    assertThatThrownBy(() -> new ForecastDetectorOptions(99, 3.29, 0.5, -1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("drift threshold -1.0")
        .hasMessageContaining(">= 0");
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
