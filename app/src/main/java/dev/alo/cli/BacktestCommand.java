package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import dev.alo.engine.csv.CsvData;
import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.forecast.Backtest;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.ProtocolV1;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.Aggregation;
import dev.alo.engine.series.GapFill;
import dev.alo.engine.series.Resampling;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.time.Durations;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code alo backtest}: rolling-origin accuracy of models on series files, by ALO's protocol v1
 * (FORECAST-PROTOCOL.md) when horizon, origins and interval are its own (24, 3, 1h).
 */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Measure forecast accuracy on your data, origin by origin.",
      "Backtests forecasting models: each series is resampled (bucket mean, missing steps"
          + " linearly interpolated); for origins k = N..1 each model is fitted on all but the last"
          + " k·horizon values and forecasts the next horizon values. A series is named after its"
          + " file without .csv (with as many parent directories as it takes to be unique).",
      "Every series runs the origins asked: one too short for them (each origin forecasts"
          + " horizon values, the earliest trains on more values than the MASE lag) fails, naming"
          + " the origins it has room for.",
      "Prints per series and model the mean over origins of sMAPE, MASE (scaled by the"
          + " training part's seasonal naive error: lag 24 for hourly data), coverage of the 80%%"
          + " interval and seconds per fit, then the aggregate per model: arithmetic means and the"
          + " geometric mean of MASE (gmMASE). With the defaults this is ALO's protocol v1.",
      "--output is checked before the work; exit 3 when the table is printed but --output"
          + " cannot be written, or some series failed. On a terminal, progress shows on stderr.",
      ""
    })
final class BacktestCommand implements Callable<Integer> {
  private static final double LEVEL = ProtocolV1.LEVEL;

  @Mixin InputSource.Many source = new InputSource.Many();

  @Option(
      names = "--horizon",
      paramLabel = "N",
      defaultValue = "" + ProtocolV1.HORIZON,
      description = "Steps per origin (default: ${DEFAULT-VALUE}).")
  int horizon;

  @Option(
      names = "--origins",
      paramLabel = "K",
      defaultValue = "" + ProtocolV1.ORIGINS,
      description = "Origins per series (default: ${DEFAULT-VALUE}).")
  int origins;

  @Option(
      names = "--resample",
      paramLabel = "INTERVAL",
      defaultValue = "1h",
      description =
          "Interval of the series; none keeps the inferred interval (default: ${DEFAULT-VALUE}).")
  String resample = "";

  @Option(
      names = "--models",
      paramLabel = "M",
      split = ",",
      defaultValue = "auto",
      description =
          "Models to compare, separated by commas: auto, prophet, ets, arima, mstl, snaive,"
              + " theta (default: ${DEFAULT-VALUE}).")
  List<String> models = new ArrayList<>();

  @Option(
      names = "--output",
      paramLabel = "FILE",
      description =
          "Also write one CSV row per series, model and origin:"
              + " series,method,origin,n_train,smape,mase,coverage80,seconds.")
  Optional<Path> output = Optional.empty();

  @Option(
      names = "--reference",
      paramLabel = "FILE",
      description =
          "Rows of reference methods in the same CSV form (e.g. R's anchors-dev-hourly.csv),"
              + " printed beside ALO's for the series they share.")
  Optional<Path> reference = Optional.empty();

  @Option(
      names = "--json",
      description = "Print one JSON document instead of the tables, with every origin's figures.")
  boolean json;

  @Mixin InputOptions input = new InputOptions();

