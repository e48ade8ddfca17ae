package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Seasonal periods for steps of a day and longer, and what they do for monthly data. */
class CalendarPeriodsTest {
  private static final long DAY = 86_400_000L;
  private static final long MONTH = 2_629_746_000L;

  @Test
  void forStep_calendarSteps_giveTheYearlyCycle() {
    assertThat(Periods.forStep(DAY)).containsExactly(7, 365.25);
    assertThat(Periods.forStep(7 * DAY)).containsExactly(365.25 / 7);
    assertThat(Periods.forStep(MONTH)).containsExactly(12);
    assertThat(Periods.forStep(30 * DAY)).containsExactly(12);
    assertThat(Periods.forStep(3 * MONTH)).containsExactly(4);
    assertThat(Periods.forStep(6 * MONTH)).containsExactly(2);
    assertThat(Periods.forStep(12 * MONTH)).isEmpty();
    assertThat(Periods.forStep(5 * MONTH)).isEmpty();
    assertThat(Periods.forStep(3 * DAY)).isEmpty();
    assertThat(Periods.forStep(45 * DAY)).isEmpty();
  }

  @Test
  void forHistory_dailyData_yearlyCycleOnlyFromTwoYears() {
    assertThat(Periods.forHistory(DAY, 729)).containsExactly(7);
    assertThat(Periods.forHistory(DAY, 731)).containsExactly(7, 365.25);
    assertThat(Periods.forHistory(3_600_000L, 300)).containsExactly(24);
    assertThat(Periods.forHistory(3_600_000L, 336)).containsExactly(24, 168);
    assertThat(Periods.forHistory(MONTH, 10)).containsExactly(12);
  }

  @Test
  void airPassengers_autoBeatsNaiveWithDriftOn24MonthHoldout() {
    double[] y = airPassengers();
    int train = y.length - 24;
    RegularSeries history = RegularSeries.of(0, MONTH, Arrays.copyOf(y, train));
    double[] actual = Arrays.copyOfRange(y, train, y.length);
    double[] auto = Forecaster.auto().forecast(history, 24, 0.8).mean();
    double slope = (y[train - 1] - y[0]) / (train - 1);
    double[] drift = new double[24];
    for (int h = 0; h < 24; h++) {
      drift[h] = y[train - 1] + (h + 1) * slope;
    }
    double autoMae = Metrics.mae(actual, auto);
    double driftMae = Metrics.mae(actual, drift);
    // the yearly cycle (period 12) is what drift misses: auto must be far better, not just better
    assertThat(autoMae).isLessThan(0.5 * driftMae);
  }

  @Test
  void airPassengers_everyModelUsesPeriod12() {
    double[] y = airPassengers();
    RegularSeries history = RegularSeries.of(0, MONTH, y);
    double[] sn = Forecaster.seasonalNaive().forecast(history, 12, 0.8).mean();
    assertThat(sn).containsExactly(Arrays.copyOfRange(y, y.length - 12, y.length));
    for (String name : new String[] {"ets", "arima", "mstl", "theta", "auto"}) {
      double[] f = Forecaster.byName(name).forecast(history, 12, 0.8).mean();
      // the summer peak (July, index 6) stands well above November (index 10), as every year
      assertThat(f[6] - f[10]).as(name).isGreaterThan(80);
    }
  }

  private static double[] airPassengers() {
    CsvData d =
        CsvReader.read(
            Path.of(
                System.getProperty("alo.root.dir"), "datasets/prophet/example_air_passengers.csv"),
            CsvOptions.defaults());
    double[] y = new double[d.table().size()];
    for (int i = 0; i < y.length; i++) {
      y[i] = d.table().series(0).valueAt(i);
    }
    return y;
  }
}
