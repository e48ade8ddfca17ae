package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ArimaTest {
  @Test
  void fit_ar1_recoversPhi() {
    SplittableRandom rnd = new SplittableRandom(3);
    double[] y = new double[1500];
    double prev = 0;
    for (int t = 0; t < y.length; t++) {
      prev = 0.7 * prev + Synthetic.gaussian(rnd);
      y[t] = 10 + prev;
    }
    Arima.Fit fit = Arima.fit(y, new Arima.Order(1, 0, 0, 0, 0, 0, 1, true));
    assertThat(fit.x[0]).isCloseTo(0.7, within(0.05));
    assertThat(fit.x[1]).isCloseTo(10, within(0.3));
    assertThat(Math.sqrt(fit.sigma2)).isCloseTo(1, within(0.05));
  }

  @Test
  void select_ar1_findsAStationaryModelWithoutDifferencing() {
    SplittableRandom rnd = new SplittableRandom(4);
    double[] y = new double[1000];
    double prev = 0;
    for (int t = 0; t < y.length; t++) {
      prev = 0.4 * prev + Synthetic.gaussian(rnd);
      y[t] = prev;
    }
    Arima.Fit fit = Arima.select(y, 1);
    assertThat(fit.order.d()).isZero();
    assertThat(fit.order.p() + fit.order.q()).isPositive();
  }

  @Test
  void select_randomWalk_differencesOnce() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] y = new double[500];
    for (int t = 1; t < y.length; t++) {
      y[t] = y[t - 1] + Synthetic.gaussian(rnd);
    }
    assertThat(Arima.select(y, 1).order.d()).isEqualTo(1);
  }

  @Test
  void stationary_schurCohn_matchesKnownCases() {
    assertThat(Arima.stationary(new double[] {0.5})).isTrue();
    assertThat(Arima.stationary(new double[] {1.2})).isFalse();
    assertThat(Arima.stationary(new double[] {1.5, -0.75})).isTrue();
    assertThat(Arima.stationary(new double[] {0.5, 0.6})).isFalse();
  }

  @Test
  void forecast_strongDailyCycle_seasonalModelAndWideningInterval() {
    SplittableRandom rnd = new SplittableRandom(6);
    double[] y = new double[24 * 20];
    for (int t = 0; t < y.length; t++) {
      y[t] = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + Synthetic.gaussian(rnd);
    }
    Forecast f = Forecaster.arima().forecast(Synthetic.hourly(y), 48, 0.8);
    assertThat(f.model()).contains("[24]");
    assertThat(f.upper()[47] - f.lower()[47]).isGreaterThan(f.upper()[0] - f.lower()[0]);
    double mae = 0;
    for (int h = 0; h < 48; h++) {
      int t = y.length + h;
      mae +=
          Math.abs(
              f.mean()[h]
                  - (50
                      + 10 * Math.sin(2 * Math.PI * t / 24)
                      + 5 * Math.sin(2 * Math.PI * t / 168)));
    }
    assertThat(mae / 48).isLessThan(3);
  }
}
