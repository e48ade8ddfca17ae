package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import java.util.List;

/**
 * Forecasts the steps after a regular history. Implementations are deterministic (the same history,
 * horizon and level always give the same forecast) and safe to share between threads.
 *
 * <p>Every forecaster accepts any history of at least 2 finite values: a constant history gets a
 * flat forecast with a zero-width interval, and a history too short for a model's seasonality gets
 * a simpler model, said in {@link Forecast#notes()}. Seasonal periods follow from the step (hourly:
 * 24 and 168; 5-minute: 288 and 2016; daily: 7 and 365.25).
 */
public interface Forecaster {
  /** The names {@link #byName(String)} knows, the default first (see {@link ForecastModel}). */
  List<String> NAMES = ForecastModel.names();

  /** The model's name as given to {@link #byName(String)}. */
  String name();

  /**
   * Forecasts {@code horizon} steps after {@code history} with intervals at {@code level}.
   *
   * @param level the interval's nominal coverage in (0, 1), for example 0.8
   * @throws InputException when the history has fewer than 2 values, the horizon is below 1 or the
   *     level is outside (0, 1)
   */
  Forecast forecast(RegularSeries history, int horizon, double level);

  /** Seasonal naive on the shortest seasonal period. */
  static Forecaster seasonalNaive() {
    return new CheckedForecaster(new SeasonalNaive());
  }

  /** Exponential smoothing (ETS state-space family), the model chosen by AICc. */
  static Forecaster ets() {
    return new CheckedForecaster(new Ets());
  }

  /** Seasonal ARIMA with automatic order selection (Hyndman–Khandakar stepwise search). */
  static Forecaster arima() {
    return new CheckedForecaster(new Arima());
  }

  /** Multiple seasonal STL decomposition; the adjusted series forecast by non-seasonal ETS. */
  static Forecaster mstl() {
    return new CheckedForecaster(new Mstl());
  }

  /** The standard theta method on the seasonally adjusted series. */
  static Forecaster theta() {
    return new CheckedForecaster(new Theta());
  }

  /**
   * The default: seasonal naive, ETS, MSTL, theta, ARIMA and their median and mean, the best chosen
   * per series by rolling-origin validation inside the history (MASE) whose windows meet every
   * phase of the longest seasonal cycle the history covers (a week of hourly data); intervals
   * calibrated on the validation errors.
   */
  static Forecaster auto() {
    return new CheckedForecaster(new Auto());
  }

  /**
   * The forecaster of a name in {@link #NAMES} (case-insensitive), as {@link
   * ForecastModel#parse(String)}.
   *
   * @throws InputException for an unknown name; the message lists the valid names
   */
  static Forecaster byName(String name) {
    return ForecastModel.parse(name).create();
  }

  /** The names {@link #byName(String)} resolves in this build. */
  static String available() {
    return ForecastModel.describeAll();
  }
}
