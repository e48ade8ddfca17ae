package dev.alo.engine.anomaly;

import java.util.Arrays;

/** The last {@code capacity} values pushed, kept sorted for quantiles: O(capacity) per push. */
final class SortedWindow {
  private final double[] ring;
  private final double[] sorted;
  private int size;
  private int next;

  SortedWindow(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
    }
    ring = new double[capacity];
    sorted = new double[capacity];
  }

  int size() {
    return size;
  }

  void push(double v) {
    if (size == ring.length) {
      double old = ring[next];
      int at = Arrays.binarySearch(sorted, 0, size, old);
      System.arraycopy(sorted, at + 1, sorted, at, size - at - 1);
      size--;
    }
    ring[next] = v;
    next = (next + 1) % ring.length;
    int at = Arrays.binarySearch(sorted, 0, size, v);
    if (at < 0) {
      at = -at - 1;
    }
    System.arraycopy(sorted, at, sorted, at + 1, size - at);
    sorted[at] = v;
    size++;
  }

  /** The q-quantile (0..1) by linear interpolation; NaN when empty. */
  double quantile(double q) {
    if (size == 0) {
      return Double.NaN;
    }
    double pos = q * (size - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(lo + 1, size - 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  double median() {
    return quantile(0.5);
  }
}
