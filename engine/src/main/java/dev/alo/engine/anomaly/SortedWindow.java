package dev.alo.engine.anomaly;

import dev.alo.engine.stats.Quantiles;
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

  /** The type-7 q-quantile (0..1, see {@link Quantiles}); NaN when empty. */
  double quantile(double q) {
    return size == 0 ? Double.NaN : Quantiles.ofSorted(sorted, size, q);
  }

  double median() {
    return quantile(0.5);
  }
}
