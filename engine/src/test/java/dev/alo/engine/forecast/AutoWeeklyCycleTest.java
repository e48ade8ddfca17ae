package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.synth.SyntheticUsage;
import dev.alo.engine.synth.UsageGenerator;
import dev.alo.engine.synth.UsageProfile;
import java.time.DayOfWeek;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hourly users with a daily wave and a weekend drop (the engine's usage generator), the history
 * ending on each day of the week: auto's forecast of the next day must be about as good as MSTL's
 * (which models the weekly cycle) and its interval must cover most of it. Before auto's validation
 * spanned the week, a history ending on a Friday was validated on weekdays only, and auto forecast
 * Saturday at weekday level with an interval that held none of it.
 */
class AutoWeeklyCycleTest {
  private static final int HOURS = 24;
  private static final long[] SEEDS = {1, 2, 3};

  @ParameterizedTest(name = "history ending on a {0}")
  @EnumSource(DayOfWeek.class)
  void auto_hourlyUsageWithWeekendDrop_forecastsTheNextDayAboutAsWellAsMstl(DayOfWeek lastDay) {
    double autoError = 0;
    double mstlError = 0;
    int covered = 0;
    for (long seed : SEEDS) {
      // The profile starts on Monday 2024-01-01: 8 weeks plus lastDay's number of days ends on it.
      int days = 8 * 7 + lastDay.getValue();
      SyntheticUsage usage =
          UsageGenerator.generate(UsageProfile.builder().days(days + 1).seed(seed).build());
      double[] users = usage.activeUsers();
      double[] history = Arrays.copyOf(users, days * HOURS);
      double[] nextDay = Arrays.copyOfRange(users, days * HOURS, (days + 1) * HOURS);
      RegularSeries series = RegularSeries.of(usage.timeAt(0), Synthetic.HOUR, history);

      Forecast auto = Forecaster.auto().forecast(series, HOURS, 0.8);
      Forecast mstl = Forecaster.mstl().forecast(series, HOURS, 0.8);

      autoError += Metrics.mae(nextDay, auto.mean());
      mstlError += Metrics.mae(nextDay, mstl.mean());
      for (int h = 0; h < HOURS; h++) {
        if (auto.lower()[h] <= nextDay[h] && nextDay[h] <= auto.upper()[h]) {
          covered++;
        }
      }
    }
    assertThat(autoError).isLessThan(1.25 * mstlError);
    assertThat(covered / (double) (SEEDS.length * HOURS)).isBetween(0.6, 1.0);
  }
}
