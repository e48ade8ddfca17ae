package dev.alo.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.alo.engine.anomaly.AnomalyDetector;
import dev.alo.engine.anomaly.AnomalyPoint;
import dev.alo.engine.anomaly.AnomalyWindow;
import dev.alo.engine.anomaly.Detection;
import dev.alo.engine.anomaly.ForecastDetectorOptions;
import dev.alo.engine.csv.CsvData;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.series.TimestampFormat;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo anomalies}: anomalous points and windows of each series in a CSV file. */
@Command(
    name = "anomalies",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "List the anomalous points and windows of a time series.",
      "Finds the anomalous points of each value column of a CSV time-series file and the"
          + " windows of consecutive anomalous points. A series is named as forecast names it:"
          + " after its file without .csv, FILE:COLUMN when the file has several value columns.",
      "",
      "forecast: values outside the LEVEL%% interval of a rolling one-step-ahead forecast"
          + " (a robust online seasonal model; isolated excursions must reach"
          + " --isolated-min-score), and drifts a CUSUM test finds in its residuals. iforest: the (100 - LEVEL)%% of points an"
          + " isolation forest isolates fastest.",
      "",
      "stdout: the table series,timestamp,value,expected,lower,upper,score,kind (kind: band,"
          + " drift or isolation), a blank line, then"
          + " the table series,start,end,points,max_score; or one JSON document with --json."
          + " A summary per series goes to stderr."
    })
final class AnomaliesCommand implements Callable<Integer> {
  /** Seed of the isolation forest: fixed, so that runs are reproducible. */
  static final long SEED = 42;

  enum Method {
    forecast,
    iforest
  }

  @Mixin InputSource.Single source = new InputSource.Single();

  @Option(
      names = "--level",
      paramLabel = "PCT",
      defaultValue = "99",
      description =
          "Interval level in percent, above 50 and below 100 (default: ${DEFAULT-VALUE}).")
  double level;

  @Option(
      names = "--method",
      paramLabel = "forecast|iforest",
      defaultValue = "forecast",
      description = "Detection method: forecast or iforest (default: ${DEFAULT-VALUE}).")
  Method method = Method.forecast;

  @Option(
      names = "--isolated-min-score",
      paramLabel = "S",
      defaultValue = "" + ForecastDetectorOptions.ISOLATED_MIN_SCORE,
      description =
          "forecast: an isolated excursion (neither neighbour outside the band) is reported only"
              + " when its score reaches S; 0 reports all (default: ${DEFAULT-VALUE}, the 99.9%%"
              + " normal quantile).")
  double isolatedMinScore;

  @Option(
      names = "--drift-threshold",
      paramLabel = "H",
      defaultValue = "" + ForecastDetectorOptions.DRIFT_THRESHOLD,
      description =
          "forecast: CUSUM threshold of the drift test in residual standard deviations; 0 turns"
              + " the drift test off (default: ${DEFAULT-VALUE}).")
  double driftThreshold;

  @Option(
      names = "--drift-allowance",
      paramLabel = "K",
      defaultValue = "" + ForecastDetectorOptions.DRIFT_ALLOWANCE,
      description =
          "forecast: CUSUM allowance of the drift test in residual standard deviations, half the"
              + " smallest shift it should catch quickly (default: ${DEFAULT-VALUE}).")
  double driftAllowance;

  @Option(names = "--json", description = "Print one JSON document instead of the tables.")
  boolean json;

  @Mixin InputOptions input = new InputOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  record Result(TimeSeries series, Detection detection) {}

