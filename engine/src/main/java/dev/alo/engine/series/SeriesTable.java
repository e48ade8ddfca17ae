package dev.alo.engine.series;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable table of time series sharing one time axis: strictly increasing timestamps (epoch
 * milliseconds, UTC) and named value columns ({@code NaN} = gap). It remembers the name of its time
 * column and its source timestamp style so that outputs can continue them.
 */
public final class SeriesTable {
  private final String timeColumn;
  private final long[] times;
  private final List<String> names;
  private final double[][] columns;
  private final TimestampFormat timestampFormat;

  private SeriesTable(
      String timeColumn,
      long[] times,
      List<String> names,
      double[][] columns,
      TimestampFormat timestampFormat) {
    this.timeColumn = timeColumn;
    this.times = times;
    this.names = names;
    this.columns = columns;
    this.timestampFormat = timestampFormat;
  }

  /**
   * A table from a time axis and columns, copied.
   *
   * @throws IllegalArgumentException when names and columns differ in number, a column's length
   *     differs from the axis, a name repeats, or the times are not strictly increasing
   */
  public static SeriesTable of(
      String timeColumn,
      long[] times,
      List<String> names,
      List<double[]> columns,
      TimestampFormat timestampFormat) {
    Objects.requireNonNull(timeColumn, "timeColumn");
    Objects.requireNonNull(timestampFormat, "timestampFormat");
    if (names.size() != columns.size()) {
      throw new IllegalArgumentException(
          "names and columns differ in number: " + names.size() + " vs " + columns.size());
    }
    if (names.stream().distinct().count() != names.size()) {
      throw new IllegalArgumentException("column names repeat: " + names);
    }
    for (int i = 1; i < times.length; i++) {
      if (times[i] <= times[i - 1]) {
        throw new IllegalArgumentException(
            "times must be strictly increasing: index " + i + " is not after index " + (i - 1));
      }
    }
    double[][] cols = new double[columns.size()][];
    for (int c = 0; c < cols.length; c++) {
      if (columns.get(c).length != times.length) {
        throw new IllegalArgumentException(
            "column '"
                + names.get(c)
                + "' has "
                + columns.get(c).length
                + " values (expected: "
                + times.length
                + ")");
      }
      cols[c] = columns.get(c).clone();
    }
    return new SeriesTable(timeColumn, times.clone(), List.copyOf(names), cols, timestampFormat);
  }

  /**
   * A table of series that share one time axis; the time column is called {@code timestamp} and the
   * style is the first series' one.
   *
   * @throws IllegalArgumentException when the list is empty or the series' times differ
   */
  public static SeriesTable ofSeries(List<TimeSeries> series) {
    if (series.isEmpty()) {
      throw new IllegalArgumentException("no series (expected: at least one)");
    }
    long[] t = series.get(0).times();
    List<String> n = new ArrayList<>();
    List<double[]> v = new ArrayList<>();
    for (TimeSeries s : series) {
      if (!java.util.Arrays.equals(t, s.times())) {
        throw new IllegalArgumentException("series '" + s.name() + "' has other times");
      }
      n.add(s.name());
      v.add(s.values());
    }
    return of("timestamp", t, n, v, series.get(0).timestampFormat());
  }

  /** Rows (timestamps). */
  public int size() {
    return times.length;
  }

  public boolean isEmpty() {
    return times.length == 0;
  }

  /** The name of the time column, e.g. {@code timestamp} or {@code ds}. */
  public String timeColumn() {
    return timeColumn;
  }

  public TimestampFormat timestampFormat() {
    return timestampFormat;
  }

  public List<String> columnNames() {
    return names;
  }

  public int columnCount() {
    return columns.length;
  }

  public long timeAt(int row) {
    return times[row];
  }

  public double valueAt(int column, int row) {
    return columns[column][row];
  }

  /** A copy of the timestamps, epoch milliseconds. */
  public long[] times() {
    return times.clone();
  }

  /** A copy of one column's values. */
  public double[] values(int column) {
    return columns[column].clone();
  }

  /** One column as a series, with this table's timestamp style. */
  public TimeSeries series(int column) {
    return TimeSeries.of(names.get(column), times, columns[column])
        .withTimestampFormat(timestampFormat);
  }

  /** The column with that name as a series. */
  public Optional<TimeSeries> series(String name) {
    int i = names.indexOf(name);
    return i < 0 ? Optional.empty() : Optional.of(series(i));
  }

  /** Every column as a series, in column order. */
  public List<TimeSeries> allSeries() {
    List<TimeSeries> all = new ArrayList<>(columns.length);
    for (int c = 0; c < columns.length; c++) {
      all.add(series(c));
    }
    return List.copyOf(all);
  }

  /** The same columns on a new time axis with new values (one array per column, in order). */
  public SeriesTable withData(long[] newTimes, List<double[]> newColumns) {
    return of(timeColumn, newTimes, names, newColumns, timestampFormat);
  }

  /** The same data, remembering another timestamp style. */
  public SeriesTable withTimestampFormat(TimestampFormat format) {
    return new SeriesTable(timeColumn, times, names, columns, format);
  }

  @Override
  public String toString() {
    return "SeriesTable[" + timeColumn + ", " + names + ", " + times.length + " rows]";
  }
}
