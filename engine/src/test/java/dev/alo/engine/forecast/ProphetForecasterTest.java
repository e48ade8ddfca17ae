package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.prophet.Growth;
import dev.alo.engine.forecast.prophet.ProphetForecast;
import dev.alo.engine.forecast.prophet.ProphetModel;
import dev.alo.engine.forecast.prophet.ProphetOptions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProphetForecasterTest {
  static final long HOUR = 3_600_000L;
  static final long START = 1_700_000_000_000L / HOUR * HOUR;

  static RegularSeries hourly(int n) {
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = 50 + 0.02 * i + 10 * Math.sin(2 * Math.PI * i / 24) + (i * 7919 % 11) * 0.3;
    }
    return RegularSeries.of(START, HOUR, y);
  }

  @Test
  void byName_prophet_isTheProphetAdapter() {
    assertThat(Forecaster.byName("Prophet")).isInstanceOf(ProphetForecaster.class);
    assertThat(Forecaster.byName("prophet").name()).isEqualTo("prophet");
    assertThat(Forecaster.available()).contains("prophet");
  }

  @Test
  void forecast_hourly_futureTimesComponentsAndModel() {
    RegularSeries h = hourly(24 * 20);
    Forecast f = ProphetForecaster.withDefaults().forecast(h, 24, 0.8);
    assertThat(f.times()[0]).isEqualTo(h.timeAt(h.size()));
    assertThat(f.times()[23]).isEqualTo(h.timeAt(h.size() + 23));
    assertThat(f.componentNames()).containsExactly("trend", "weekly", "daily");
    assertThat(f.model()).isEqualTo("prophet(linear)[weekly,daily]");
    double[] mean = f.mean();
    double[] trend = f.component("trend");
    double[] weekly = f.component("weekly");
    double[] daily = f.component("daily");
    for (int i = 0; i < 24; i++) {
      assertThat(mean[i]).isCloseTo(trend[i] + weekly[i] + daily[i], within(1e-9));
      assertThat(f.lower()[i]).isLessThan(mean[i]);
      assertThat(f.upper()[i]).isGreaterThan(mean[i]);
    }
  }

  @Test
  void forecast_level_becomesTheIntervalWidth() {
    RegularSeries h = hourly(24 * 10);
    Forecast at80 = ProphetForecaster.withDefaults().forecast(h, 6, 0.8);
    Forecast at95 = ProphetForecaster.withDefaults().forecast(h, 6, 0.95);
    assertThat(at95.level()).isEqualTo(0.95);
    assertThat(at95.upper()[5] - at95.lower()[5]).isGreaterThan(at80.upper()[5] - at80.lower()[5]);
    assertThat(at95.mean()).containsExactly(at80.mean());
  }

  @Test
  void forecast_options_reachTheModel() {
    RegularSeries h = hourly(24 * 10);
    Forecast flat =
        ProphetForecaster.of(ProphetOptions.builder().growth(Growth.FLAT).build())
            .forecast(h, 12, 0.8);
    assertThat(Arrays.stream(flat.component("trend")).distinct().count()).isEqualTo(1);
    assertThat(flat.model()).startsWith("prophet(flat)");
  }

  @Test
  void forecastObserved_leavesNaNStepsOutOfTheFit() {
    RegularSeries h = hourly(24 * 10);
    double[] observed = h.values();
    long[] times = new long[h.size()];
    for (int i = 0; i < times.length; i++) {
      times[i] = h.timeAt(i);
    }
    observed[100] = Double.NaN;
    observed[101] = Double.NaN;
    Forecast f = ProphetForecaster.withDefaults().forecastObserved(h, observed, 3, 0.8);
    long[] future = {h.timeAt(h.size()), h.timeAt(h.size() + 1), h.timeAt(h.size() + 2)};
    ProphetForecast direct = ProphetModel.withDefaults().fit(times, observed).predict(future);
    assertThat(f.mean()).containsExactly(direct.yhat());
    assertThat(f.mean()).isNotEqualTo(ProphetForecaster.withDefaults().forecast(h, 3, 0.8).mean());
  }

  @Test
  void forecast_constantAndTooShort() {
    Forecast c =
        ProphetForecaster.withDefaults()
            .forecast(RegularSeries.of(START, HOUR, new double[] {4, 4, 4}), 2, 0.8);
    assertThat(c.mean()).containsExactly(4, 4);
    assertThat(c.notes()).contains("constant series: flat forecast");
    assertThatThrownBy(
            () ->
                ProphetForecaster.withDefaults()
                    .forecast(RegularSeries.of(START, HOUR, new double[] {1}), 2, 0.8))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("at least 2");
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