  @Override
  public Integer call() throws Exception {
    if (!(level > 50 && level < 100)) {
      throw new UsageException(
          "--level "
              + GivenValue.of(level)
              + " is out of range: expected a percentage above 50 and below 100");
    }
    requireFiniteAtLeastZero("--isolated-min-score", isolatedMinScore);
    requireFiniteAtLeastZero("--drift-threshold", driftThreshold);
    requireFiniteAtLeastZero("--drift-allowance", driftAllowance);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path file = source.file();
    CsvData data = input.load(file, err);
    AnomalyDetector detector =
        method == Method.forecast
            ? AnomalyDetector.forecastInterval(
                new ForecastDetectorOptions(
                    level, isolatedMinScore, driftAllowance, driftThreshold))
            : AnomalyDetector.isolationForest(level, SEED);
    List<Result> results = new ArrayList<>();
    String base = InputFiles.baseName(file);
    for (TimeSeries column : data.series()) {
      TimeSeries s =
          column.withName(InputFiles.seriesName(base, data.series().size(), column.name()));
      results.add(new Result(s, detector.detect(s)));
    }
    TimestampFormat f = data.table().timestampFormat();
    if (json) {
      out.println(toJson(f, results));
    } else {
      printTables(out, f, results);
    }
    out.flush();
    for (Result r : results) {
      Detection d = r.detection();
      double max = d.points().stream().mapToDouble(AnomalyPoint::score).max().orElse(0);
      err.printf(
          Locale.ROOT,
          "alo: anomalies: %s: %d anomalous points in %d windows out of %d values"
              + " (method %s, level %s%%%s)%n",
          r.series().name(),
          d.points().size(),
          d.windows().size(),
          r.series().size(),
          method,
          num(level),
          d.points().isEmpty() ? "" : ", max score " + num(max));
    }
    err.flush();
    return 0;
  }

  private static void requireFiniteAtLeastZero(String option, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new UsageException(
          option + " " + GivenValue.of(v) + " is out of range: expected a finite number >= 0");
    }
  }

  private static void printTables(PrintWriter out, TimestampFormat f, List<Result> results) {
    out.println("series,timestamp,value,expected,lower,upper,score,kind");
    for (Result r : results) {
      for (AnomalyPoint p : r.detection().points()) {
        out.println(
            String.join(
                ",",
                cell(r.series().name()),
                f.format(p.time()),
                num(p.value()),
                num(p.expected()),
                num(p.lower()),
                num(p.upper()),
                num(p.score()),
                p.kind().label()));
      }
    }
    out.println();
    out.println("series,start,end,points,max_score");
    for (Result r : results) {
      for (AnomalyWindow w : r.detection().windows()) {
        out.println(
            String.join(
                ",",
                cell(r.series().name()),
                f.format(w.start()),
                f.format(w.end()),
                String.valueOf(w.points()),
                num(w.maxScore())));
      }
    }
  }

  private String toJson(TimestampFormat f, List<Result> results) throws Exception {
    ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode root = m.createObjectNode();
    root.put("file", source.file().toString());
    root.put("method", method.name());
    root.put("level", level);
    ArrayNode series = root.putArray("series");
    for (Result r : results) {
      ObjectNode s = series.addObject();
      s.put("name", r.series().name());
      s.put("values", r.series().size());
      ArrayNode points = s.putArray("points");
      for (AnomalyPoint p : r.detection().points()) {
        ObjectNode o = points.addObject();
        o.put("timestamp", f.format(p.time()));
        putNumber(o, "value", p.value());
        putNumber(o, "expected", p.expected());
        putNumber(o, "lower", p.lower());
        putNumber(o, "upper", p.upper());
        putNumber(o, "score", p.score());
        o.put("kind", p.kind().label());
      }
      ArrayNode windows = s.putArray("windows");
      for (AnomalyWindow w : r.detection().windows()) {
        ObjectNode o = windows.addObject();
        o.put("start", f.format(w.start()));
        o.put("end", f.format(w.end()));
        o.put("points", w.points());
        putNumber(o, "max_score", w.maxScore());
      }
    }
    return m.writeValueAsString(root);
  }

  private static void putNumber(ObjectNode node, String key, double v) {
    if (Double.isNaN(v)) {
      node.putNull(key);
    } else {
      node.put(key, new BigDecimal(num(v)));
    }
  }

  /** A number rounded to 6 significant digits; empty for NaN (no value). */
  static String num(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Double.isInfinite(v)) {
      return v > 0 ? "Infinity" : "-Infinity";
    }
    return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
  }

  /** A CSV cell, quoted when it holds a comma or a quote. */
  private static String cell(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
