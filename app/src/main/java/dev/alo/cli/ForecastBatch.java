package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.csv.CsvData;
import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.ProphetForecaster;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.Cleaning;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.series.TimestampFormat;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

/**
 * Reads, prepares and forecasts many series on a fixed pool of threads; the outcomes come back in
 * input order (files in order, a file's value columns in order), so the output never depends on the
 * number of threads. Series forecast at once share the memory Java may use: each holds its
 * estimated need ({@link ForecastMemory}) while it runs, so long horizons run fewer at a time, and
 * a series whose need alone is too large fails without being tried.
 */
final class ForecastBatch {
  /** What became of one series. */
  sealed interface Outcome permits Success, Failure {
    String name();

    /** Notes about the series (what reading or preparing changed, the model's choices). */
    List<String> notes();

    /** The same outcome under another name. */
    Outcome named(String name);
  }

  /** A forecast series with its prepared history. */
  record Success(
      String name, SeriesPreparation.Prepared prepared, Forecast forecast, List<String> notes)
      implements Outcome {
    @Override
    public Success named(String other) {
      return new Success(other, prepared, forecast, notes);
    }

    RegularSeries history() {
      return prepared.history();
    }

    TimestampFormat format() {
      return prepared.format();
    }

    /** The real times of the forecast steps (calendar months for a monthly series). */
    long[] futureTimes() {
      return prepared.futureTimes(forecast.horizon());
    }
  }

  /** A series (or a whole file) that could not be forecast, and why. */
  record Failure(String name, String message, List<String> notes) implements Outcome, Item {
    @Override
    public Failure named(String other) {
      return new Failure(other, message, notes);
    }
  }

  /** A series ready to forecast, or a failure found while reading or preparing. */
  sealed interface Item permits Ready, Failure {}

  private record Ready(String name, SeriesPreparation.Prepared prepared, List<String> notes)
      implements Item {}

  private final InputOptions options;
  private final Cleaning recipe;
  private final Forecaster forecaster;
  private final Optional<LogisticBounds> bounds;
  private final Horizon horizon;
  private final double level;
  private final int threads;
  private final ForecastMemory memory;
  private final int budgetMb;
  private final Semaphore budget;

  ForecastBatch(
      InputOptions options,
      Cleaning recipe,
      Forecaster forecaster,
      Optional<LogisticBounds> bounds,
      Horizon horizon,
      double level,
      int threads,
      ForecastMemory memory) {
    this.options = options;
    this.recipe = recipe;
    this.forecaster = forecaster;
    this.bounds = bounds;
    this.horizon = horizon;
    this.level = level;
    this.threads = threads;
    this.memory = memory;
    this.budgetMb = (int) Math.max(1, Memory.usable() >> 20);
    this.budget = new Semaphore(budgetMb);
  }

