package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SeasonalMedianTest {
  private static final double[] HOURLY = {24, 168};

  @Test
  void predict_intermittentCounts_forecastsTheZeros() {
    double[] y = new double[24 * 30];
    for (int t = 0; t < y.length; t++) {
      y[t] = t % 5 == 0 ? 1 : 0; // a count every fifth hour, zero otherwise
    }
    Prediction p = new SeasonalMedian().predict(y, 48, 0.8, HOURLY);
    assertThat(p.mean).containsOnly(0.0);
    assertThat(Arrays.stream(p.upper).min().orElseThrow()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void predict_oneSpikedCycle_isNotCarriedIntoTheForecast() {
    double[] y = new double[24 * 10];
    for (int t = 0; t < y.length; t++) {
      y[t] =
          100
              + 20 * Math.sin(2 * Math.PI * t / 24)
              + (t >= y.length - 5 && t < y.length - 2 ? 500 : 0);
    }
    double[] f = new SeasonalMedian().predict(y, 24, 0.8, HOURLY).mean;
    double[] sn = new SeasonalNaive().predict(y, 24, 0.8, HOURLY).mean;
    for (int h = 19; h < 22; h++) {
      assertThat(sn[h] - f[h]).isGreaterThan(400);
    }
  }

  @Test
  void predict_levelShift_followedAfterOneCycle() {
    double[] y = new double[24 * 10];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 24) + (t >= y.length - 30 ? 300 : 0);
    }
    double[] f = new SeasonalMedian().predict(y, 24, 0.8, HOURLY).mean;
    for (int h = 0; h < 24; h++) {
      assertThat(f[h]).isCloseTo(400 + 20 * Math.sin(2 * Math.PI * (y.length + h) / 24), within());
    }
  }

  @Test
  void predict_tooFewCycles_usesNaiveAndSaysSo() {
    double[] y = new double[24 * 3];
    Arrays.setAll(y, t -> t % 24);
    Prediction p = new SeasonalMedian().predict(y, 5, 0.8, HOURLY);
    assertThat(p.model).isEqualTo("naive");
    assertThat(p.notes).anyMatch(n -> n.contains("fewer than 4 seasonal cycles"));
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
