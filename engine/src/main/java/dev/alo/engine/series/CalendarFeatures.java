package dev.alo.engine.series;

import java.time.DayOfWeek;

/**
 * Calendar features of timestamps, in UTC: hour of day (0–23), ISO day of week (1 = Monday … 7 =
 * Sunday) and whether the day is a Saturday or Sunday.
 */
public final class CalendarFeatures {
  private static final long DAY_MS = 86_400_000L;

  private final long[] times;

  private CalendarFeatures(long[] times) {
    this.times = times;
  }

  /** The features of these timestamps (epoch milliseconds). */
  public static CalendarFeatures of(long[] epochMillis) {
    return new CalendarFeatures(epochMillis.clone());
  }

  /** The features of a series' timestamps. */
  public static CalendarFeatures of(TimeSeries series) {
    return new CalendarFeatures(series.times());
  }

  public int size() {
    return times.length;
  }

  public int hourAt(int i) {
    return hourOfDay(times[i]);
  }

  public int dayOfWeekAt(int i) {
    return dayOfWeek(times[i]);
  }

  public boolean isWeekendAt(int i) {
    return isWeekend(times[i]);
  }

  /** The UTC hour of day, 0–23. */
  public static int hourOfDay(long epochMillis) {
    return (int) (Math.floorMod(epochMillis, DAY_MS) / 3_600_000L);
  }

  /** The ISO day of week in UTC: 1 = Monday … 7 = Sunday. */
  public static int dayOfWeek(long epochMillis) {
    long day = Math.floorDiv(epochMillis, DAY_MS);
    // 1970-01-01 was a Thursday (4)
    return (int) Math.floorMod(day + 3, 7L) + 1;
  }

  /** Whether the UTC day is a Saturday or a Sunday. */
  public static boolean isWeekend(long epochMillis) {
    return dayOfWeek(epochMillis) >= DayOfWeek.SATURDAY.getValue();
  }
}
