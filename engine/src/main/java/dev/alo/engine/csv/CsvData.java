package dev.alo.engine.csv;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimeSeries;
import java.util.List;

/**
 * A CSV file read as a table (one series per value column) and what reading found.
 *
 * @param table the sorted, de-duplicated data
 * @param report rows, gaps, duplicates, skipped rows
 */
public record CsvData(SeriesTable table, CsvReport report) {
  /** One series per value column. */
  public List<TimeSeries> series() {
    return table.allSeries();
  }
}
