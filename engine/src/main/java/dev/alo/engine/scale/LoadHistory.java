package dev.alo.engine.scale;

import dev.alo.engine.forecast.RegularSeries;

/**
 * The total load observed in each past control interval, oldest first, at a fixed step: what a
 * policy may learn from. Value {@code i} is the load of the interval starting at {@link
 * #timeAt(int)}. A view: it may grow between observations, never change what it held.
 */
public interface LoadHistory {
  /** The start of the first interval, epoch milliseconds. */
  long startMillis();

  /** The length of an interval, milliseconds. */
  long stepMillis();

  /** The number of intervals held. */
  int size();

  /** The total load of interval {@code i}, 0 ≤ i < {@link #size()}. */
  double valueAt(int i);

  /** The start of interval {@code i}, epoch milliseconds. */
  default long timeAt(int i) {
    return startMillis() + i * stepMillis();
  }

  /** A history holding a series' values. */
  static LoadHistory of(RegularSeries series) {
    return new ArrayHistory(
        series.startMillis(), series.stepMillis(), series.values(), series.size());
  }

  /** A history without values yet. */
  static LoadHistory empty(long startMillis, long stepMillis) {
    return new ArrayHistory(startMillis, stepMillis, new double[0], 0);
  }
}
