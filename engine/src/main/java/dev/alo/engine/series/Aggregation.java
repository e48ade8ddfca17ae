package dev.alo.engine.series;

import dev.alo.engine.InputException;
import java.util.Locale;

/** How the values falling in one resampling bucket become one value. Gaps are ignored. */
public enum Aggregation {
  MEAN,
  SUM,
  MAX,
  MIN,
  LAST;

  /** The name as written on the command line, e.g. {@code mean}. */
  public String cliName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code mean}, {@code sum}, {@code max}, {@code min} or {@code last}.
   *
   * @throws InputException naming the text and the accepted names
   */
  public static Aggregation parse(String text) {
    for (Aggregation a : values()) {
      if (a.cliName().equals(text.strip().toLowerCase(Locale.ROOT))) {
        return a;
      }
    }
    throw new InputException(
        "unknown aggregation '" + text + "' (expected one of: mean, sum, max, min, last)");
  }
}
