package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class EtsTest {
  @Test
  void fit_simpleExponentialSmoothingData_recoversAlpha() {
    SplittableRandom rnd = new SplittableRandom(11);
    double alpha = 0.3;
    double level = 100;
    double[] y = new double[2000];
    for (int t = 0; t < y.length; t++) {
      double e = Synthetic.gaussian(rnd);
      y[t] = level + e;
      level += alpha * e;
    }
    Ets.Fit fit = Ets.fit(y, new Ets.Spec(false, 0, 0, 1));
    assertThat(fit.alpha).isCloseTo(alpha, within(0.06));
    assertThat(Math.sqrt(fit.sigma2)).isCloseTo(1.0, within(0.05));
  }

  @Test
  void select_additiveSeasonalSeries_choosesAdditiveSeasonality() {
    SplittableRandom rnd = new SplittableRandom(5);
    double[] y = new double[24 * 20];
    for (int t = 0; t < y.length; t++) {
      // around zero, so multiplicative forms are not even admissible on the negative values
      y[t] = 8 * Math.sin(2 * Math.PI * t / 24) + Synthetic.gaussian(rnd);
    }
    Ets.Fit fit = Ets.select(y, 24);
    assertThat(fit.spec.season()).isEqualTo(1);
    assertThat(fit.label()).endsWith(",A,24)");
  }

  @Test
  void select_positiveAdditiveSeasonalSeries_prefersAdditiveOverMultiplicative() {
    SplittableRandom rnd = new SplittableRandom(6);
    double[] y = new double[24 * 20];
    for (int t = 0; t < y.length; t++) {
      y[t] = 100 + 20 * Math.sin(2 * Math.PI * t / 24) + Synthetic.gaussian(rnd);
    }
    Ets.Fit fit = Ets.select(y, 24);
    assertThat(fit.spec.season()).isNotZero();
    Ets.Fit add = Ets.fit(y, new Ets.Spec(false, 0, 1, 24));
    Ets.Fit none = Ets.fit(y, new Ets.Spec(false, 0, 0, 1));
    assertThat(add.aicc).isLessThan(none.aicc);
  }

  @Test
  void forecast_additiveClass_intervalWidensWithHorizon() {
    double[] y = Synthetic.hourlyLoad(24 * 15, 50, 10, 1, 3);
    Forecast f = Forecaster.ets().forecast(Synthetic.hourly(y), 48, 0.8);
    double[] lo = f.lower();
    double[] hi = f.upper();
    assertThat(hi[47] - lo[47]).isGreaterThan(hi[0] - lo[0]);
    assertThat(f.componentNames()).contains("trend", "seasonal24");
    assertThat(f.model()).startsWith("ets(");
  }

  @Test
  void forecast_fiveMinuteData_usesNoSeasonalityAndSaysWhy() {
    double[] y = Synthetic.hourlyLoad(600, 50, 10, 1, 3);
    Forecast f = Forecaster.ets().forecast(RegularSeries.of(0, 300_000, y), 12, 0.8);
    assertThat(f.model()).endsWith("N)");
    assertThat(f.notes()).anyMatch(n -> n.contains("288 is above 24"));
  }
}
