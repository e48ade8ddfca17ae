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

  double[] toArray() {
    return Arrays.copyOf(items, size);
  }
}
