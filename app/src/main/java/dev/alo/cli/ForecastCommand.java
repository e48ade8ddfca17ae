package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.ForecastModel;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.ProphetForecaster;
import dev.alo.engine.forecast.prophet.Growth;
import dev.alo.engine.forecast.prophet.HolidayTable;
import dev.alo.engine.forecast.prophet.ProphetOptions;
import dev.alo.engine.forecast.prophet.SeasonalityMode;
import dev.alo.engine.series.Aggregation;
import dev.alo.engine.series.Cleaning;
import dev.alo.engine.series.GapFill;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo forecast}: forecasts every series of the input files, in parallel. */
@Command(
    name = "forecast",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    defaultValueProvider = CleaningOptions.ForecastDefaults.class,
    description = {
      "Forecast every series of the input files, with intervals.",
      "Forecasts the next steps of every series in the input CSV files, in parallel. PATH is a"
          + " file or a directory (every *.csv inside, sorted by name). A series is named after"
          + " its file without .csv, with as many parent directories as it takes to be unique"
          + " (a/load, b/load); a file with several value columns gives one series per column,"
          + " named FILE:COLUMN.",
      "Without --resample, a series that is irregular or has gaps is put on its inferred"
          + " interval's grid and its gaps are filled by linear interpolation (said on stderr).",
      "Writes CSV (series,timestamp,yhat,lower,upper; with --components one more column per"
          + " component) or, with --json, one JSON document; timestamps continue each input's"
          + " interval and style. Notes, progress and a summary go to stderr.",
      "Exit codes: 0 all written, 3 some series (or plots) failed (named on stderr), 1 none"
          + " written.",
      "Limits: --horizon is at most "
          + Horizon.MAX_STEPS
          + " steps, and what memory allows: auto, ets and"
          + " prophet hold 1000 simulated paths for their interval, about 8 KB a step per"
          + " series, other models about 256 bytes a step, a plot some 800 bytes more. This is"
          + " checked before the work, naming the most steps that fit (give Java more memory"
          + " with ALO_JAVA_OPTS=-Xmx...); so are --output and --plot.",
      ""
    })
final class ForecastCommand implements Callable<Integer> {
  /** The lowest interval level accepted, in percent. */
  static final int MIN_LEVEL = 1;

  /** The highest interval level accepted, in percent. */
  static final double MAX_LEVEL = 99.9;

  /** Forecast's cleaning defaults: no resampling, mean buckets, linear fill, no clipping. */
  static final Cleaning FORECAST_DEFAULTS =
      Cleaning.none().withAggregation(Aggregation.MEAN).withFill(GapFill.LINEAR);

  private static final List<String> PROPHET_FLAGS =
      List.of(
          "--growth",
          "--cap",
          "--floor",
          "--seasonality-mode",
          "--holidays",
          "--changepoint-prior",
          "--seasonality-prior");

  @Mixin InputSource.Many source = new InputSource.Many();

  @Option(
      names = "--horizon",
      required = true,
      paramLabel = "N",
      description =
          "Steps to forecast: a number of steps of the (resampled) interval, or a duration such"
              + " as 48h (rounded up to whole steps); 1 to "
              + Horizon.MAX_STEPS
              + " steps, as memory allows.")
  String horizon = "";

  @Option(
      names = "--model",
      paramLabel = "NAME",
      defaultValue = "auto",
      description = "auto, prophet, ets, arima, mstl, snaive or theta (default: ${DEFAULT-VALUE}).")
  String model = "";

  @Option(
      names = "--level",
      paramLabel = "PERCENT",
      defaultValue = "80",
      description =
          "Coverage of the prediction interval, in percent, "
              + MIN_LEVEL
              + " to "
              + MAX_LEVEL
              + " (default: ${DEFAULT-VALUE}).")
  double level;

