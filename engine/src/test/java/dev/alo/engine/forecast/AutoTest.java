package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AutoTest {
  @Test
  void auto_noisySeasonalSeries_80PercentIntervalsCoverAbout80Percent() {
    double in = 0;
    double total = 0;
    for (long seed = 1; seed <= 3; seed++) {
      double[] y = Synthetic.hourlyLoad(24 * 28, 100, 20, 6, seed);
      List<Backtest.Fold> folds =
          Backtest.run(
              Forecaster.auto(),
              Synthetic.hourly(y),
              Backtest.rollingOrigin(y.length, 24 * 21, 24, 24),
              24,
              0.8);
      for (Backtest.Fold f : folds) {
        in += f.coverage() * 24;
        total += 24;
      }
    }
    assertThat(in / total).isBetween(0.7, 0.9);
  }

  @Test
  void auto_seasonalSeries_beatsSeasonalNaive() {
    double[] y = Synthetic.hourlyLoad(24 * 28, 100, 20, 6, 21);
    List<Backtest.Split> splits = Backtest.rollingOrigin(y.length, 24 * 21, 24, 24);
    double auto = meanMase(Backtest.run(Forecaster.auto(), Synthetic.hourly(y), splits, 24, 0.8));
    double sn =
        meanMase(Backtest.run(Forecaster.seasonalNaive(), Synthetic.hourly(y), splits, 24, 0.8));
    assertThat(auto).isLessThan(sn);
  }

  private static double meanMase(List<Backtest.Fold> folds) {
    return folds.stream().mapToDouble(Backtest.Fold::mase).average().orElseThrow();
  }

  @Test
  void origins_hourlyHistoryOfTwoWeeks_meetEveryDayOfTheWeekAtTheForecastsTimeOfDay() {
    double[] hourly = {24, 168};
    int n = 1000;
    assertThat(Auto.origins(n, 24, hourly, n / 2))
        .containsExactly(n - 168, n - 144, n - 120, n - 96, n - 72, n - 48, n - 24);
    assertThat(Auto.origins(n, 1, hourly, n / 2))
        .containsExactly(n - 168, n - 144, n - 120, n - 96, n - 72, n - 48, n - 24);
    assertThat(Auto.origins(n, 48, hourly, n / 2))
        .containsExactly(n - 192, n - 144, n - 96, n - 48);
  }

  @Test
  void origins_withoutALongerCycleToCover_areTheLastThreeHorizons() {
    assertThat(Auto.origins(300, 24, new double[] {24}, 150)).containsExactly(228, 252, 276);
    assertThat(Auto.origins(300, 5, new double[0], 150)).containsExactly(285, 290, 295);
    // daily data: the week is covered, the year is not spread over for a short horizon
    assertThat(Auto.origins(1000, 7, new double[] {7, 365.25}, 500)).containsExactly(979, 986, 993);
  }

  @Test
  void origins_leaveOutThoseWithTooLittleTrainingData() {
    assertThat(Auto.origins(400, 24, new double[] {24, 168}, 300))
        .containsExactly(304, 328, 352, 376);
  }

  @Test
  void auto_longHistory_usesTheRecentPartAndSaysSo() {
    double[] y = Synthetic.hourlyLoad(3000, 100, 20, 6, 2);
    Forecast f = Forecaster.auto().forecast(Synthetic.hourly(y), 24, 0.8);
    assertThat(f.notes()).anyMatch(n -> n.contains("used the last 2500 of 3000 values"));
    assertThat(f.model()).startsWith("auto[");
  }
}
