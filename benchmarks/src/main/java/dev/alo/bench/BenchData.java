package dev.alo.bench;

import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.series.SeriesTable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small data helpers for the benchmarks: repository data location, CSV tables, hourly means. */
final class BenchData {
  private BenchData() {}

  /** The repository root (the working directory), or the directory named by -Dalo.root.dir. */
  static Path root() {
    return Path.of(System.getProperty("alo.root.dir", "."));
  }

  /** A CSV read into its first column (instants) and named numeric columns (empty/NA = NaN). */
  @SuppressWarnings("ArrayRecordComponent") // read-only table data
  record Csv(long[] times, Map<String, double[]> columns) {
    double[] column(String name) {
      double[] c = columns.get(name);
      if (c == null) {
        throw new IllegalArgumentException("column " + name + " not in " + columns.keySet());
      }
      return c;
    }
  }

  /** A time-series CSV read by the engine's {@link CsvReader}. */
  static Csv read(Path file) {
    SeriesTable table = CsvReader.read(file, CsvOptions.defaults()).table();
    Map<String, double[]> named = new LinkedHashMap<>();
    List<String> names = table.columnNames();
    for (int c = 0; c < names.size(); c++) {
      named.put(names.get(c), table.values(c));
    }
    return new Csv(table.times(), named);
  }

  /** The first {@code limit} hourly means (hours floored, UTC) of a two-column CSV. */
  static Csv hourlyMeans(Path file, int limit) {
    Csv raw = read(file);
    double[] v = raw.columns().values().iterator().next();
    TreeMap<Long, double[]> buckets = new TreeMap<>();
    for (int i = 0; i < v.length; i++) {
      long hour = Math.floorDiv(raw.times()[i], 3_600_000L) * 3_600_000L;
      double[] acc = buckets.computeIfAbsent(hour, h -> new double[2]);
      acc[0] += v[i];
      acc[1] += 1;
    }
    int n = Math.min(limit, buckets.size());
    long[] times = new long[n];
    double[] means = new double[n];
    int i = 0;
    for (Map.Entry<Long, double[]> e : buckets.entrySet()) {
      if (i == n) {
        break;
      }
      times[i] = e.getKey();
      means[i] = e.getValue()[0] / e.getValue()[1];
      i++;
    }
    return new Csv(times, Map.of("value", means));
  }
}