  @Option(
      names = "--output",
      paramLabel = "FILE",
      defaultValue = "-",
      description = "Write the result to this file; - is stdout (default: ${DEFAULT-VALUE}).")
  String output = "";

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description =
          "Also draw a PNG: history, forecast and interval band (and the components with"
              + " --components). With several series, one PNG per series: FILE-SERIES.png"
              + " (characters other than A-Z a-z 0-9 . _ - as _; -2, -3... on a repeated name).")
  Optional<Path> plot = Optional.empty();

  @Option(
      names = "--components",
      description =
          "Add the model's components (trend, seasonalities...) as columns after upper, one per"
              + " component name found in any series (empty where a series has none).")
  boolean components;

  @Option(names = "--json", description = "Write one JSON document instead of CSV.")
  boolean json;

  @Mixin InputOptions input = new InputOptions();

  @Mixin CleaningOptions cleaning = new CleaningOptions();

  @Option(
      names = "--growth",
      paramLabel = "linear|logistic|flat",
      defaultValue = "linear",
      description = "Prophet: trend shape: linear, logistic or flat (default: ${DEFAULT-VALUE}).")
  String growth = "";

  @Option(
      names = "--cap",
      paramLabel = "X",
      description = "Prophet: capacity of logistic growth (required with --growth logistic).")
  Optional<Double> cap = Optional.empty();

  @Option(
      names = "--floor",
      paramLabel = "Y",
      description = "Prophet: saturating minimum of logistic growth (default: 0).")
  Optional<Double> floor = Optional.empty();

  @Option(
      names = "--seasonality-mode",
      paramLabel = "additive|multiplicative",
      defaultValue = "additive",
      description =
          "Prophet: how seasonalities combine with the trend: additive or multiplicative"
              + " (default: ${DEFAULT-VALUE}).")
  String seasonalityMode = "";

  @Option(
      names = "--holidays",
      paramLabel = "FILE",
      description =
          "Prophet: holidays CSV with columns holiday,ds[,lower_window,upper_window,prior_scale].")
  Optional<Path> holidays = Optional.empty();

  @Option(
      names = "--changepoint-prior",
      paramLabel = "S",
      defaultValue = "0.05",
      description = "Prophet: changepoint prior scale (default: ${DEFAULT-VALUE}).")
  double changepointPrior;

  @Option(
      names = "--seasonality-prior",
      paramLabel = "S",
      defaultValue = "10",
      description = "Prophet: seasonality prior scale (default: ${DEFAULT-VALUE}).")
  double seasonalityPrior;

  @Option(
      names = "--threads",
      hidden = true,
      paramLabel = "N",
      description = "Worker threads (default: the number of cores).")
  int threads = 0;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    long started = System.nanoTime();
    PrintWriter err = spec.commandLine().getErr();
    Horizon h = Horizon.parse(horizon);
    if (!(level >= MIN_LEVEL && level <= MAX_LEVEL)) {
      throw new UsageException(
          "--level "
              + GivenValue.of(level)
              + " is out of range (expected a percentage from "
              + MIN_LEVEL
              + " to "
              + MAX_LEVEL
              + ", e.g. 80)");
    }
    if (threads < 0) {
      throw new UsageException("--threads " + threads + " is negative (expected >= 1)");
    }
    Cleaning recipe = cleaning.toCleaning(FORECAST_DEFAULTS);
    Forecaster forecaster = forecaster(err);
    ForecastMemory memory = new ForecastMemory(model, plot.isPresent());
    if (h.fixedSteps() > 0) {
      Memory.require(
          "forecast",
          "--horizon " + h + " with --model " + memory.model(),
          memory.bytes(h.fixedSteps()),
          "forecast fewer steps (at most about " + memory.maxSteps(Memory.usable()) + " here)");
    }
    if (!output.equals("-")) {
      OutputFiles.checkWritable("--output", Path.of(output));
    }
    if (plot.isPresent()) {
      OutputFiles.checkPng("--plot", plot.get());
      OutputFiles.checkWritable("--plot", plot.get());
    }
    List<String> notes = new ArrayList<>();
    List<InputFiles.Input> files = InputFiles.expand(source.paths(), notes);
    notes.forEach(n -> err.println("alo: note: " + n));
    int workers = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    Progress progress = Progress.forTerminal(err, "forecast");
    List<ForecastBatch.Outcome> outcomes =
        new ForecastBatch(
                input, recipe, forecaster, logisticBounds(), h, level / 100, workers, memory)
            .run(files, progress::update);
    progress.done();

    List<ForecastBatch.Success> ok = new ArrayList<>();
    List<ForecastBatch.Failure> failed = new ArrayList<>();
    BatchNotes.lines(outcomes.stream().map(o -> new BatchNotes.Named(o.name(), o.notes())).toList())
        .forEach(line -> err.println("alo: " + line));
    for (ForecastBatch.Outcome o : outcomes) {
      switch (o) {
        case ForecastBatch.Success s -> ok.add(s);
        case ForecastBatch.Failure f -> {
          failed.add(f);
          err.println("alo: " + f.name() + ": failed: " + f.message());
        }
      }
    }
    int failedPlots = 0;
    if (!ok.isEmpty()) {
      write(outcomes, ok, h);
      if (plot.isPresent()) {
        failedPlots = plot(outcomes, plot.get(), err);
      }
    }
    err.println(summary(outcomes.size(), ok, failed, (System.nanoTime() - started) / 1e9));
    err.flush();
    if (failed.isEmpty() && failedPlots == 0) {
      return 0;
    }
    return ok.isEmpty() ? CommandLine.ExitCode.SOFTWARE : Main.EXIT_PARTIAL;
  }

  /** Draws the plot of every forecast series; returns how many could not be written. */
  private int plot(List<ForecastBatch.Outcome> outcomes, Path plot, PrintWriter err) {
    List<Path> files =
        ForecastPlot.files(plot, outcomes.stream().map(ForecastBatch.Outcome::name).toList());
    int failed = 0;
    for (int i = 0; i < outcomes.size(); i++) {
      if (outcomes.get(i) instanceof ForecastBatch.Success s) {
        try {
          ForecastPlot.write(files.get(i), s, components);
        } catch (IOException | RuntimeException e) {
          failed++;
          err.println(
              "alo: "
                  + s.name()
                  + ": the forecast is written but its plot "
                  + files.get(i)
                  + " is not: "
                  + (e instanceof IOException io ? OutputFiles.reason(io) : e.toString()));
        }
      }
    }
    return failed;
  }

  private void write(
      List<ForecastBatch.Outcome> outcomes, List<ForecastBatch.Success> ok, Horizon h)
      throws IOException {
    if (output.equals("-")) {
      PrintWriter out = spec.commandLine().getOut();
      emit(outcomes, ok, h, out);
      out.flush();
    } else {
      try (Writer w =
          new BufferedWriter(Files.newBufferedWriter(Path.of(output), UTF_8), 1 << 16)) {
        emit(outcomes, ok, h, w);
      }
    }
  }

  private void emit(
      List<ForecastBatch.Outcome> outcomes, List<ForecastBatch.Success> ok, Horizon h, Writer w)
      throws IOException {
    if (json) {
      ForecastOutput.json(outcomes, h.toString(), level / 100, components, w);
    } else {
      ForecastOutput.csv(ok, components, w);
    }
  }

  static String summary(
      int series,
      List<ForecastBatch.Success> ok,
      List<ForecastBatch.Failure> failed,
      double seconds) {
    Map<String, Integer> models = new TreeMap<>();
    for (ForecastBatch.Success s : ok) {
      models.merge(family(s.forecast().model()), 1, Integer::sum);
    }
    return String.format(
        Locale.ROOT,
        "alo: forecast: %d series, %d written%s, %d failed%s in %.1f s",
        series,
        ok.size(),
        models.isEmpty()
            ? ""
            : models.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", ", " (", ")")),
        failed.size(),
        failed.isEmpty()
            ? ""
            : failed.stream()
                .limit(5)
                .map(ForecastBatch.Failure::name)
                .collect(Collectors.joining(", ", " (", failed.size() > 5 ? ", ...)" : ")")),
        seconds);
  }

  /** The model family of a forecast's model description: {@code ets(A,Ad,N)} gives {@code ets}. */
  static String family(String model) {
    int cut = model.length();
    for (char c : new char[] {'(', '[', ' '}) {
      int i = model.indexOf(c);
      if (i > 0) {
        cut = Math.min(cut, i);
      }
    }
    return model.substring(0, cut);
  }

  private Forecaster forecaster(PrintWriter err) throws IOException {
    ForecastModel m;
    try {
      m = ForecastModel.parse(model);
    } catch (InputException e) {
      throw new UsageException("--model: " + e.getMessage());
    }
    if (m != ForecastModel.PROPHET) {
      List<String> given =
          PROPHET_FLAGS.stream()
              .filter(spec.commandLine().getParseResult()::hasMatchedOption)
              .toList();
      if (!given.isEmpty()) {
        err.println(
            "alo: note: "
                + String.join(", ", given)
                + " apply to --model prophet only; model "
                + m
                + " ignores them");
      }
      return m.create();
    }
    return ProphetForecaster.of(prophetOptions());
  }

  /** The cap and floor each series must clear, with {@code --model prophet --growth logistic}. */
  private Optional<LogisticBounds> logisticBounds() {
    boolean logistic =
        model.strip().equalsIgnoreCase("prophet") && growth.strip().equalsIgnoreCase("logistic");
    return logistic && cap.isPresent()
        ? Optional.of(new LogisticBounds(cap.get(), floor.orElse(0.0), floor.isPresent()))
        : Optional.empty();
  }

  ProphetOptions prophetOptions() throws IOException {
    Growth g = choice("--growth", growth, Growth.class);
    SeasonalityMode mode = choice("--seasonality-mode", seasonalityMode, SeasonalityMode.class);
    if (g != Growth.LOGISTIC && (cap.isPresent() || floor.isPresent())) {
      throw new UsageException("--cap and --floor need --growth logistic");
    }
    if (g == Growth.LOGISTIC && cap.isEmpty()) {
      throw new UsageException("--growth logistic needs --cap X (the capacity)");
    }
    ProphetOptions.Builder b =
        ProphetOptions.builder()
            .growth(g)
            .seasonalityMode(mode)
            .changepointPriorScale(changepointPrior)
            .seasonalityPriorScale(seasonalityPrior);
    cap.ifPresent(b::cap);
    floor.ifPresent(b::floor);
    if (holidays.isPresent()) {
      Path file = holidays.get();
      if (!Files.isRegularFile(file)) {
        throw new InputException("--holidays: no such file: " + file);
      }
      b.holidays(HolidayTable.parse(file.toString(), Files.readAllLines(file, UTF_8)));
    }
    try {
      return b.build();
    } catch (InputException e) {
      throw new UsageException("prophet options: " + e.getMessage());
    }
  }

  private static <E extends Enum<E>> E choice(String flag, String value, Class<E> type) {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.strip())) {
        return e;
      }
    }
    throw new UsageException(
        flag
            + " '"
            + value
            + "' is not accepted (expected one of: "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ")");
  }
}
