package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NonNegativeForecastTest {
  private static final long HOUR = 3_600_000L;

  /** A count falling steeply towards zero: a trend model extrapolates it below zero. */
  private static double[] fallingCounts(double offset) {
    double[] y = new double[200];
    for (int i = 0; i < y.length; i++) {
      y[i] = offset + Math.max(0, 400 - 2.0 * i) + 5 * Math.sin(i * 0.7);
    }
    return y;
  }

  @Test
  void forecast_neverNegativeHistory_staysAtOrAboveZero() {
    RegularSeries history = RegularSeries.of(0, HOUR, fallingCounts(5));
    for (String model : new String[] {"ets", "arima", "theta", "auto"}) {
      Forecast f = Forecaster.byName(model).forecast(history, 48, 0.8);
      assertThat(Arrays.stream(f.lower()).min().orElseThrow()).as(model).isGreaterThanOrEqualTo(0);
      assertThat(Arrays.stream(f.mean()).min().orElseThrow()).as(model).isGreaterThanOrEqualTo(0);
    }
  }

  @Test
  void forecast_historyWithNegativeValues_isNotClipped() {
    RegularSeries history = RegularSeries.of(0, HOUR, fallingCounts(-300));
    Forecast f = Forecaster.ets().forecast(history, 48, 0.8);
    assertThat(Arrays.stream(f.lower()).min().orElseThrow()).isLessThan(-300);
  }
}
