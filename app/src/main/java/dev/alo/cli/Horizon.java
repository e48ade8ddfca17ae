package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.time.Durations;
import java.time.Duration;
import java.util.List;

/**
 * A forecast horizon as given on the command line: a number of steps of the series' interval
 * ({@code 24}) or a duration ({@code 48h}) converted per series to whole steps, rounded up.
 */
final class Horizon {
  /** The largest horizon accepted, in steps. */
  static final int MAX_STEPS = 1_000_000;

  private final int steps;
  private final long millis;
  private final String text;

  private Horizon(int steps, long millis, String text) {
    this.steps = steps;
    this.millis = millis;
    this.text = text;
  }

  /**
   * Parses {@code N} (steps) or a duration such as {@code 48h}.
   *
   * @throws UsageException naming the value when it is neither, or not positive
   */
  static Horizon parse(String text) {
    String t = text.strip();
    if (!t.isEmpty() && t.chars().allMatch(Character::isDigit)) {
      long n = t.length() > 9 ? Long.MAX_VALUE : Long.parseLong(t);
      if (n < 1 || n > MAX_STEPS) {
        throw new UsageException(
            "--horizon " + text + " is out of range (expected 1 to " + MAX_STEPS + " steps)");
      }
      return new Horizon((int) n, 0, t);
    }
    Duration d;
    try {
      d = Durations.parse(t);
    } catch (InputException e) {
      throw new UsageException(
          "--horizon '"
              + text
              + "' is neither a number of steps nor a duration (expected e.g. 24 or 48h)");
    }
    if (d.isZero()) {
      throw new UsageException("--horizon " + text + " is empty (expected at least one step)");
    }
    return new Horizon(0, d.toMillis(), t);
  }

  /** The number of steps when given as one, 0 for a duration (its steps depend on the series). */
  int fixedSteps() {
    return steps;
  }

  /**
   * The number of steps for a series with this step; a duration that is not a whole number of steps
   * is rounded up, with a note.
   *
   * @throws InputException when the duration needs more than {@link #MAX_STEPS} steps
   */
  int stepsFor(long stepMillis, List<String> notes) {
    if (millis == 0) {
      return steps;
    }
    long n = (millis + stepMillis - 1) / stepMillis;
    if (n > MAX_STEPS) {
      throw new InputException(
          "--horizon "
              + text
              + " is "
              + n
              + " steps of "
              + Durations.format(Duration.ofMillis(stepMillis))
              + " (expected at most "
              + MAX_STEPS
              + ")");
    }
    if (millis % stepMillis != 0) {
      notes.add(
          "horizon "
              + text
              + " is not a whole number of "
              + Durations.format(Duration.ofMillis(stepMillis))
              + " steps: forecasting "
              + n
              + " steps");
    }
    return (int) n;
  }

  @Override
  public String toString() {
    return text;
  }
}
