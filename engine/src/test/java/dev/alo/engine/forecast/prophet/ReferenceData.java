package dev.alo.engine.forecast.prophet;

import java.io.IOException;
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

/**
 * Reads the Prophet example inputs and R prophet's reference outputs from the repository
 * (datasets/, bench/reference/).
 */
final class ReferenceData {
  private ReferenceData() {}

  static Path root() {
    return Path.of(System.getProperty("alo.root.dir", ".."));
  }

  static long parseInstant(String raw) {
    String s = raw.replace("\"", "").trim();
    if (s.length() <= 10) {
      return LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    return LocalDateTime.parse(s.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
  }

  /** Columns of a CSV by header name; the first column parsed as instants under "ds". */
  static final class Table {
    private final long[] ds;
    private final Map<String, double[]> columns;

    Table(long[] ds, Map<String, double[]> columns) {
      this.ds = ds;
      this.columns = columns;
    }

    long[] ds() {
      return ds;
    }

    Map<String, double[]> columns() {
      return columns;
    }

    double[] column(String name) {
      double[] c = columns.get(name);
      if (c == null) {
        throw new IllegalArgumentException("no column " + name);
      }
      return c;
    }
  }

  static Table read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String[] header = lines.get(0).replace("\"", "").split(",", -1);
    int rows = lines.size() - 1;
    long[] ds = new long[rows];
    Map<String, double[]> cols = new LinkedHashMap<>();
    for (int c = 1; c < header.length; c++) {
      cols.put(header[c], new double[rows]);
    }
    List<double[]> order = new ArrayList<>(cols.values());
    for (int r = 0; r < rows; r++) {
      String[] f = lines.get(r + 1).split(",", -1);
      ds[r] = parseInstant(f[0]);
      for (int c = 1; c < header.length; c++) {
        String v = f[c].replace("\"", "").trim();
        order.get(c - 1)[r] = v.isEmpty() || v.equals("NA") ? Double.NaN : Double.parseDouble(v);
      }
    }
    return new Table(ds, cols);
  }
}
