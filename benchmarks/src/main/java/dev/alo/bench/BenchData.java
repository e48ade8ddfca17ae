package dev.alo.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Small CSV helpers for the benchmarks: shared-data location, parsing, hourly means. */
final class BenchData {
  private BenchData() {}

  /** ../shared, or the directory named by -Dalo.shared.dir. */
  static Path shared() {
    return Path.of(System.getProperty("alo.shared.dir", "../shared"));
  }

  static long instant(String raw) {
    String s = raw.replace("\"", "").trim();
    if (s.length() <= 10) {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
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

  static Csv read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    String[] header = lines.get(0).replace("\"", "").split(",", -1);
    int rows = lines.size() - 1;
    long[] times = new long[rows];
    List<double[]> cols = new ArrayList<>();
    Map<String, double[]> named = new LinkedHashMap<>();
    for (int c = 1; c < header.length; c++) {
      double[] col = new double[rows];
      cols.add(col);
      named.put(header[c], col);
    }
    for (int r = 0; r < rows; r++) {
      String[] f = lines.get(r + 1).split(",", -1);
      times[r] = instant(f[0]);
      for (int c = 1; c < header.length; c++) {
        String v = f[c].replace("\"", "").trim();
        cols.get(c - 1)[r] = v.isEmpty() || v.equals("NA") ? Double.NaN : Double.parseDouble(v);
      }
    }
    return new Csv(times, named);
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
