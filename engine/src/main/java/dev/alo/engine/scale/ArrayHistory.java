package dev.alo.engine.scale;

/**
 * A {@link LoadHistory} over the first {@code size} values of an array: the replay makes more of
 * its demand visible step by step ({@code grow}), a live loop {@link #append}s each interval's
 * load.
 */
public final class ArrayHistory implements LoadHistory {
  private final long startMillis;
  private final long stepMillis;
  private double[] values;
  private int size;

  ArrayHistory(long startMillis, long stepMillis, double[] values, int size) {
    if (stepMillis <= 0) {
      throw new IllegalArgumentException("history step: " + stepMillis + " ms (expected: > 0)");
    }
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
    this.values = values;
    this.size = size;
  }

  /** An empty history a live loop appends to, one value per {@code stepMillis} from the start. */
  public static ArrayHistory growing(long startMillis, long stepMillis) {
    return new ArrayHistory(startMillis, stepMillis, new double[64], 0);
  }

  /** Adds the next interval's load (the array grows as needed). */
  public void append(double load) {
    if (size == values.length) {
      values = java.util.Arrays.copyOf(values, Math.max(16, size * 2));
    }
    values[size++] = load;
  }

  /** The last value, 0 when there is none. */
  public double last() {
    return size == 0 ? 0 : values[size - 1];
  }

  /** Makes the first {@code n} values visible. */
  void grow(int n) {
    size = n;
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
