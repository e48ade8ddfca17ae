package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class ForecastPropertiesTest {
  private static double[] values(long seed, int n, double scale) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = (rnd.nextDouble() * 2 - 1) * scale;
    }
    return v;
  }

  @Property(tries = 100)
  void hourly_pointsOnTheHour_keepTheirValues(
      @ForAll long seed,
      @ForAll @IntRange(min = 1, max = 50) int n,
      @ForAll @IntRange(min = 0, max = 100_000) int startHour) {
    double[] v = values(seed, n, 1e6);
    long[] t = new long[n];
    for (int i = 0; i < n; i++) {
      t[i] = (startHour + i) * 3_600_000L;
    }
    RegularSeries s = ProtocolV1.hourly(t, v);
    assertThat(s.values()).containsExactly(v);
    assertThat(s.startMillis()).isEqualTo(startHour * 3_600_000L);
  }

  @Property(tries = 100)
  void smape_isBetweenZeroAnd200(@ForAll long seed, @ForAll @IntRange(min = 1, max = 30) int n) {
    double[] a = values(seed, n, 1e3);
    double[] f = values(seed + 1, n, 1e3);
    assertThat(Metrics.smape(a, f)).isBetween(0.0, 200.0);
  }

  @Property(tries = 50)
  void snaive_anySeries_finiteAndOrderedInterval(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 120) int n,
      @ForAll @IntRange(min = 1, max = 48) int horizon) {
    double[] y = values(seed, n, 1e4);
    Forecast f = Forecaster.seasonalNaive().forecast(Synthetic.hourly(y), horizon, 0.8);
    for (int h = 0; h < horizon; h++) {
      assertThat(f.lower()[h]).isLessThanOrEqualTo(f.mean()[h]);
      assertThat(f.upper()[h]).isGreaterThanOrEqualTo(f.mean()[h]);
      assertThat(Double.isFinite(f.upper()[h])).isTrue();
    }
  }

  @Property(tries = 40)
  void everyModel_awkwardSeries_finiteForecastAndOrderedBounds(
      @ForAll long seed,
      @ForAll @IntRange(min = 2, max = 700) int n,
      @ForAll @IntRange(min = -3, max = 9) int magnitude) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double scale = Math.pow(10, magnitude);
    double[] y = new double[n];
    double level = scale;
    for (int t = 0; t < n; t++) {
      level += scale * 0.05 * Synthetic.gaussian(rnd);
      double v = level * (1 + 0.3 * Math.sin(2 * Math.PI * t / 24));
      if (rnd.nextInt(50) == 0) {
        v *= 10; // spike
      }
      if (rnd.nextInt(40) == 0) {
        v = 0; // dropout
      }
      y[t] = v;
    }
    for (String m : java.util.List.of("auto", "ets", "arima", "mstl", "snaive", "theta")) {
      Forecast f = Forecaster.byName(m).forecast(Synthetic.hourly(y), 48, 0.8);
      for (int h = 0; h < 48; h++) {
        assertThat(Double.isFinite(f.mean()[h])).as(m).isTrue();
        assertThat(f.lower()[h]).as(m).isLessThanOrEqualTo(f.upper()[h]);
        assertThat(Double.isFinite(f.lower()[h]) && Double.isFinite(f.upper()[h])).as(m).isTrue();
      }
    }
  }
}
