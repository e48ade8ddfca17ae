package dev.alo.engine.stats;

import java.util.Arrays;

/**
 * Sample quantiles by linear interpolation between order statistics: Hyndman and Fan's type 7, the
 * default of R's {@code quantile} and numpy's {@code percentile}. The p-quantile of n sorted values
 * x[0..n-1] lies at position h = (n − 1)·p and is {@code x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])}; p
 * = 0 gives the minimum, p = 1 the maximum.
 */
public final class Quantiles {
  private Quantiles() {}

  /**
   * The type-7 p-quantile of some values (not modified: a sorted copy is used).
   *
   * @throws IllegalArgumentException when there are no values or p is outside [0, 1]
   */
  public static double of(double[] values, double p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return ofSorted(sorted, sorted.length, p);
  }

  /**
   * The type-7 p-quantile of values sorted ascending.
   *
   * @throws IllegalArgumentException when there are no values or p is outside [0, 1]
   */
  public static double ofSorted(double[] sorted, double p) {
    return ofSorted(sorted, sorted.length, p);
  }

  /**
   * The type-7 p-quantile of the first {@code length} values of an array whose first {@code length}
   * values are sorted ascending.
   *
   * @throws IllegalArgumentException when length is not in [1, sorted.length] or p is outside [0,
   *     1]
   */
  public static double ofSorted(double[] sorted, int length, double p) {
    if (length < 1 || length > sorted.length) {
      throw new IllegalArgumentException(
          "quantile of " + length + " values (expected: 1.." + sorted.length + ")");
    }
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("quantile probability: " + p + " (expected: 0..1)");
    }
    double h = (length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
