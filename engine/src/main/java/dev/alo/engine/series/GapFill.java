package dev.alo.engine.series;

import dev.alo.engine.InputException;
import java.util.Locale;

/** How gaps ({@code NaN} values) are filled. */
public enum GapFill {
  /** Gaps stay. */
  NONE,
  /**
   * Each gap takes the last value before it (forward fill); gaps before the first value take the
   * first value (back fill), as the prototype did.
   */
  FFILL,
  /**
   * Each gap between two values is interpolated linearly in time; gaps before the first value take
   * the first value, gaps after the last value take the last value.
   */
  LINEAR;

  /** The name as written on the command line, e.g. {@code ffill}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code none}, {@code ffill} or {@code linear}.
   *
   * @throws InputException naming the text and the accepted names
   */
  public static GapFill parse(String text) {
    for (GapFill f : values()) {
      if (f.cliName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return f;
      }
    }
    throw new InputException("unknown fill '" + text + "' (expected one of: none, ffill, linear)");
  }

  /**
   * The values with gaps filled (a new array). A series without any value is returned unchanged.
   *
   * @param times the timestamps of the values (used by {@link #LINEAR})
   */
  public double[] fill(long[] times, double[] values) {
    if (times.length != values.length) {
      throw new IllegalArgumentException(
          "times and values differ in length: " + times.length + " vs " + values.length);
    }
    double[] v = values.clone();
    if (this == NONE) {
      return v;
    }
    int first = 0;
    while (first < v.length && Double.isNaN(v[first])) {
      first++;
    }
    if (first == v.length) {
      return v;
    }
    for (int i = 0; i < first; i++) {
      v[i] = v[first];
    }
    int last = first;
    for (int i = first + 1; i < v.length; i++) {
      if (Double.isNaN(v[i])) {
        continue;
      }
      if (i > last + 1) {
        fillBetween(times, v, last, i);
      }
      last = i;
    }
    for (int i = last + 1; i < v.length; i++) {
      v[i] = v[last];
    }
    return v;
  }

  private void fillBetween(long[] times, double[] v, int from, int to) {
    double a = v[from];
    double b = v[to];
    double span = (double) times[to] - times[from];
    for (int i = from + 1; i < to; i++) {
      v[i] = this == FFILL ? a : a + (b - a) * (((double) times[i] - times[from]) / span);
    }
  }

  /** The series with its gaps filled. */
  public TimeSeries fill(TimeSeries series) {
    return series.withValues(fill(series.times(), series.values()));
  }

  /** Every column of the table with its gaps filled. */
  public SeriesTable fill(SeriesTable table) {
    long[] t = table.times();
    java.util.List<double[]> cols = new java.util.ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      cols.add(fill(t, table.values(c)));
    }
    return table.withData(t, cols);
  }
}
