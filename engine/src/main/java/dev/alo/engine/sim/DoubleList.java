package dev.alo.engine.sim;

import java.util.Arrays;

/** A growable list of doubles. */
final class DoubleList {
  private double[] items = new double[16];
  private int size;

  void add(double v) {
    if (size == items.length) {
      items = Arrays.copyOf(items, size * 2);
    }
    items[size++] = v;
  }

  int size() {
    return size;
  }

  double get(int i) {
    return items[i];
  }

  /**
   * Replaces each pair of neighbours (0 and 1, 2 and 3...; an odd last one stays alone) by one
   * value: their sum, NaN counting as nothing (NaN only when both are), or with {@code keepLast}
   * the second of the two.
   */
  void mergePairs(boolean keepLast) {
    int n = 0;
    for (int i = 0; i < size; i += 2) {
      double a = items[i];
      double merged;
      if (i + 1 == size) {
        merged = a;
      } else {
        double b = items[i + 1];
        merged = keepLast || Double.isNaN(a) ? b : Double.isNaN(b) ? a : a + b;
      }
      items[n++] = merged;
    }
    size = n;
  }

  double[] toArray() {
    return Arrays.copyOf(items, size);
  }
}
