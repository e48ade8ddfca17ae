package dev.alo.engine.csv;

import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How to read a CSV file. A column is named by its header text or by its 1-based index ({@code 2});
 * by default the delimiter is detected, the first column holding timestamps is the time column,
 * every other numeric column is a value column and each value column's decimal separator is
 * detected from its values.
 */
public final class CsvOptions {
  private static final CsvOptions DEFAULTS =
      new CsvOptions((char) 0, null, List.of(), false, (char) 0, null);

  private final char delimiter;
  private final @Nullable String timeColumn;
  private final List<String> valueColumns;
  private final boolean lenient;
  private final char decimal;
  private final @Nullable ZoneId zone;

  private CsvOptions(
      char delimiter,
      @Nullable String timeColumn,
      List<String> valueColumns,
      boolean lenient,
      char decimal,
      @Nullable ZoneId zone) {
    this.delimiter = delimiter;
    this.timeColumn = timeColumn;
    this.valueColumns = valueColumns;
    this.lenient = lenient;
    this.decimal = decimal;
    this.zone = zone;
  }

  /** Detected delimiter, automatic columns, detected decimal separators, strict. */
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
    return new CsvOptions(d, timeColumn, valueColumns, lenient, decimal, zone);
  }

  /** The time column, by name or 1-based index. */
  public CsvOptions withTimeColumn(String column) {
    return new CsvOptions(
        delimiter, Objects.requireNonNull(column), valueColumns, lenient, decimal, zone);
  }

  /** The value columns, by name or 1-based index; empty means every numeric column. */
  public CsvOptions withValueColumns(List<String> columns) {
    return new CsvOptions(delimiter, timeColumn, List.copyOf(columns), lenient, decimal, zone);
  }

  /** Whether rows with unreadable cells are skipped and counted instead of failing. */
  public CsvOptions withLenient(boolean skipBadRows) {
    return new CsvOptions(delimiter, timeColumn, valueColumns, skipBadRows, decimal, zone);
  }

  /**
   * A fixed decimal separator for every value column instead of detection; the other of {@code .}
   * and {@code ,} may then group thousands.
   *
   * @throws IllegalArgumentException unless it is {@code .} or {@code ,}
   */
  public CsvOptions withDecimal(char d) {
    if (d != '.' && d != ',') {
      throw new IllegalArgumentException("decimal separator: '" + d + "' (expected '.' or ',')");
    }
    return new CsvOptions(delimiter, timeColumn, valueColumns, lenient, d, zone);
  }

  /**
   * The zone whose offsets the table's ISO date-time timestamps are written with: each instant gets
   * the offset the zone has then (see {@link
   * dev.alo.engine.series.TimestampFormat#inZone(ZoneId)}). Timestamps without an offset are still
   * read as UTC.
   */
  public CsvOptions withZone(ZoneId z) {
    return new CsvOptions(
        delimiter, timeColumn, valueColumns, lenient, decimal, Objects.requireNonNull(z));
  }

  /** The zone given by {@link #withZone}, empty when none was. */
  public Optional<ZoneId> zone() {
    return Optional.ofNullable(zone);
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

  /** The fixed decimal separator, empty when detected per column. */
  public Optional<Character> decimal() {
    return decimal == 0 ? Optional.empty() : Optional.of(decimal);
  }

  char rawDelimiter() {
    return delimiter;
  }
}
