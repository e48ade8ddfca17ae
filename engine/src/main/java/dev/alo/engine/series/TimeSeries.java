package dev.alo.engine.series;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable time series: strictly increasing timestamps (epoch milliseconds, UTC) and their
 * values. A {@code NaN} value is a gap: a timestamp that was present with no usable value.
 */
public final class TimeSeries {
  private final String name;
  private final long[] times;
  private final double[] values;
  private final Optional<String> unit;
  private final TimestampFormat timestampFormat;

  private TimeSeries(String name, long[] times, double[] values, Optional<String> unit) {
    this(name, times, values, unit, TimestampFormat.isoUtc());
  }

  private TimeSeries(
      String name,
      long[] times,
      double[] values,
      Optional<String> unit,
      TimestampFormat timestampFormat) {
    this.name = name;
    this.times = times;
    this.values = values;
    this.unit = unit;
    this.timestampFormat = timestampFormat;
  }

  /**
   * A series from parallel arrays, copied.
   *
   * @throws IllegalArgumentException when the lengths differ or the times are not strictly
   *     increasing
   */
  public static TimeSeries of(String name, long[] epochMillis, double[] values) {
    return of(name, epochMillis, values, Optional.empty());
  }

  /** As {@link #of(String, long[], double[])}, with a unit such as {@code ms} or {@code %}. */
  public static TimeSeries of(
      String name, long[] epochMillis, double[] values, Optional<String> unit) {
    Objects.requireNonNull(name, "name");
    if (epochMillis.length != values.length) {
      throw new IllegalArgumentException(
          "times and values differ in length: " + epochMillis.length + " vs " + values.length);
    }
    for (int i = 1; i < epochMillis.length; i++) {
      if (epochMillis[i] <= epochMillis[i - 1]) {
        throw new IllegalArgumentException(
            "times must be strictly increasing: index " + i + " is not after index " + (i - 1));
      }
    }
    return new TimeSeries(name, epochMillis.clone(), values.clone(), unit);
  }

  /** A series whose points are {@code stepMillis} apart starting at {@code startMillis}. */
  public static TimeSeries regular(
      String name, long startMillis, long stepMillis, double[] values) {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("step: " + stepMillis + " ms (expected: > 0)");
    }
    long[] t = new long[values.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = startMillis + i * stepMillis;
    }
    return new TimeSeries(name, t, values.clone(), Optional.empty());
  }

  public String name() {
    return name;
  }

  public Optional<String> unit() {
    return unit;
  }

  public int size() {
    return times.length;
  }

  public boolean isEmpty() {
    return times.length == 0;
  }

  public long timeAt(int i) {
    return times[i];
  }

  public double valueAt(int i) {
    return values[i];
  }

  /** A copy of the timestamps, epoch milliseconds. */
  public long[] times() {
    return times.clone();
  }

  /** A copy of the values; {@code NaN} marks a gap. */
  public double[] values() {
    return values.clone();
  }

  /**
   * The style the source wrote its timestamps in, so outputs can continue it ({@link
   * TimestampFormat#isoUtc()} for series built in code).
   */
  public TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  /** The same points under another name. */
  public TimeSeries withName(String newName) {
    return new TimeSeries(newName, times, values, unit, timestampFormat);
  }

  /** The same points, remembering another source timestamp style. */
  public TimeSeries withTimestampFormat(TimestampFormat format) {
    return new TimeSeries(name, times, values, unit, Objects.requireNonNull(format, "format"));
  }

  /** The same times with other values (same length), keeping name, unit and timestamp style. */
  public TimeSeries withValues(double[] newValues) {
    if (newValues.length != values.length) {
      throw new IllegalArgumentException(
          "values: " + newValues.length + " (expected: " + values.length + ")");
    }
    return new TimeSeries(name, times, newValues.clone(), unit, timestampFormat);
  }

  /** The points with index in [from, to). */
  public TimeSeries slice(int from, int to) {
    return new TimeSeries(
        name,
        Arrays.copyOfRange(times, from, to),
        Arrays.copyOfRange(values, from, to),
        unit,
        timestampFormat);
  }

  @Override
  public String toString() {
    return "TimeSeries[" + name + ", " + times.length + " points]";
  }
}
