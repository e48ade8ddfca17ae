package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.Cleaning;
import dev.alo.engine.series.GapFill;
import dev.alo.engine.series.SamplingInterval;
import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.series.TimestampFormat;
import dev.alo.engine.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a series read from a file into the regular, gap-free history a forecaster needs. Leading
 * and trailing gaps are dropped. With {@code --resample} the cleaning recipe does the work; without
 * it, a series that is irregular or has gaps is put on its inferred interval's grid (anchored at
 * its first timestamp, the mean of the points in each step) before the recipe clips and fills.
 * Monthly series step by calendar months, and daily series whose timestamps follow a zone with
 * daylight saving time (23- and 25-hour days) by calendar days in that zone. What was changed is
 * said in one note.
 */
final class SeriesPreparation {
  /** Refuses grids larger than this many steps rather than exhausting memory. */
  static final int MAX_STEPS = 20_000_000;

  private SeriesPreparation() {}

  /**
   * A history ready to forecast.
   *
   * @param history the regular series
   * @param observed the same steps before gap filling (NaN where a value was filled)
   * @param format the timestamp style of the source, to continue it
   * @param notes what was changed (empty when nothing was)
   * @param months the number of calendar months per step (modelled as that many {@link
   *     #MONTH_MILLIS}), or 0 when the steps are not months
   * @param days the number of calendar days in {@code format}'s zone per step (modelled as that
   *     many 24 hours), or 0 when the steps are not days of a zone with daylight saving time
   */
  record Prepared(
      RegularSeries history,
      TimeSeries observed,
      TimestampFormat format,
      List<String> notes,
      int months,
      int days) {
    /** Whether the steps are calendar months (one or several). */
    boolean monthly() {
      return months > 0;
    }

    /**
     * The real time of step {@code i} (also past the end): calendar months after the first time for
     * a monthly (or quarterly, yearly...) series, else the history's own grid.
     */
    long timeAt(int i) {
      if (months == 0 && days == 0) {
        return history.timeAt(i);
      }
      ZonedDateTime start =
          ZonedDateTime.ofInstant(Instant.ofEpochMilli(history.startMillis()), format.zone());
      return (months > 0 ? start.plusMonths((long) i * months) : start.plusDays((long) i * days))
          .toInstant()
          .toEpochMilli();
    }

    /** The real times of the {@code horizon} steps after the history. */
    long[] futureTimes(int horizon) {
      long[] t = new long[horizon];
      for (int h = 0; h < horizon; h++) {
        t[h] = timeAt(history.size() + h);
      }
      return t;
    }
  }

  /**
   * Prepares one series.
   *
   * @throws InputException when fewer than 2 values remain or gaps are left unfilled
   */
  static Prepared prepare(TimeSeries raw, Cleaning recipe) {
    TimestampFormat format = raw.timestampFormat();
    TimeSeries s = trim(raw);
    if (s.size() < 2) {
      throw new InputException(s.size() + " value(s) (expected: at least 2 to forecast)");
    }
    List<String> changes = new ArrayList<>();
    ZoneId zone = format.zone();
    boolean calendar = recipe.resample().isEmpty();
    int months = calendar && isMonthly(s.times(), zone) ? monthStep(s.times(), zone) : 0;
    int days =
        calendar && months == 0 && isDailyWithDst(s.times(), zone) ? dayStep(s.times(), zone) : 0;
    if (months > 0) {
      s = onMonths(s, months, zone);
    } else if (days > 0) {
      s = onDays(s, days, zone);
    } else if (recipe.resample().isEmpty()) {
      s = onGrid(s, changes);
    }
    int before = gaps(s);
    Cleaning.Result r = recipe.withFill(GapFill.NONE).apply(SeriesTable.ofSeries(List.of(s)));
    TimeSeries observed = r.table().series(0).withTimestampFormat(format);
    TimeSeries cleaned = recipe.fill().fill(observed);
    int filled = gaps(observed) - gaps(cleaned);
    int left = gaps(cleaned);
    if (r.clipped() > 0) {
      changes.add(r.clipped() + " values clipped");
    }
    if (filled > 0) {
      changes.add(
          filled
              + (recipe.resample().isEmpty() && before > 0 ? " missing values" : " gaps")
              + " filled ("
              + recipe.fill().cliName()
              + ")");
    }
    if (left > 0) {
      throw new InputException(
          left + " gaps left unfilled (expected: a gap-free series; use --fill linear or ffill)");
    }
    if (cleaned.size() < 2) {
      throw new InputException(cleaned.size() + " value(s) (expected: at least 2 to forecast)");
    }
    return new Prepared(RegularSeries.from(cleaned), observed, format, changes, months, days);
  }

