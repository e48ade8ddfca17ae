package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The forecasting models by name, the default first: the one list the CLI and {@link
 * Forecaster#byName(String)} share. {@link #parse(String)} turns a user's name into a value, {@link
 * #create()} builds the forecaster with its default options.
 */
public enum ForecastModel {
  AUTO("auto"),
  PROPHET("prophet"),
  ETS("ets"),
  ARIMA("arima"),
  MSTL("mstl"),
  SNAIVE("snaive"),
  THETA("theta");

  private final String name;

  ForecastModel(String name) {
    this.name = name;
  }

  /** The name the CLI and the forecasts' notes use, e.g. {@code snaive}. */
  public String canonicalName() {
    return name;
  }

  /** Every name, the default first. */
  public static List<String> names() {
    return Arrays.stream(values()).map(ForecastModel::canonicalName).toList();
  }

  /** The model of a name (case-insensitive, surrounding blanks ignored). */
  public static Optional<ForecastModel> find(String name) {
    String key = name.strip().toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(m -> m.name.equals(key)).findFirst();
  }

  /**
   * The model of a name, as {@link #find(String)}.
   *
   * @throws InputException for an unknown name; the message names it and lists the valid names
   */
  public static ForecastModel parse(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new InputException(
                    "unknown or unavailable model '"
                        + name
                        + "' (expected one of: "
                        + describeAll()
                        + ")"));
  }

  /** "auto, prophet, ets, ...", for error messages and usage. */
  public static String describeAll() {
    return Arrays.stream(values()).map(m -> m.name).collect(Collectors.joining(", "));
  }

  /** A new forecaster of this model with its default options. */
  public Forecaster create() {
    return switch (this) {
      case AUTO -> Forecaster.auto();
      case PROPHET -> ProphetForecaster.withDefaults();
      case ETS -> Forecaster.ets();
      case ARIMA -> Forecaster.arima();
      case MSTL -> Forecaster.mstl();
      case SNAIVE -> Forecaster.seasonalNaive();
      case THETA -> Forecaster.theta();
    };
  }

  /** The canonical name. */
  @Override
  public String toString() {
    return name;
  }
}
