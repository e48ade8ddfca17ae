package dev.alo.engine.time;

import dev.alo.engine.InputException;
import java.time.Duration;

/** Parses and prints durations the way every ALO command writes them: 500ms, 30s, 5m, 1h, 2d. */
public final class Durations {
  private Durations() {}

  /**
   * Parses a duration such as {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or {@code 2d}.
   *
   * @throws InputException naming the text and the accepted forms when it is not one of them
   */
  public static Duration parse(String text) {
    String t = text.strip();
    int split = 0;
    while (split < t.length() && Character.isDigit(t.charAt(split))) {
      split++;
    }
    if (split == 0 || split == t.length() || split > 15) {
      throw invalid(text);
    }
    long amount = Long.parseLong(t.substring(0, split));
    return switch (t.substring(split)) {
      case "ms" -> Duration.ofMillis(amount);
      case "s" -> Duration.ofSeconds(amount);
      case "m" -> Duration.ofMinutes(amount);
      case "h" -> Duration.ofHours(amount);
      case "d" -> Duration.ofDays(amount);
      default -> throw invalid(text);
    };
  }

  /**
   * Prints a duration in the largest unit that represents it exactly, e.g. {@code 90m}, {@code 1h}.
   */
  public static String format(Duration d) {
    long ms = d.toMillis();
    if (ms != 0 && ms % 86_400_000L == 0) {
      return ms / 86_400_000L + "d";
    }
    if (ms != 0 && ms % 3_600_000L == 0) {
      return ms / 3_600_000L + "h";
    }
    if (ms != 0 && ms % 60_000L == 0) {
      return ms / 60_000L + "m";
    }
    if (ms % 1000L == 0) {
      return ms / 1000L + "s";
    }
    return ms + "ms";
  }

  private static InputException invalid(String text) {
    return new InputException(
        "invalid duration '"
            + text
            + "' (expected a whole number and a unit: 500ms, 30s, 5m, 1h, 2d)");
  }
}