  @Option(names = "--threads", hidden = true, paramLabel = "N")
  int threads = 0;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private record Series(String name, RegularSeries values) {}

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    if (horizon < 1 || origins < 1) {
      throw new UsageException(
          "--horizon " + horizon + " and --origins " + origins + " must each be >= 1");
    }
    Optional<Duration> interval = interval();
    List<Forecaster> forecasters = new ArrayList<>();
    for (String m : models) {
      try {
        forecasters.add(Forecaster.byName(m.strip()));
      } catch (InputException e) {
        throw new UsageException("--models: " + e.getMessage());
      }
    }
    Map<String, Map<String, double[]>> ref =
        reference.isPresent() ? readReference(reference.get()) : Map.of();
    if (output.isPresent()) {
      OutputFiles.checkWritable("--output", output.get());
    }
    List<String> notes = new ArrayList<>();
    List<InputFiles.Input> files = InputFiles.expand(source.paths(), notes);
    notes.forEach(n -> err.println("alo: note: " + n));
    List<Series> series = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (InputFiles.Input f : files) {
      try {
        for (Series s : load(f, interval)) {
          String name = names.add(s.name()) ? s.name() : ForecastBatch.unused(s.name(), names);
          int supported = supportedOrigins(s.values());
          if (supported < origins) {
            failed.add(name);
            err.println("alo: " + name + ": failed: " + tooShort(s.values(), supported));
          } else {
            series.add(new Series(name, s.values()));
          }
        }
      } catch (InputException e) {
        failed.add(f.name());
        err.println("alo: " + f.name() + ": failed: " + e.getMessage());
      } catch (UncheckedIOException e) {
        failed.add(f.name());
        err.println("alo: " + f.name() + ": failed: cannot read: " + e.getCause());
      }
    }
    List<BacktestJson.Row> rows = evaluate(series, forecasters, err, failed);
    if (rows.isEmpty()) {
      err.println("alo: backtest: no series could be backtested: " + String.join(", ", failed));
      return CommandLine.ExitCode.SOFTWARE;
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(
          BacktestJson.of(
              new BacktestJson.Settings(
                  horizon,
                  origins,
                  interval.map(Durations::format).orElse("inferred"),
                  isProtocolV1(interval)),
              rows,
              ref));
    } else {
      print(rows, ref, interval, out);
    }
    out.flush();
    if (output.isPresent()) {
      try (Writer w = new BufferedWriter(Files.newBufferedWriter(output.get(), UTF_8), 1 << 16)) {
        writeRows(rows, w);
      } catch (IOException e) {
        err.println(
            "alo: backtest: the table is printed but --output "
                + output.get()
                + " is not written: "
                + OutputFiles.reason(e));
        return Main.EXIT_PARTIAL;
      }
    }
    if (failed.isEmpty()) {
      return 0;
    }
    err.println("alo: backtest: " + failed.size() + " failed: " + String.join(", ", failed));
    return Main.EXIT_PARTIAL;
  }

  private boolean isProtocolV1(Optional<Duration> interval) {
    return horizon == ProtocolV1.HORIZON
        && origins == ProtocolV1.ORIGINS
        && interval.equals(Optional.of(Duration.ofHours(1)));
  }

  private Optional<Duration> interval() {
    if (resample.strip().equalsIgnoreCase("none")) {
      return Optional.empty();
    }
    try {
      Duration d = Durations.parse(resample);
      if (d.isZero()) {
        throw new UsageException("--resample 0 is not an interval (expected e.g. 1h, or none)");
      }
      return Optional.of(d);
    } catch (InputException e) {
      throw new UsageException("--resample: " + e.getMessage());
    }
  }

  /**
   * The origins a series has room for: each needs {@code --horizon} values to forecast, and the
   * earliest still trains on more values than the MASE lag (25 for hourly data, as protocol v1).
   */
  private int supportedOrigins(RegularSeries s) {
    int minTrain = seasonalLag(s.stepMillis()) + 1;
    return Math.max(0, (s.size() - minTrain) / horizon);
  }

  private String tooShort(RegularSeries s, int supported) {
    int minTrain = seasonalLag(s.stepMillis()) + 1;
    return s.size()
        + " values ("
        + Durations.format(Duration.ofMillis(s.stepMillis()))
        + " steps) have room for "
        + (supported == 0 ? "no origin" : supported == 1 ? "1 origin" : supported + " origins")
        + ", not the "
        + origins
        + " asked by --origins"
        + (isProtocolV1(Optional.of(Duration.ofMillis(s.stepMillis()))) ? " (protocol v1)" : "")
        + ": each origin forecasts "
        + horizon
        + " values and the earliest trains on at least "
        + minTrain
        + " (expected at least "
        + (minTrain + origins * horizon)
        + " values"
        + (supported > 0 ? ", or --origins " + supported : "")
        + ")";
  }

  private List<Series> load(InputFiles.Input file, Optional<Duration> interval) {
    String base = file.name();
    CsvData data = input.load(file.file());
    List<TimeSeries> columns = data.series();
    List<Series> out = new ArrayList<>();
    for (TimeSeries c : columns) {
      String name = columns.size() == 1 ? base : base + ":" + c.name();
      out.add(new Series(name, regular(c, interval)));
    }
    return out;
  }

  /** Protocol v1's hourly series for 1h; otherwise bucket means at the interval, gaps linear. */
  private static RegularSeries regular(TimeSeries s, Optional<Duration> interval) {
    if (interval.equals(Optional.of(Duration.ofHours(1)))) {
      return ProtocolV1.hourly(s.times(), s.values());
    }
    if (interval.isEmpty()) {
      return SeriesPreparation.prepare(s, ForecastCommand.FORECAST_DEFAULTS).history();
    }
    TimeSeries r = SeriesPreparation.trim(Resampling.resample(s, interval.get(), Aggregation.MEAN));
    return RegularSeries.from(GapFill.LINEAR.fill(r));
  }

  private List<BacktestJson.Row> evaluate(
      List<Series> series, List<Forecaster> forecasters, PrintWriter err, List<String> failed) {
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers,
            r -> {
              Thread t = new Thread(r, "alo-backtest");
              t.setDaemon(true);
              return t;
            });
    try {
      Map<String, List<Future<ProtocolV1.SeriesResult>>> futures = new LinkedHashMap<>();
      for (Series s : series) {
        List<Future<ProtocolV1.SeriesResult>> perModel = new ArrayList<>();
        for (Forecaster f : forecasters) {
          perModel.add(pool.submit(() -> evaluate(s, f)));
        }
        futures.put(s.name(), perModel);
      }
      List<BacktestJson.Row> rows = new ArrayList<>();
      Progress progress = Progress.forTerminal(err, "backtest");
      int total = series.size() * forecasters.size();
      int done = 0;
      for (Map.Entry<String, List<Future<ProtocolV1.SeriesResult>>> e : futures.entrySet()) {
        try {
          List<BacktestJson.Row> seriesRows = new ArrayList<>();
          for (int m = 0; m < forecasters.size(); m++) {
            seriesRows.add(
                new BacktestJson.Row(
                    e.getKey(), forecasters.get(m).name(), get(e.getValue().get(m))));
            progress.update(++done, total);
          }
          rows.addAll(seriesRows);
        } catch (InputException ex) {
          failed.add(e.getKey());
          err.println("alo: " + e.getKey() + ": failed: " + ex.getMessage());
        }
      }
      progress.done();
      return rows;
    } finally {
      pool.shutdownNow();
    }
  }

  private ProtocolV1.SeriesResult evaluate(Series s, Forecaster f) {
    if (isProtocolV1(Optional.of(Duration.ofMillis(s.values().stepMillis())))) {
      return ProtocolV1.evaluate(s.name(), f, s.values(), System::nanoTime);
    }
    int n = s.values().size();
    // supportedOrigins checked that n - horizon * origins leaves more than the MASE lag
    List<Backtest.Split> splits =
        Backtest.rollingOrigin(n, n - horizon * origins, horizon, horizon);
    long t0 = System.nanoTime();
    List<Backtest.Fold> folds =
        Backtest.run(f, s.values(), splits, seasonalLag(s.values().stepMillis()), LEVEL);
    double seconds = (System.nanoTime() - t0) / 1e9 / folds.size();
    List<ProtocolV1.Origin> list = new ArrayList<>();
    for (int i = 0; i < folds.size(); i++) {
      Backtest.Fold fold = folds.get(i);
      list.add(
          new ProtocolV1.Origin(
              folds.size() - i,
              fold.split().trainEnd(),
              fold.smape(),
              fold.mase(),
              fold.coverage(),
              seconds));
    }
    return new ProtocolV1.SeriesResult(s.name(), list);
  }

  /** The MASE lag: the steps of a day for sub-daily data, 7 for daily, 1 otherwise. */
  static int seasonalLag(long stepMillis) {
    long day = 86_400_000L;
    if (stepMillis < day && day % stepMillis == 0) {
      return (int) (day / stepMillis);
    }
    return stepMillis == day ? 7 : 1;
  }

  private static <T> T get(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error err) {
        throw err; // out of memory in a worker is reported as in the main thread
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void print(
      List<BacktestJson.Row> rows,
      Map<String, Map<String, double[]>> ref,
      Optional<Duration> interval,
      PrintWriter out) {
    out.println(
        isProtocolV1(interval)
            ? "protocol v1: horizon 24, origins 3, hourly; mean over origins per series"
            : String.format(
                Locale.ROOT,
                "backtest: horizon %d, origins %d, interval %s; mean over origins per series",
                horizon,
                origins,
                interval.map(Durations::format).orElse("inferred")));
    String rowFormat = "%-40s %-16s %8.2f %8.3f %6.2f %9.4f%n";
    out.printf(
        Locale.ROOT,
        "%-40s %-16s %8s %8s %6s %9s%n",
        "series",
        "model",
        "sMAPE",
        "MASE",
        "cov80",
        "sec/fit");
    String current = "";
    for (BacktestJson.Row r : rows) {
      if (!r.series().equals(current) && !current.isEmpty()) {
        printReference(current, ref, rowFormat, out);
      }
      current = r.series();
      out.printf(
          Locale.ROOT,
          rowFormat,
          r.series(),
          r.model(),
          r.result().smape(),
          r.result().mase(),
          r.result().coverage80(),
          r.result().seconds());
    }
    if (!current.isEmpty()) {
      printReference(current, ref, rowFormat, out);
    }
    out.println();
    String aggFormat = "%-16s %6d %8.2f %8.3f %8.3f %6.2f %9.4f%n";
    out.printf(
        Locale.ROOT,
        "%-16s %6s %8s %8s %8s %6s %9s%n",
        "model",
        "series",
        "sMAPE",
        "MASE",
        "gmMASE",
        "cov80",
        "sec/fit");
    Map<String, List<ProtocolV1.SeriesResult>> byModel = new LinkedHashMap<>();
    for (BacktestJson.Row r : rows) {
      byModel.computeIfAbsent(r.model(), k -> new ArrayList<>()).add(r.result());
    }
    for (Map.Entry<String, List<ProtocolV1.SeriesResult>> e : byModel.entrySet()) {
      ProtocolV1.Summary s = ProtocolV1.summarize(e.getValue());
      out.printf(
          Locale.ROOT,
          aggFormat,
          e.getKey(),
          s.series(),
          s.smape(),
          s.mase(),
          s.gmMase(),
          s.coverage80(),
          s.seconds());
    }
    if (!ref.isEmpty()) {
      List<String> names = rows.stream().map(BacktestJson.Row::series).distinct().toList();
      Map<String, List<double[]>> byMethod = new TreeMap<>();
      for (String name : names) {
        ref.getOrDefault(name, Map.of())
            .forEach((m, v) -> byMethod.computeIfAbsent(m, k -> new ArrayList<>()).add(v));
      }
      for (Map.Entry<String, List<double[]>> e : byMethod.entrySet()) {
        List<double[]> v = e.getValue();
        double log = 0;
        double[] sum = new double[4];
        for (double[] x : v) {
          log += Math.log(x[1]);
          for (int i = 0; i < 4; i++) {
            sum[i] += x[i];
          }
        }
        int k = v.size();
        out.printf(
            Locale.ROOT,
            aggFormat,
            "R:" + e.getKey(),
            k,
            sum[0] / k,
            sum[1] / k,
            Math.exp(log / k),
            sum[2] / k,
            sum[3] / k);
      }
    }
  }

  private static void printReference(
      String series, Map<String, Map<String, double[]>> ref, String format, PrintWriter out) {
    for (Map.Entry<String, double[]> e : ref.getOrDefault(series, Map.of()).entrySet()) {
      double[] v = e.getValue();
      out.printf(Locale.ROOT, format, series, "R:" + e.getKey(), v[0], v[1], v[2], v[3]);
    }
  }

  private static void writeRows(List<BacktestJson.Row> rows, Writer w) {
    CsvWriter csv = CsvWriter.to(w);
    for (String h :
        List.of(
            "series", "method", "origin", "n_train", "smape", "mase", "coverage80", "seconds")) {
      csv.field(h);
    }
    csv.endRow();
    for (BacktestJson.Row r : rows) {
      for (ProtocolV1.Origin o : r.result().origins()) {
        csv.field(r.series())
            .field(r.model())
            .field(o.k())
            .field(o.nTrain())
            .field(o.smape())
            .field(o.mase())
            .field(o.coverage80())
            .field(o.seconds())
            .endRow();
      }
    }
  }

  /**
   * Reads reference rows (series,method,origin,n_train,smape,mase,coverage80,seconds; quoted or
   * not) into series → method → means over origins of [smape, mase, coverage80, seconds].
   */
  static Map<String, Map<String, double[]>> readReference(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InputException("--reference: no such file: " + file);
    }
    List<String> lines = Files.readAllLines(file, UTF_8);
    Map<String, Map<String, double[]>> sums = new LinkedHashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      String[] f = lines.get(i).replace("\"", "").split(",", -1);
      if (f.length < 8) {
        throw new InputException(
            file
                + " line "
                + (i + 1)
                + ": "
                + f.length
                + " fields (expected 8: series,method,origin,n_train,smape,mase,coverage80,"
                + "seconds)");
      }
      double[] acc =
          sums.computeIfAbsent(f[0], k -> new LinkedHashMap<>())
              .computeIfAbsent(f[1], k -> new double[5]);
      try {
        for (int c = 0; c < 4; c++) {
          acc[c] += Double.parseDouble(f[4 + c].strip());
        }
      } catch (NumberFormatException e) {
        throw new InputException(
            file + " line " + (i + 1) + ": a metric is not a number (" + e.getMessage() + ")");
      }
      acc[4]++;
    }
    for (Map<String, double[]> m : sums.values()) {
      for (double[] acc : m.values()) {
        for (int c = 0; c < 4; c++) {
          acc[c] /= acc[4];
        }
      }
    }
    return sums;
  }
}
