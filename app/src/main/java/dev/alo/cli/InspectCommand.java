package dev.alo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvReport;
import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.series.OutlierClipping;
import dev.alo.engine.series.SamplingInterval;
import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import dev.alo.engine.time.Durations;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo inspect}: what a CSV time-series file holds. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise what a CSV time-series file holds.",
      "Rows, time range, inferred sampling interval, gaps,"
          + " duplicate timestamps, outliers (beyond 1.5 IQR) and min / mean / max per column."
          + " A table on stdout, or one JSON document with --json. On a terminal, how much of"
          + " the file is read shows on stderr. The file is held in memory, about 120 bytes a row"
          + " of 3 values: Java's default heap holds tens of millions of rows; beyond, give it more"
          + " with ALO_JAVA_OPTS=-Xmx....",
      ""
    })
final class InspectCommand implements Callable<Integer> {
  static final double OUTLIER_IQR = 1.5;

  @Mixin InputSource.Single source = new InputSource.Single();

  @Mixin InputOptions input = new InputOptions();

  @Option(names = "--json", description = "Print one JSON document instead of a table.")
  boolean json;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Per-column statistics. */
  record ColumnStats(
      String name, int count, int gaps, int outliers, double min, double mean, double max) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CsvData data =
        input.load(
            source.file(),
            err,
            Progress.forTerminal(err, "inspect: reading " + source.file().getFileName()));
    SeriesTable t = data.table();
    List<ColumnStats> stats = new ArrayList<>();
    for (int c = 0; c < t.columnCount(); c++) {
      stats.add(stats(t.columnNames().get(c), t.values(c)));
    }
    Optional<SamplingInterval> interval = SamplingInterval.infer(t.times());
    if (json) {
      out.println(toJson(data, stats, interval));
    } else {
      printTable(out, data, stats, interval);
    }
    out.flush();
    return 0;
  }

  static ColumnStats stats(String name, double[] v) {
    int count = 0;
    double sum = 0;
    double min = Double.NaN;
    double max = Double.NaN;
    for (double x : v) {
      if (Double.isNaN(x)) {
        continue;
      }
      count++;
      sum += x;
      min = count == 1 ? x : Math.min(min, x);
      max = count == 1 ? x : Math.max(max, x);
    }
    return new ColumnStats(
        name,
        count,
        v.length - count,
        OutlierClipping.countOutliers(v, OUTLIER_IQR),
        min,
        count == 0 ? Double.NaN : sum / count,
        max);
  }

  private void printTable(
      PrintWriter out, CsvData data, List<ColumnStats> stats, Optional<SamplingInterval> iv) {
    SeriesTable t = data.table();
    CsvReport r = data.report();
    TimestampFormat f = t.timestampFormat();
    line(out, "file", r.source());
    line(
        out,
        "rows",
        t.size()
            + (r.duplicateRows() > 0 ? " (" + r.dataRows() + " read)" : "")
            + ", time column '"
            + t.timeColumn()
            + "' ("
            + f.pattern()
            + "), delimiter "
            + delimiterName(r.delimiter())
            + decimalNote(r)
            + (r.header() ? "" : ", no header"));
    if (r.timestampForms().size() > 1) {
      line(out, "timestamps", forms(r));
    }
    if (r.offsetsChange()) {
      line(out, "offsets", offsets(r, f));
    }
    line(
        out,
        "range",
        f.format(t.timeAt(0))
            + " .. "
            + f.format(t.timeAt(t.size() - 1))
            + " ("
            + span(t.timeAt(t.size() - 1) - t.timeAt(0))
            + ")");
    line(
        out,
        "interval",
        iv.map(
                i ->
                    Durations.format(i.interval())
                        + (i.isRegular()
                            ? " (regular)"
                            : String.format(
                                Locale.ROOT,
                                " (%.1f%% of steps; irregular)",
                                100 * i.regularShare())))
            .orElse("unknown (fewer than two timestamps)"));
    line(out, "gaps", String.valueOf(r.totalGaps()));
    line(
        out,
        "duplicates",
        r.duplicateRows() + (r.duplicateRows() > 0 ? " rows merged by their mean" : ""));
    if (!r.sorted()) {
      line(out, "order", "rows were not in time order (sorted)");
    }
    if (r.skippedRows() > 0) {
      line(out, "skipped", r.skippedRows() + " unreadable rows (lenient)");
    }
    if (!r.ignoredColumns().isEmpty()) {
      line(out, "ignored", String.join(", ", r.ignoredColumns()));
    }
    out.println();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"column", "count", "gaps", "outliers", "min", "mean", "max"});
    for (ColumnStats s : stats) {
      rows.add(
          new String[] {
            s.name(),
            String.valueOf(s.count()),
            String.valueOf(s.gaps()),
            String.valueOf(s.outliers()),
            num(s.min()),
            num(s.mean()),
            num(s.max())
          });
    }
    int[] width = new int[7];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        String cell = row[i];
        String pad = " ".repeat(width[i] - cell.length());
        sb.append(i == 0 ? cell + pad : pad + cell);
        if (i < row.length - 1) {
          sb.append("  ");
        }
      }
      out.println(sb.toString().stripTrailing());
    }
  }

  /** The forms of a column that mixes them: {@code 2 forms: yyyy-MM-dd HH:mm (10 rows, ...}. */
  static String forms(CsvReport r) {
    return r.timestampForms().size()
        + " forms: "
        + r.timestampForms().stream()
            .map(
                t ->
                    t.pattern()
                        + " ("
                        + t.rows()
                        + (t.rows() == 1 ? " row" : " rows")
                        + ", first on line "
                        + t.firstLine()
                        + ")")
            .collect(java.util.stream.Collectors.joining(", "));
  }

  /** The offsets of timestamps whose offset changes, and how they are shown. */
  static String offsets(CsvReport r, TimestampFormat f) {
    return r.offsets().stream()
            .map(java.time.ZoneOffset::getId)
            .collect(java.util.stream.Collectors.joining(", "))
        + " (first change on line "
        + r.offsetChangeLine()
        + "); shown "
        + (f.style() == TimestampFormat.Style.ISO_OFFSET
            ? "with the offsets of " + f.zone().getId()
            : "in UTC (name the zone with --timezone)");
  }

  /** A span for people: {@code 694d 10h 39m}, {@code 5h}, {@code 0s}. */
  static String span(long millis) {
    long[] units = {86_400_000L, 3_600_000L, 60_000L, 1000L, 1L};
    String[] names = {"d", "h", "m", "s", "ms"};
    StringBuilder sb = new StringBuilder();
    long rest = millis;
    for (int i = 0; i < units.length; i++) {
      long n = rest / units[i];
      rest %= units[i];
      if (n > 0) {
        sb.append(sb.isEmpty() ? "" : " ").append(n).append(names[i]);
      }
    }
    return sb.isEmpty() ? "0s" : sb.toString();
  }

  private static void line(PrintWriter out, String key, String value) {
    out.printf(Locale.ROOT, "%-11s %s%n", key, value);
  }

  /**
   * {@code , decimal ','} when every value column has a decimal comma, {@code , decimal ',' (a, b)}
   * when some have; nothing when all have a decimal point.
   */
  static String decimalNote(CsvReport r) {
    List<String> comma =
        r.decimalSeparators().entrySet().stream()
            .filter(e -> e.getValue() == ',')
            .map(java.util.Map.Entry::getKey)
            .toList();
    if (comma.isEmpty()) {
      return "";
    }
    return ", decimal ','"
        + (comma.size() == r.decimalSeparators().size()
            ? ""
            : " (" + String.join(", ", comma) + ")");
  }

  private static String delimiterName(char d) {
    return d == '\t' ? "tab" : "'" + d + "'";
  }

  /** A number for people: exact when short, else 6 significant digits; '-' for none. */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "-";
    }
    String exact = CsvWriter.formatNumber(v);
    if (exact.length() <= 10) {
      return exact;
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  private static String toJson(CsvData data, List<ColumnStats> stats, Optional<SamplingInterval> iv)
      throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    SeriesTable t = data.table();
    CsvReport r = data.report();
    TimestampFormat f = t.timestampFormat();
    ObjectNode root = m.createObjectNode();
    root.put("file", r.source());
    root.put("rows", t.size());
    root.put("rows_read", r.dataRows());
    root.put("time_column", t.timeColumn());
    root.put("timestamp_format", f.pattern());
    ArrayNode forms = root.putArray("timestamp_forms");
    r.timestampForms()
        .forEach(
            form ->
                forms
                    .addObject()
                    .put("form", form.pattern())
                    .put("rows", form.rows())
                    .put("first_line", form.firstLine()));
    ArrayNode offsets = root.putArray("offsets");
    r.offsets().forEach(o -> offsets.add(o.getId()));
    root.put("delimiter", String.valueOf(r.delimiter()));
    root.put("header", r.header());
    root.put("start", f.format(t.timeAt(0)));
    root.put("end", f.format(t.timeAt(t.size() - 1)));
    if (iv.isPresent()) {
      root.put("interval", Durations.format(iv.get().interval()));
      root.put("interval_ms", iv.get().interval().toMillis());
      root.put("interval_share", iv.get().regularShare());
    } else {
      root.putNull("interval");
    }
    root.put("gaps", r.totalGaps());
    root.put("duplicates", r.duplicateRows());
    root.put("sorted", r.sorted());
    root.put("skipped_rows", r.skippedRows());
    ArrayNode skippedLines = root.putArray("skipped_lines");
    r.skippedLines().forEach(skippedLines::add);
    ArrayNode ignored = root.putArray("ignored_columns");
    r.ignoredColumns().forEach(ignored::add);
    ArrayNode cols = root.putArray("columns");
    for (ColumnStats s : stats) {
      ObjectNode c = cols.addObject();
      c.put("name", s.name());
      c.put("decimal", String.valueOf(r.decimalSeparators().getOrDefault(s.name(), '.')));
      c.put("count", s.count());
      c.put("gaps", s.gaps());
      c.put("outliers", s.outliers());
      putNumber(c, "min", s.min());
      putNumber(c, "mean", s.mean());
      putNumber(c, "max", s.max());
    }
    return m.writeValueAsString(root);
  }

  private static void putNumber(ObjectNode node, String key, double v) {
    if (Double.isNaN(v)) {
      node.putNull(key);
    } else {
      node.put(key, v);
    }
  }
}
