package dev.alo.engine.csv;

import dev.alo.engine.InputException;

/**
 * A CSV file that cannot be read as a time series. The message names the file, the 1-based physical
 * line (header included), the column, the bad text and what was expected.
 */
public final class CsvFormatException extends InputException {
  private static final long serialVersionUID = 1L;

  private final int line;
  private final boolean decimalUnknown;

  CsvFormatException(String message, int line) {
    this(message, line, false);
  }

  CsvFormatException(String message, int line, boolean decimalUnknown) {
    super(message);
    this.line = line;
    this.decimalUnknown = decimalUnknown;
  }

  /** The 1-based physical line of the problem, 0 when it concerns the whole file. */
  public int line() {
    return line;
  }

  /**
   * Whether the file is readable once the decimal separator is given ({@link
   * CsvOptions#withDecimal}): a column's values read as different numbers with either separator and
   * none of them tells which is meant.
   */
  public boolean decimalUnknown() {
    return decimalUnknown;
  }
}
