package dev.alo.engine.csv;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to read a CSV file. A column is named by its header text or by its 1-based index ({@code 2});
 * by default the delimiter is detected, the first column holding timestamps is the time column and
 * every other numeric column is a value column.
 */
public final class CsvOptions {
  private static final CsvOptions DEFAULTS = new CsvOptions((char) 0, null, List.of(), false);

  private final char delimiter;
  private final @Nullable String timeColumn;
  private final List<String> valueColumns;
  private final boolean lenient;

  private CsvOptions(
      char delimiter, @Nullable String timeColumn, List<String> valueColumns, boolean lenient) {
    this.delimiter = delimiter;
    this.timeColumn = timeColumn;
    this.valueColumns = valueColumns;
    this.lenient = lenient;
  }

  /** Detected delimiter, automatic columns, strict. */
  public static CsvOptions defaults() {
    return DEFAULTS;
  }

  /**
   * A fixed delimiter instead of detection.
   *
   * @throws IllegalArgumentException unless it is {@code ,}, {@code ;} or a tab
   */
  public CsvOptions withDelimiter(char d) {
    if (d != ',' && d != ';' && d != '\t') {
      throw new IllegalArgumentException("delimiter: '" + d + "' (expected: ',', ';' or tab)");
    }
    return new CsvOptions(d, timeColumn, valueColumns, lenient);
  }

  /** The time column, by name or 1-based index. */
  public CsvOptions withTimeColumn(String column) {
    return new CsvOptions(delimiter, Objects.requireNonNull(column), valueColumns, lenient);
  }

  /** The value columns, by name or 1-based index; empty means every numeric column. */
  public CsvOptions withValueColumns(List<String> columns) {
    return new CsvOptions(delimiter, timeColumn, List.copyOf(columns), lenient);
  }

  /** Whether rows with unreadable cells are skipped and counted instead of failing. */
  public CsvOptions withLenient(boolean skipBadRows) {
    return new CsvOptions(delimiter, timeColumn, valueColumns, skipBadRows);
  }

  /** The fixed delimiter, empty when detected. */
  public Optional<Character> delimiter() {
    return delimiter == 0 ? Optional.empty() : Optional.of(delimiter);
  }

  public Optional<String> timeColumn() {
    return Optional.ofNullable(timeColumn);
  }

  public List<String> valueColumns() {
    return valueColumns;
  }

  public boolean lenient() {
    return lenient;
  }

  char rawDelimiter() {
    return delimiter;
  }
}