  /**
   * Forecasts every series of the files.
   *
   * @param progress called on the calling thread with the series done so far and their total
   * @return one outcome per series, in input order
   */
  List<Outcome> run(List<InputFiles.Input> files, BiConsumer<Integer, Integer> progress) {
    ExecutorService pool = Executors.newFixedThreadPool(threads, ForecastBatch::daemon);
    try {
      List<Future<List<Item>>> loads = new ArrayList<>();
      for (InputFiles.Input f : files) {
        loads.add(pool.submit(() -> load(f)));
      }
      List<Future<Outcome>> outcomes = new ArrayList<>();
      for (Future<List<Item>> load : loads) {
        for (Item item : await(load)) {
          outcomes.add(
              switch (item) {
                case Failure failure ->
                    java.util.concurrent.CompletableFuture.completedFuture((Outcome) failure);
                case Ready ready -> pool.submit(() -> forecast(ready));
              });
        }
      }
      List<Outcome> out = new ArrayList<>(outcomes.size());
      Set<String> names = new HashSet<>();
      for (Future<Outcome> f : outcomes) {
        Outcome o = await(f);
        out.add(names.add(o.name()) ? o : o.named(unused(o.name(), names)));
        progress.accept(out.size(), outcomes.size());
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * {@code NAME#2} (or #3...) for a series whose name is taken, which file names alone cannot
   * prevent: a file {@code a:b.csv} beside the column b of {@code a.csv}.
   */
  static String unused(String name, Set<String> taken) {
    for (int k = 2; ; k++) {
      if (taken.add(name + "#" + k)) {
        return name + "#" + k;
      }
    }
  }

  /** Pool threads never keep the JVM alive. */
  private static Thread daemon(Runnable r) {
    Thread t = new Thread(r, "alo-forecast");
    t.setDaemon(true);
    return t;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while forecasting", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new IllegalStateException(cause);
    }
  }

  private List<Item> load(InputFiles.Input input) {
    Path file = input.file();
    String base = input.name();
    CsvData data;
    try {
      data = options.load(file);
    } catch (InputException e) {
      return List.of(new Failure(base, String.valueOf(e.getMessage()), List.of()));
    } catch (UncheckedIOException e) {
      return List.of(new Failure(base, "cannot read " + file + ": " + e.getCause(), List.of()));
    }
    List<String> fileNotes = new ArrayList<>();
    String prefix = data.report().source() + ": ";
    for (String n : options.notes(data)) {
      if (!n.contains("gaps kept as gaps")) { // this command fills them, and says so per series
        fileNotes.add(n.startsWith(prefix) ? n.substring(prefix.length()) : n);
      }
    }
    List<TimeSeries> columns = data.series();
    List<Item> items = new ArrayList<>();
    for (TimeSeries column : columns) {
      String name = InputFiles.seriesName(base, columns.size(), column.name());
      List<String> notes = items.isEmpty() ? fileNotes : List.of();
      try {
        items.add(new Ready(name, SeriesPreparation.prepare(column, recipe), notes));
      } catch (InputException e) {
        items.add(new Failure(name, String.valueOf(e.getMessage()), notes));
      }
    }
    return items;
  }

  private Outcome forecast(Ready r) {
    List<String> notes = new ArrayList<>(r.notes());
    SeriesPreparation.Prepared p = r.prepared();
    if (!p.notes().isEmpty()) {
      notes.add(String.join("; ", p.notes()));
    }
    int steps;
    try {
      steps = horizon.stepsFor(p.history().stepMillis(), notes);
    } catch (InputException e) {
      return new Failure(r.name(), String.valueOf(e.getMessage()), notes);
    }
    long need = memory.bytes(steps);
    if (need > Memory.usable()) {
      String work =
          "--horizon " + horizon + " (" + steps + " steps here) with --model " + memory.model();
      String instead =
          "forecast fewer steps (at most about " + memory.maxSteps(Memory.usable()) + " here)";
      return new Failure(r.name(), Memory.shortfall("forecast", work, need, instead), notes);
    }
    int permits = (int) Math.min(budgetMb, Math.max(1, need >> 20));
    budget.acquireUninterruptibly(permits);
    try {
      Forecast f;
      if (forecaster instanceof ProphetForecaster prophet) {
        // Prophet leaves unobserved steps out of its fit, as R's prophet does with missing rows
        double[] observed = p.observed().values();
        if (bounds.isPresent()) {
          bounds.get().check(observed);
        }
        if (Arrays.stream(observed).anyMatch(Double::isNaN)) {
          notes.add("prophet fits the observed values only, not the filled ones");
        }
        f = prophet.forecastObserved(p.history(), observed, steps, level);
      } else {
        f = forecaster.forecast(p.history(), steps, level);
      }
      notes.addAll(f.notes());
      return new Success(r.name(), p, f, notes);
    } catch (InputException e) {
      return new Failure(r.name(), String.valueOf(e.getMessage()), notes);
    } catch (RuntimeException e) {
      return new Failure(r.name(), "internal error: " + e, notes);
    } finally {
      budget.release(permits);
    }
  }
}
