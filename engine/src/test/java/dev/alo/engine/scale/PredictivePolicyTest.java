package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.forecast.RegularSeries;
import org.junit.jupiter.api.Test;

class PredictivePolicyTest {
  static final long MINUTE = 60_000;
  static final int DAY = 1440;

  /** A daily cycle between 2 and 18 servers of work, lowest at midnight, highest at noon. */
  static double daily(int minute) {
    return 10 - 8 * Math.cos(2 * Math.PI * minute / DAY);
  }

  static LoadHistory history(int minutes) {
    double[] v = new double[minutes];
    for (int i = 0; i < minutes; i++) {
      v[i] = daily(i);
    }
    return LoadHistory.of(RegularSeries.of(0, MINUTE, v));
  }

  /** An observation at the end of a history of {@code minutes}, with its last load. */
  static Observation after(LoadHistory h, int replicas) {
    int n = h.size();
    return Observation.of(n * MINUTE, replicas, replicas, replicas, h.valueAt(n - 1), h);
  }

  @Test
  void beforeTheMinHistory_onlyTheReactiveFloorActs() {
    ScalingPolicy p = ScalingPolicy.predictive(ScalingConfig.defaults());
    LoadHistory h = history(DAY - 1);
    ScalingDecision d = p.decide(after(h, 10));
    assertThat(d.forecastPeak()).isEmpty();
    assertThat(d.rule()).isEqualTo("floor");
  }

  @Test
  void withADayOfHistory_plansForTheForecastPeakAheadOfTheRamp() {
    // a reactive floor at 100 % leaves the rise to the plan
    ScalingPolicy p = ScalingPolicy.predictive(ScalingConfig.builder().reactiveTarget(100).build());
    // two days and 9 hours: the morning ramp, load 9.0 now and rising ~1.4 per hour
    LoadHistory h = history(2 * DAY + 9 * 60);
    ScalingDecision d = p.decide(after(h, 12));
    assertThat(d.forecastPeak()).isPresent();
    double peakAhead = daily(2 * DAY + 9 * 60 + 5);
    assertThat(d.forecastPeak().getAsDouble()).isGreaterThanOrEqualTo(peakAhead);
    assertThat(d.rule()).isEqualTo("plan");
    assertThat(d.desiredReplicas())
        .isEqualTo((int) Math.ceil(d.forecastPeak().getAsDouble() / 0.9));
  }

  @Test
  void scaleIn_onlyThroughTheWindow_theHighestOfTheLast300sWins() {
    ScalingPolicy p = ScalingPolicy.predictive(ScalingConfig.defaults());
    // noon, at the peak: plan for it
    int noon = 2 * DAY + 12 * 60;
    int high = p.decide(after(history(noon), 20)).desiredReplicas();
    // four minutes later the history is the same shape; pretend the load has collapsed:
    // the floor says fewer, the plan too after the peak, but the window keeps the high count
    LoadHistory h = history(noon + 4);
    Observation quiet = Observation.of((noon + 4) * MINUTE, high, high, high, 0.1, h);
    ScalingDecision d = p.decide(quiet);
    assertThat(d.desiredReplicas()).isEqualTo(high);
    assertThat(d.rule()).isIn("stabilized", "plan");
  }

  @Test
  void refit_reusesTheForecastWithinTheHour_thenLearnsTheNewLevel() {
    ScalingPolicy p = ScalingPolicy.predictive(ScalingConfig.defaults());
    int start = 2 * DAY;
    double[] v = new double[start + 120];
    for (int i = 0; i < v.length; i++) {
      v[i] = i < start ? daily(i) : 10 * daily(i);
    }
    RegularSeries all = RegularSeries.of(0, MINUTE, v);
    double firstPeak =
        p.decide(after(LoadHistory.of(all.head(start)), 10)).forecastPeak().orElseThrow();
    // 30 minutes of a tenfold load: the same forecast path still serves
    double within =
        p.decide(after(LoadHistory.of(all.head(start + 30)), 10)).forecastPeak().orElseThrow();
    assertThat(within).isLessThan(3 * firstPeak);
    // an hour on, the refit sees the new level
    double refit =
        p.decide(after(LoadHistory.of(all.head(start + 60)), 10)).forecastPeak().orElseThrow();
    assertThat(refit).isGreaterThan(3 * firstPeak);
  }
}
