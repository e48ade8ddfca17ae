package dev.alo.engine.csv;

import dev.alo.engine.InputException;

/**
 * A CSV file that cannot be read as a time series. The message names the file, the 1-based physical
 * line (header included), the column, the bad text and what was expected.
 */
public final class CsvFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  private final int line;

  CsvFormatException(String message, int line) {
    super(message);
    this.line = line;
  }

  /** The 1-based physical line of the problem, 0 when it concerns the whole file. */
  public int line() {
    return line;
  }
}
