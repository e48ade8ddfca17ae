package dev.alo.engine.series;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Resampling to a fixed interval. Bucket {@code k} holds the times in {@code [k·step, (k+1)·step)}
 * counted from the epoch (so 1h buckets start on the hour, 1d buckets at 00:00 UTC) and is stamped
 * with its start. The result runs from the first to the last non-empty bucket; empty buckets in
 * between, and buckets holding only gaps, become gaps.
 */
public final class Resampling {
  /** Refuses outputs larger than this many buckets rather than exhausting memory. */
  static final long MAX_BUCKETS = 50_000_000L;

  private Resampling() {}

  /** The table resampled; every column with the same buckets. */
  public static SeriesTable resample(SeriesTable table, Duration step, Aggregation agg) {
    long s = stepMillis(step);
    long[] times = table.times();
    if (times.length == 0) {
      return table;
    }
    long firstBucket = Math.floorDiv(times[0], s);
    long lastBucket = Math.floorDiv(times[times.length - 1], s);
    long n = lastBucket - firstBucket + 1;
    if (n > MAX_BUCKETS) {
      throw new dev.alo.engine.InputException(
          "resampling to "
              + dev.alo.engine.time.Durations.format(step)
              + " would make "
              + n
              + " rows (expected at most "
              + MAX_BUCKETS
              + "; choose a longer interval)");
    }
    long[] out = new long[(int) n];
    for (int i = 0; i < out.length; i++) {
      out[i] = (firstBucket + i) * s;
    }
    List<double[]> cols = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      cols.add(aggregate(times, table.values(c), s, firstBucket, out.length, agg));
    }
    return table.withData(out, cols);
  }

  /** The series resampled. */
  public static TimeSeries resample(TimeSeries series, Duration step, Aggregation agg) {
    SeriesTable t = resample(SeriesTable.ofSeries(List.of(series)), step, agg);
    TimeSeries r = t.series(0);
    return series.unit().isPresent()
        ? TimeSeries.of(r.name(), r.times(), r.values(), series.unit())
            .withTimestampFormat(series.timestampFormat())
        : r;
  }

  private static long stepMillis(Duration step) {
    long s = step.toMillis();
    if (s <= 0) {
      throw new IllegalArgumentException("step: " + step + " (expected: at least 1ms)");
    }
    return s;
  }

  private static double[] aggregate(
      long[] times, double[] values, long step, long firstBucket, int n, Aggregation agg) {
    double[] acc = new double[n];
    int[] count = new int[n];
    java.util.Arrays.fill(acc, Double.NaN);
    for (int i = 0; i < times.length; i++) {
      double v = values[i];
      if (Double.isNaN(v)) {
        continue;
      }
      int b = (int) (Math.floorDiv(times[i], step) - firstBucket);
      double a = acc[b];
      acc[b] =
          count[b] == 0
              ? v
              : switch (agg) {
                case MEAN, SUM -> a + v;
                case MAX -> Math.max(a, v);
                case MIN -> Math.min(a, v);
                case LAST -> v;
              };
      count[b]++;
    }
    if (agg == Aggregation.MEAN) {
      for (int b = 0; b < n; b++) {
        if (count[b] > 0) {
          acc[b] /= count[b];
        }
      }
    }
    return acc;
  }
}
