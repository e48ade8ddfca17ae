package dev.alo.engine.anomaly;

/**
 * A labelled anomaly window, both ends inclusive, epoch milliseconds.
 *
 * <p>Throws IllegalArgumentException when {@code end < start}.
 */
public record LabelledWindow(long start, long end) {
  public LabelledWindow {
    if (end < start) {
      throw new IllegalArgumentException(
          "window ends (" + end + ") before it starts (" + start + ")");
    }
  }

  boolean contains(long time) {
    return time >= start && time <= end;
  }
}
