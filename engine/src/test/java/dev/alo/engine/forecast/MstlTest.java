package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MstlTest {
  @Test
  void decompose_trendPlusTwoSeasonalities_recoversEachPart() {
    int n = 168 * 8;
    double[] trend = new double[n];
    double[] daily = new double[n];
    double[] weekly = new double[n];
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      trend[t] = 100 + 0.02 * t;
      daily[t] = 10 * Math.sin(2 * Math.PI * t / 24);
      weekly[t] = t % 168 < 120 ? 4 : -10; // weekdays vs weekend, mean zero
      y[t] = trend[t] + daily[t] + weekly[t];
    }
    Mstl.Decomposition d = Mstl.decompose(y, new int[] {24, 168});
    // away from the ends, where LOESS extrapolates
    assertThat(maxAbsDiff(d.seasonals[0], daily, 168, n - 168)).isLessThan(1.0);
    assertThat(maxAbsDiff(d.trend, trend, 168, n - 168)).isLessThan(1.5);
    assertThat(meanAbsDiff(d.seasonals[1], weekly, 168, n - 168)).isLessThan(1.0);
  }

  @Test
  void decompose_singlePeriod_partsAddUpToTheSeries() {
    double[] y = Synthetic.hourlyLoad(24 * 10, 20, 5, 1, 9);
    Stl.Result r = Stl.decompose(y, 24, 11);
    for (int t = 0; t < y.length; t++) {
      double remainder = y[t] - r.seasonal[t] - r.trend[t];
      assertThat(Math.abs(remainder)).isLessThan(5);
    }
  }

  @Test
  void forecast_hourly_hasTrendAndBothSeasonalComponents() {
    double[] y = Synthetic.hourlyLoad(168 * 4, 50, 10, 1, 4);
    Forecast f = Forecaster.mstl().forecast(Synthetic.hourly(y), 24, 0.8);
    assertThat(f.componentNames()).containsExactly("trend", "seasonal24", "seasonal168");
    double[] mean = f.mean();
    double[] sum = new double[24];
    for (String c : f.componentNames()) {
      double[] v = f.component(c);
      for (int h = 0; h < 24; h++) {
        sum[h] += v[h];
      }
    }
    for (int h = 0; h < 24; h++) {
      assertThat(sum[h]).isCloseTo(mean[h], org.assertj.core.api.Assertions.within(1e-9));
    }
  }

  @Test
  void forecast_tooShortForTheWeeklyCycle_dropsItWithANote() {
    double[] y = Synthetic.hourlyLoad(24 * 5, 50, 10, 1, 4);
    Forecast f = Forecaster.mstl().forecast(Synthetic.hourly(y), 24, 0.8);
    assertThat(f.componentNames()).contains("seasonal24").doesNotContain("seasonal168");
    assertThat(f.notes()).anyMatch(n -> n.contains("too short for seasonal period 168"));
  }

  private static double maxAbsDiff(double[] a, double[] b, int from, int to) {
    double m = 0;
    for (int i = from; i < to; i++) {
      m = Math.max(m, Math.abs(a[i] - b[i]));
    }
    return m;
  }

  private static double meanAbsDiff(double[] a, double[] b, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += Math.abs(a[i] - b[i]);
    }
    return s / (to - from);
  }
}
