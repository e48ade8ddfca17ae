package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ForecasterTest {
  private static final List<String> MODELS =
      List.of("auto", "ets", "arima", "mstl", "snaive", "theta");

  @Test
  void everyModel_constantSeries_flatForecastWithZeroWidth() {
    double[] y = new double[100];
    java.util.Arrays.fill(y, 7.5);
    for (String m : MODELS) {
      Forecast f = Forecaster.byName(m).forecast(Synthetic.hourly(y), 5, 0.8);
      assertThat(f.mean()).containsOnly(7.5);
      assertThat(f.lower()).containsOnly(7.5);
      assertThat(f.upper()).containsOnly(7.5);
      assertThat(f.notes()).anyMatch(n -> n.contains("constant"));
    }
  }

  @Test
  void everyModel_twoValues_forecastsWithoutFailing() {
    for (String m : MODELS) {
      Forecast f = Forecaster.byName(m).forecast(Synthetic.hourly(new double[] {3, 5}), 4, 0.8);
      assertThat(java.util.Arrays.stream(f.mean()).boxed()).hasSize(4).allMatch(Double::isFinite);
      assertThat(f.notes()).isNotEmpty();
      for (int h = 0; h < 4; h++) {
        assertThat(f.lower()[h]).isLessThanOrEqualTo(f.mean()[h]);
        assertThat(f.upper()[h]).isGreaterThanOrEqualTo(f.mean()[h]);
      }
    }
  }

  @Test
  void everyModel_shortSeries_finiteForecastAndInterval() {
    double[] y = Synthetic.hourlyLoad(30, 50, 10, 1, 1);
    for (String m : MODELS) {
      Forecast f = Forecaster.byName(m).forecast(Synthetic.hourly(y), 24, 0.8);
      assertThat(java.util.Arrays.stream(f.mean()).boxed()).allMatch(Double::isFinite);
      assertThat(java.util.Arrays.stream(f.lower()).boxed()).allMatch(Double::isFinite);
      assertThat(java.util.Arrays.stream(f.upper()).boxed()).allMatch(Double::isFinite);
    }
  }

  @Test
  void forecast_fewerThanTwoValues_throwsInputException() {
    assertThatThrownBy(() -> Forecaster.auto().forecast(Synthetic.hourly(new double[] {1}), 3, 0.8))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 value(s)")
        .hasMessageContaining("at least 2");
  }

  @Test
  void forecast_badHorizonOrLevel_throwsInputException() {
    RegularSeries s = Synthetic.hourly(new double[] {1, 2, 3});
    assertThatThrownBy(() -> Forecaster.ets().forecast(s, 0, 0.8))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("horizon: 0");
    assertThatThrownBy(() -> Forecaster.ets().forecast(s, 3, 80))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("level: 80.0");
  }

  @Test
  void forecastModel_parse_everyNameCaseInsensitive_createsThatModel() {
    assertThat(Forecaster.NAMES)
        .containsExactly("auto", "prophet", "ets", "arima", "mstl", "snaive", "theta");
    for (ForecastModel m : ForecastModel.values()) {
      assertThat(ForecastModel.parse(" " + m.canonicalName().toUpperCase(java.util.Locale.ROOT)))
          .isEqualTo(m);
      assertThat(m.create().name()).isEqualTo(m.canonicalName());
    }
    assertThat(ForecastModel.find("lstm")).isEmpty();
  }

  @Test
  void byName_unknown_listsTheKnownModels() {
    assertThatThrownBy(() -> Forecaster.byName("lstm"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("'lstm'")
        .hasMessageContaining("snaive");
  }

  @Test
  void forecast_sameInput_sameOutput() {
    double[] y = Synthetic.hourlyLoad(24 * 20, 50, 10, 3, 12);
    for (String m : MODELS) {
      Forecast a = Forecaster.byName(m).forecast(Synthetic.hourly(y), 24, 0.8);
      Forecast b = Forecaster.byName(m).forecast(Synthetic.hourly(y), 24, 0.8);
      assertThat(b.mean()).containsExactly(a.mean());
      assertThat(b.lower()).containsExactly(a.lower());
      assertThat(b.upper()).containsExactly(a.upper());
      assertThat(b.model()).isEqualTo(a.model());
    }
  }

  @Test
  void forecast_timesContinueTheStep() {
    RegularSeries s = RegularSeries.of(1000, 300_000, new double[] {1, 2, 4, 3});
    Forecast f = Forecaster.seasonalNaive().forecast(s, 2, 0.8);
    assertThat(f.times()).containsExactly(1000 + 4 * 300_000L, 1000 + 5 * 300_000L);
  }

  @Test
  void periods_followTheStep() {
    assertThat(Periods.forStep(3_600_000L)).containsExactly(24, 168);
    assertThat(Periods.forStep(300_000L)).containsExactly(288, 2016);
    assertThat(Periods.forStep(1_800_000L)).containsExactly(48, 336);
    assertThat(Periods.forStep(86_400_000L)).containsExactly(7, 365.25);
  }
}
