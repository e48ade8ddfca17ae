package dev.alo.autoscaler;

import dev.alo.engine.scale.LoadHistory;
import java.util.Arrays;

/** The load of each control interval so far, at the loop's interval, growing by one per step. */
final class LiveHistory implements LoadHistory {
  private final long startMillis;
  private final long stepMillis;
  private double[] values = new double[64];
  private int size;

  LiveHistory(long startMillis, long stepMillis) {
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
  }

  void append(double load) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = load;
  }

  /** The last value, 0 when there is none. */
  double last() {
    return size == 0 ? 0 : values[size - 1];
  }

  @Override
  public long startMillis() {
    return startMillis;
  }

  @Override
  public long stepMillis() {
    return stepMillis;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public double valueAt(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("history index " + i + " (size " + size + ")");
    }
    return values[i];
  }
}
