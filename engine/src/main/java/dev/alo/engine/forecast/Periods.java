package dev.alo.engine.forecast;

/** The seasonal periods (in steps) implied by a sampling interval. */
final class Periods {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;
  private static final long WEEK = 7 * DAY;

  private Periods() {}

  /**
   * The daily and weekly cycles for sub-daily steps that divide a day (hourly: 24 and 168;
   * 5-minute: 288 and 2016); weekly and yearly for daily data (7 and 365.25); yearly for weekly
   * data; none otherwise. Ascending.
   */
  static double[] forStep(long stepMillis) {
    if (stepMillis < DAY && DAY % stepMillis == 0) {
      return new double[] {(double) DAY / stepMillis, (double) WEEK / stepMillis};
    }
    if (stepMillis == DAY) {
      return new double[] {7, 365.25};
    }
    if (stepMillis == WEEK) {
      return new double[] {365.25 / 7};
    }
    return new double[0];
  }

  /** The shortest period rounded to whole steps, or 1 when there is none. */
  static int primary(long stepMillis) {
    double[] p = forStep(stepMillis);
    return p.length == 0 ? 1 : (int) Math.round(p[0]);
  }

  /** The shortest of the given periods rounded to whole steps, or 1 when there is none. */
  static int primaryOf(double[] periods) {
    return periods.length == 0 ? 1 : (int) Math.round(periods[0]);
  }
}
