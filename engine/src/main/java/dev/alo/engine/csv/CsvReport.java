package dev.alo.engine.csv;

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
    Map<String, Character> decimalSeparators) {
  public CsvReport {
    skippedLines = List.copyOf(skippedLines);
    gaps = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(gaps));
    ignoredColumns = List.copyOf(ignoredColumns);
    decimalSeparators =
        java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decimalSeparators));
  }

  /** Gaps over all value columns. */
  public int totalGaps() {
    return gaps.values().stream().mapToInt(Integer::intValue).sum();
  }
}