  /** The average Gregorian month: the step with which monthly series are modelled. */
  static final long MONTH_MILLIS = 2_629_746_000L;

  /**
   * Whether the times are calendar months apart: all on one day of the month (at most the 28th) at
   * one time of day (in the zone), consecutive times one or more whole months apart.
   */
  static boolean isMonthly(long[] t, ZoneId zone) {
    if (t.length < 2) {
      return false;
    }
    ZonedDateTime first = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t[0]), zone);
    if (first.getDayOfMonth() > 28) {
      return false;
    }
    for (long time : t) {
      ZonedDateTime z = ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), zone);
      if (z.getDayOfMonth() != first.getDayOfMonth()
          || !z.toLocalTime().equals(first.toLocalTime())) {
        return false;
      }
    }
    return true;
  }

  /**
   * The number of calendar months per step of times that {@link #isMonthly} accepts: the greatest
   * common divisor of the month counts between consecutive times (3 for quarterly data, 12 for
   * yearly).
   */
  static int monthStep(long[] t, ZoneId zone) {
    long g = 0;
    for (int i = 1; i < t.length; i++) {
      long d = Math.abs(monthIndex(t[0], t[i], zone) - monthIndex(t[0], t[i - 1], zone));
      g = gcd(g, d);
    }
    return (int) Math.max(1, Math.min(g, Integer.MAX_VALUE));
  }

  /**
   * Whether the times are whole days apart in a zone with daylight saving time, all at one time of
   * day there, so that a fixed 24-hour grid would miss them by an hour after a change.
   */
  static boolean isDailyWithDst(long[] t, ZoneId zone) {
    if (t.length < 2 || zone.getRules().isFixedOffset()) {
      return false;
    }
    LocalTime first = ZonedDateTime.ofInstant(Instant.ofEpochMilli(t[0]), zone).toLocalTime();
    for (long time : t) {
      if (!ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), zone).toLocalTime().equals(first)) {
        return false;
      }
    }
    return true;
  }

  /** The number of calendar days per step of times that {@link #isDailyWithDst} accepts. */
  static int dayStep(long[] t, ZoneId zone) {
    long g = 0;
    for (int i = 1; i < t.length; i++) {
      g = gcd(g, dayIndex(t[0], t[i], zone) - dayIndex(t[0], t[i - 1], zone));
    }
    return (int) Math.max(1, Math.min(g, Integer.MAX_VALUE));
  }

  private static long dayIndex(long first, long time, ZoneId zone) {
    return ChronoUnit.DAYS.between(
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(first), zone).toLocalDate(),
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), zone).toLocalDate());
  }

  /**
   * A series of calendar days in a zone on a regular grid of {@code days} × 24 hours from its first
   * time, one step per {@code days} days, NaN for steps without a value.
   */
  static TimeSeries onDays(TimeSeries s, int days, ZoneId zone) {
    long[] t = s.times();
    double[] v = s.values();
    long steps = dayIndex(t[0], t[t.length - 1], zone) / days + 1;
    if (steps > MAX_STEPS) {
      throw new InputException(steps + " steps (expected at most " + MAX_STEPS + ")");
    }
    int n = (int) steps;
    long step = days * 86_400_000L;
    long[] times = new long[n];
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    for (int k = 0; k < n; k++) {
      times[k] = t[0] + k * step;
    }
    for (int i = 0; i < t.length; i++) {
      values[(int) (dayIndex(t[0], t[i], zone) / days)] = v[i];
    }
    return TimeSeries.of(s.name(), times, values, s.unit())
        .withTimestampFormat(s.timestampFormat());
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private static long monthIndex(long first, long time, ZoneId zone) {
    return ChronoUnit.MONTHS.between(
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(first), zone),
        ZonedDateTime.ofInstant(Instant.ofEpochMilli(time), zone));
  }

  /**
   * A series of calendar-month times on a regular grid of {@code months} × {@link #MONTH_MILLIS}
   * steps from its first time, one step per {@code months} calendar months, NaN for steps without a
   * value.
   */
  static TimeSeries onMonths(TimeSeries s, int months, ZoneId zone) {
    long[] t = s.times();
    double[] v = s.values();
    long steps = monthIndex(t[0], t[t.length - 1], zone) / months + 1;
    if (steps > MAX_STEPS) {
      throw new InputException(steps + " steps (expected at most " + MAX_STEPS + ")");
    }
    int n = (int) steps;
    long[] times = new long[n];
    double[] values = new double[n];
    Arrays.fill(values, Double.NaN);
    for (int k = 0; k < n; k++) {
      times[k] = t[0] + (long) k * months * MONTH_MILLIS;
    }
    for (int i = 0; i < t.length; i++) {
      values[(int) (monthIndex(t[0], t[i], zone) / months)] = v[i];
    }
    return TimeSeries.of(s.name(), times, values, s.unit())
        .withTimestampFormat(s.timestampFormat());
  }

  /** The series without gaps at either end. */
  static TimeSeries trim(TimeSeries s) {
    int from = 0;
    int to = s.size();
    while (from < to && Double.isNaN(s.valueAt(from))) {
      from++;
    }
    while (to > from && Double.isNaN(s.valueAt(to - 1))) {
      to--;
    }
    return from == 0 && to == s.size() ? s : s.slice(from, to);
  }

  /**
   * The series on the grid of its inferred interval starting at its first time: each step holds the
   * mean of the values in [start + k·step, start + (k+1)·step), NaN when there is none.
   */
  static TimeSeries onGrid(TimeSeries s, List<String> changes) {
    long[] t = s.times();
    double[] v = s.values();
    Duration interval =
        SamplingInterval.infer(t).map(SamplingInterval::interval).orElse(Duration.ZERO);
    long step = interval.toMillis();
    if (step <= 0) {
      return s;
    }
    long start = t[0];
    boolean aligned = true;
    for (long time : t) {
      aligned &= (time - start) % step == 0;
    }
    long steps = (t[t.length - 1] - start) / step + 1;
    if (steps > MAX_STEPS) {
      throw new InputException(
          "the inferred "
              + Durations.format(interval)
              + " grid would have "
              + steps
              + " steps (expected: at most "
              + MAX_STEPS
              + "; choose a coarser --resample)");
    }
    if (aligned && steps == t.length) {
      return s;
    }
    int n = (int) steps;
    double[] sum = new double[n];
    int[] count = new int[n];
    for (int i = 0; i < t.length; i++) {
      if (!Double.isNaN(v[i])) {
        int k = (int) ((t[i] - start) / step);
        sum[k] += v[i];
        count[k]++;
      }
    }
    long[] times = new long[n];
    double[] values = new double[n];
    for (int k = 0; k < n; k++) {
      times[k] = start + k * step;
      values[k] = count[k] == 0 ? Double.NaN : sum[k] / count[k];
    }
    if (!aligned) {
      changes.add(
          "irregular timestamps put on the inferred "
              + Durations.format(interval)
              + " grid (mean per step)");
    }
    return TimeSeries.of(s.name(), times, values, s.unit())
        .withTimestampFormat(s.timestampFormat());
  }

  private static int gaps(TimeSeries s) {
    return (int) Arrays.stream(s.values()).filter(Double::isNaN).count();
  }
}
