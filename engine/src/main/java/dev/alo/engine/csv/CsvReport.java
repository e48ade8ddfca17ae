package dev.alo.engine.csv;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * What reading a CSV file found.
 *
 * @param source the file name as given
 * @param delimiter the delimiter used
 * @param header whether the first line was a header
 * @param dataRows data rows read (blank lines and the header not counted)
 * @param skippedRows rows skipped as unreadable (lenient reading only)
 * @param skippedLines the physical lines of the first skipped rows (at most 10)
 * @param duplicateRows rows merged into another row with the same timestamp (by the mean)
 * @param sorted whether the rows were already in time order
 * @param gaps gaps per value column after merging duplicates
 * @param ignoredColumns columns that were neither the time column nor a value column
 * @param decimalSeparators per value column, the decimal separator its values were read with
 *     ({@code .} or {@code ,}; {@code .} for a column of whole numbers only)
 * @param timestampForms the forms the read timestamps were written in, in order of first appearance
 *     (several when the column mixes them)
 * @param offsets the distinct UTC offsets the timestamps were written with, in order of first
 *     appearance ({@code Z} counts as +00:00; empty when none had an offset)
 * @param offsetChangeLine the first line whose offset differs from the first row's, 0 when none
 */
public record CsvReport(
    String source,
    char delimiter,
    boolean header,
    int dataRows,
    int skippedRows,
    List<Integer> skippedLines,
    int duplicateRows,
    boolean sorted,
    Map<String, Integer> gaps,
    List<String> ignoredColumns,
    Map<String, Character> decimalSeparators,
    List<TimestampForm> timestampForms,
    List<ZoneOffset> offsets,
    int offsetChangeLine) {
  public CsvReport {
    timestampForms = List.copyOf(timestampForms);
    offsets = List.copyOf(offsets);
    skippedLines = List.copyOf(skippedLines);
    gaps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gaps));
    ignoredColumns = List.copyOf(ignoredColumns);
    decimalSeparators =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decimalSeparators));
  }

  /** Whether the timestamps were written with more than one UTC offset. */
  public boolean offsetsChange() {
    return offsets.size() > 1;
  }

  /** Gaps over all value columns. */
  public int totalGaps() {
    return gaps.values().stream().mapToInt(Integer::intValue).sum();
  }
}
