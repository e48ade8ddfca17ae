package dev.alo.engine.forecast;

import java.util.Arrays;

/** The seasonal periods (in steps) implied by a sampling interval. */
final class Periods {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WEEK = 7 * DAY;
  private static final double YEAR_DAYS = 365.25;
  private static final double AVERAGE_MONTH_MILLIS = 365.2425 / 12 * DAY;

  private Periods() {}

  /**
   * The cycles a step implies, ascending: daily and weekly for sub-daily steps that divide a day
   * (hourly: 24 and 168; 5-minute: 288 and 2016); weekly and yearly for daily data (7 and 365.25);
   * yearly for weekly (52.18), monthly (12) and quarterly (4) data, or any whole number of days or
   * months that divides a year; none otherwise. A monthly step is anything from 28 to 31 days (the
   * CLI models calendar months as the average Gregorian month).
   */
  static double[] forStep(long stepMillis) {
    if (stepMillis <= 0) {
      return new double[0];
    }
    if (stepMillis < DAY && DAY % stepMillis == 0) {
      return new double[] {(double) DAY / stepMillis, (double) WEEK / stepMillis};
    }
    if (stepMillis == DAY) {
      return new double[] {7, YEAR_DAYS};
    }
    if (stepMillis == WEEK) {
      return new double[] {YEAR_DAYS / 7};
    }
    int months = wholeMonths(stepMillis);
    if (months > 0) {
      return months < 12 && 12 % months == 0 ? new double[] {12.0 / months} : new double[0];
    }
    return new double[0];
  }

  /**
   * The periods of {@link #forStep(long)} for a history of {@code n} values: the longer cycles are
   * kept only with at least two of them in the history (so daily data gets its yearly cycle from
   * two years on); the shortest always stays, each model deciding what it can do with it.
   */
  static double[] forHistory(long stepMillis, int n) {
    double[] p = forStep(stepMillis);
    int keep = p.length == 0 ? 0 : 1;
    while (keep < p.length && n >= 2 * p[keep]) {
      keep++;
    }
    return Arrays.copyOf(p, keep);
  }

  /** The number of calendar months (1 to 12) a step spans, or 0 when it is not about k months. */
  private static int wholeMonths(long stepMillis) {
    long k = Math.round(stepMillis / AVERAGE_MONTH_MILLIS);
    return k >= 1 && k <= 12 && stepMillis >= k * 28 * DAY && stepMillis <= k * 31 * DAY
        ? (int) k
        : 0;
  }

  /** The shortest of the given periods rounded to whole steps, or 1 when there is none. */
  static int primaryOf(double[] periods) {
    return periods.length == 0 ? 1 : (int) Math.round(periods[0]);
  }
}
