package dev.alo.engine.csv;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;

/**
 * Writes CSV to an {@link Appendable}: fields are quoted only when needed (the delimiter, a quote,
 * a line break, or blanks at either end), numbers use {@link java.util.Locale#ROOT} style and the
 * shortest text that reads back as the same double, gaps are empty cells, and rows end with {@code
 * \n} unless told otherwise.
 *
 * <pre>{@code
 * CsvWriter w = CsvWriter.to(out);
 * w.field("timestamp").field("yhat").endRow();
 * w.time(t, TimestampFormat.dateTime()).field(12.5).endRow();
 * }</pre>
 */
public final class CsvWriter {
  private final Appendable out;
  private final char delimiter;
  private final String lineEnding;
  private boolean rowStarted;

  private CsvWriter(Appendable out, char delimiter, String lineEnding) {
    this.out = out;
    this.delimiter = delimiter;
    this.lineEnding = lineEnding;
  }

  /** A comma-separated writer with {@code \n} line endings. */
  public static CsvWriter to(Appendable out) {
    return new CsvWriter(out, ',', "\n");
  }

  /**
   * A writer with another delimiter and line ending.
   *
   * @throws IllegalArgumentException unless the delimiter is {@code ,} {@code ;} or tab and the
   *     line ending is LF, CRLF or CR
   */
  public static CsvWriter to(Appendable out, char delimiter, String lineEnding) {
    if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
      throw new IllegalArgumentException(
          "delimiter: '" + delimiter + "' (expected: ',', ';' or tab)");
    }
    if (!lineEnding.equals("\n") && !lineEnding.equals("\r\n") && !lineEnding.equals("\r")) {
      throw new IllegalArgumentException("line ending: expected LF, CRLF or CR");
    }
    return new CsvWriter(out, delimiter, lineEnding);
  }

  /** Writes a whole table: a header (time column and value columns), then one row per time. */
  public static void write(SeriesTable table, Appendable out) {
    to(out).table(table);
  }

  /**
   * Writes a whole table with this writer's delimiter and line ending, timestamps in the table's
   * style (widened when needed, see {@link TimestampFormat#wideEnoughFor(long[])}).
   */
  public CsvWriter table(SeriesTable table) {
    field(table.timeColumn());
    for (String n : table.columnNames()) {
      field(n);
    }
    endRow();
    TimestampFormat f = table.timestampFormat().wideEnoughFor(table.times());
    StringBuilder sb = new StringBuilder(64);
    for (int i = 0; i < table.size(); i++) {
      sb.setLength(0);
      f.formatTo(table.timeAt(i), sb);
      raw(sb);
      for (int c = 0; c < table.columnCount(); c++) {
        field(table.valueAt(c, i));
      }
      endRow();
    }
    return this;
  }

  /** A text field, quoted when needed. */
  public CsvWriter field(String text) {
    if (needsQuotes(text)) {
      raw("\"" + text.replace("\"", "\"\"") + "\"");
    } else {
      raw(text);
    }
    return this;
  }

  /**
   * A number ({@code NaN} as an empty cell).
   *
   * @throws IllegalArgumentException when it is infinite
   */
  public CsvWriter field(double value) {
    raw(formatNumber(value));
    return this;
  }

  /** A whole number. */
  public CsvWriter field(long value) {
    raw(Long.toString(value));
    return this;
  }

  /** A timestamp in the given style. */
  public CsvWriter time(long epochMillis, TimestampFormat format) {
    raw(format.format(epochMillis));
    return this;
  }

  /** Ends the current row. */
  public CsvWriter endRow() {
    append(lineEnding);
    rowStarted = false;
    return this;
  }

  private void raw(CharSequence text) {
    if (rowStarted) {
      append(String.valueOf(delimiter));
    }
    append(text);
    rowStarted = true;
  }

  private void append(CharSequence s) {
    try {
      out.append(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private boolean needsQuotes(String s) {
    if (s.isEmpty()) {
      return false;
    }
    char first = s.charAt(0);
    char last = s.charAt(s.length() - 1);
    if (first == ' ' || first == '\t' || last == ' ' || last == '\t') {
      return true;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }

  /**
   * The shortest plain text that reads back as the same double: {@code 12}, {@code 0.1}, {@code
   * 123456789.5}, {@code 1.0E-10}; {@code NaN} gives an empty string.
   *
   * @throws IllegalArgumentException when the value is infinite
   */
  public static String formatNumber(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      throw new IllegalArgumentException("value: " + v + " (expected: a finite number)");
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return v == 0 && Double.doubleToRawLongBits(v) != 0 ? "-0" : Long.toString((long) v);
    }
    String s = Double.toString(v);
    double a = Math.abs(v);
    if (s.indexOf('E') >= 0 && a >= 1e-6 && a < 1e15) {
      return new BigDecimal(s).toPlainString();
    }
    return s;
  }
}
