package dev.alo.engine.scale;

/** A {@link LoadHistory} over the first {@code size} values of an array; the replay grows it. */
final class ArrayHistory implements LoadHistory {
  private final long startMillis;
  private final long stepMillis;
  private final double[] values;
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
