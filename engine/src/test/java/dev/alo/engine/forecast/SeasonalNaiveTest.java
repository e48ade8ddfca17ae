package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeasonalNaiveTest {
  @Test
  void forecast_repeatsTheLastSeasonExactly() {
    double[] y = new double[24 * 3];
    for (int t = 0; t < y.length; t++) {
      y[t] = t % 24 + (t / 24) * 100;
    }
    Forecast f = Forecaster.seasonalNaive().forecast(Synthetic.hourly(y), 30, 0.8);
    for (int h = 0; h < 30; h++) {
      assertThat(f.mean()[h]).isEqualTo(y[48 + h % 24]);
    }
    assertThat(f.model()).isEqualTo("snaive(24)");
    assertThat(f.times()[0]).isEqualTo(72 * Synthetic.HOUR);
  }

  @Test
  void forecast_widthGrowsWithEachSeasonAhead() {
    double[] y = Synthetic.hourlyLoad(24 * 10, 50, 10, 2, 7);
    Forecast f = Forecaster.seasonalNaive().forecast(Synthetic.hourly(y), 48, 0.8);
    double w0 = f.upper()[0] - f.lower()[0];
    double w1 = f.upper()[24] - f.lower()[24];
    assertThat(w0).isPositive();
    assertThat(w1 / w0).isCloseTo(Math.sqrt(2), org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void forecast_shorterThanASeason_usesNaiveWithANote() {
    double[] y = {1, 2, 3, 4, 5};
    Forecast f = Forecaster.seasonalNaive().forecast(Synthetic.hourly(y), 3, 0.8);
    assertThat(f.mean()).containsExactly(5, 5, 5);
    assertThat(f.notes()).anyMatch(n -> n.contains("too short for seasonal periods 24 and 168"));
  }
}
