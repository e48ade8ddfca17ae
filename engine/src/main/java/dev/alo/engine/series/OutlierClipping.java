package dev.alo.engine.series;

import dev.alo.engine.stats.Quantiles;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Tukey's fences: values below {@code Q1 − k·IQR} or above {@code Q3 + k·IQR} are outliers (k = 1.5
 * by convention). Quartiles are {@link Quantiles} type 7 (linear interpolation between order
 * statistics, the default of numpy's {@code percentile} and R). Gaps are ignored and kept.
 */
public final class OutlierClipping {
  private OutlierClipping() {}

  /** The quartiles and the fences of some values. */
  public record Fences(double q1, double q3, double lower, double upper) {
    /** Whether a value lies outside the fences (a gap never does). */
    public boolean isOutlier(double v) {
      return v < lower || v > upper;
    }
  }

  /**
   * The fences of the non-gap values, or empty when there are none.
   *
   * @throws IllegalArgumentException when the factor is negative or not finite
   */
  public static Optional<Fences> fences(double[] values, double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("IQR factor: " + factor + " (expected: >= 0)");
    }
    double[] v = Arrays.stream(values).filter(x -> !Double.isNaN(x)).sorted().toArray();
    if (v.length == 0) {
      return Optional.empty();
    }
    double q1 = Quantiles.ofSorted(v, 0.25);
    double q3 = Quantiles.ofSorted(v, 0.75);
    double iqr = q3 - q1;
    return Optional.of(new Fences(q1, q3, q1 - factor * iqr, q3 + factor * iqr));
  }

  /** How many values lie outside the fences. */
  public static int countOutliers(double[] values, double factor) {
    Optional<Fences> f = fences(values, factor);
    if (f.isEmpty()) {
      return 0;
    }
    int n = 0;
    for (double v : values) {
      if (f.get().isOutlier(v)) {
        n++;
      }
    }
    return n;
  }

  /** The values with outliers moved onto the nearest fence (a new array). */
  public static double[] clip(double[] values, double factor) {
    double[] out = values.clone();
    Optional<Fences> f = fences(values, factor);
    if (f.isPresent()) {
      for (int i = 0; i < out.length; i++) {
        if (out[i] < f.get().lower()) {
          out[i] = f.get().lower();
        } else if (out[i] > f.get().upper()) {
          out[i] = f.get().upper();
        }
      }
    }
    return out;
  }

  /** The series with outliers clipped. */
  public static TimeSeries clip(TimeSeries series, double factor) {
    return series.withValues(clip(series.values(), factor));
  }

  /** Every column of the table with its outliers clipped (each column has its own fences). */
  public static SeriesTable clip(SeriesTable table, double factor) {
    List<double[]> cols = new ArrayList<>();
    for (int c = 0; c < table.columnCount(); c++) {
      cols.add(clip(table.values(c), factor));
    }
    return table.withData(table.times(), cols);
  }
}
