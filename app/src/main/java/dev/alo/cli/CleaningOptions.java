package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.csv.CsvWriter;
import dev.alo.engine.series.Aggregation;
import dev.alo.engine.series.Cleaning;
import dev.alo.engine.series.GapFill;
import dev.alo.engine.time.Durations;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The preprocessing flags ({@code --resample}, {@code --agg}, {@code --fill}, {@code --clip-iqr})
 * shared by {@code clean} and {@code forecast}. Use as a picocli {@code @Mixin}; each command names
 * its defaults, one {@link Cleaning}, both as its {@code defaultValueProvider} (which the usage
 * line and the descriptions show) and to {@link #toCleaning(Cleaning)}.
 */
public final class CleaningOptions {
  /** The defaults of {@code clean}: resample to 1h by mean, forward fill, clip beyond 1.5 IQR. */
  public static final Cleaning CLEAN_DEFAULTS =
      Cleaning.none()
          .withResample(java.time.Duration.ofHours(1))
          .withAggregation(Aggregation.MEAN)
          .withFill(GapFill.FFILL)
          .withClipIqr(1.5);

  @Option(
      names = "--resample",
      paramLabel = "INTERVAL",
      description =
          "Resample to a fixed interval (500ms, 30s, 5m, 1h, 2d) or 'none'; buckets start on"
              + " multiples of the interval since the epoch, empty buckets are gaps (default:"
              + " ${DEFAULT-VALUE}).")
  String resample = "";

  @Option(
      names = "--agg",
      paramLabel = "mean|sum|max|min|last",
      description = "How a resampling bucket's values combine (default: ${DEFAULT-VALUE}).")
  String agg = "";

  @Option(
      names = "--fill",
      paramLabel = "none|ffill|linear",
      description =
          "Gap filling: none, ffill (forward fill; leading gaps take the first value) or linear"
              + " (default: ${DEFAULT-VALUE}).")
  String fill = "";

  @Option(
      names = "--clip-iqr",
      paramLabel = "K",
      description =
          "Clip values beyond K times the interquartile range outside the quartiles, or 'none'"
              + " (default: ${DEFAULT-VALUE}).")
  String clipIqr = "";

  /**
   * The recipe the flags describe; flags not given keep the value of {@code defaults}.
   *
   * @throws UsageException (exit code 2) naming a flag whose value is not accepted
   */
  public Cleaning toCleaning(Cleaning defaults) {
    try {
      return parse(defaults);
    } catch (InputException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private Cleaning parse(Cleaning defaults) {
    Cleaning c = defaults;
    if (!resample.isBlank()) {
      c =
          isNone(resample)
              ? c.withoutResample()
              : c.withResample(positive(Durations.parse(resample), "--resample"));
    }
    if (!agg.isBlank()) {
      c = c.withAggregation(Aggregation.parse(agg));
    }
    if (!fill.isBlank()) {
      c = c.withFill(GapFill.parse(fill));
    }
    if (!clipIqr.isBlank()) {
      c = isNone(clipIqr) ? c.withoutClip() : c.withClipIqr(factor(clipIqr));
    }
    return c;
  }

  private static boolean isNone(String s) {
    return s.strip().toLowerCase(Locale.ROOT).equals("none");
  }

  private static java.time.Duration positive(java.time.Duration d, String flag) {
    if (d.isZero()) {
      throw new InputException(flag + " 0 is not an interval (expected at least 1ms, or none)");
    }
    return d;
  }

  private static double factor(String text) {
    double k;
    try {
      k = Double.parseDouble(text.strip());
    } catch (NumberFormatException e) {
      k = Double.NaN;
    }
    if (!(k >= 0) || Double.isInfinite(k) || text.strip().matches(".*[a-zA-Z].*")) {
      throw new InputException(
          "--clip-iqr '"
              + text
              + "' is not a factor (expected a number >= 0 such as 1.5, or none)");
    }
    return k;
  }

  /**
   * The value each flag takes by default under {@code defaults}, as written on the command line.
   */
  static @Nullable String defaultOf(Cleaning defaults, String option) {
    return switch (option) {
      case "--resample" -> defaults.resample().map(Durations::format).orElse("none");
      case "--agg" -> defaults.aggregation().cliName();
      case "--fill" -> defaults.fill().cliName();
      case "--clip-iqr" ->
          defaults.clipIqr().isPresent()
              ? CsvWriter.formatNumber(defaults.clipIqr().getAsDouble())
              : "none";
      default -> null;
    };
  }

  /** {@code clean}'s defaults, {@link #CLEAN_DEFAULTS}, for its usage line and descriptions. */
  static final class CleanDefaults implements CommandLine.IDefaultValueProvider {
    @Override
    public @Nullable String defaultValue(CommandLine.Model.ArgSpec arg) {
      return arg instanceof CommandLine.Model.OptionSpec o
          ? defaultOf(CLEAN_DEFAULTS, o.longestName())
          : null;
    }
  }

  /** {@code forecast}'s defaults, {@link ForecastCommand#FORECAST_DEFAULTS}. */
  static final class ForecastDefaults implements CommandLine.IDefaultValueProvider {
    @Override
    public @Nullable String defaultValue(CommandLine.Model.ArgSpec arg) {
      return arg instanceof CommandLine.Model.OptionSpec o
          ? defaultOf(ForecastCommand.FORECAST_DEFAULTS, o.longestName())
          : null;
    }
  }
}
