package dev.alo.engine.forecast;

/** A forecasting model on plain arrays: the inside of a {@link Forecaster}. */
interface Model {
  /** The short name, for example {@code ets}. */
  String name();

  /**
   * Forecasts {@code horizon} steps after {@code y} (finite, at least 2 values, not constant) with
   * intervals at {@code level}; {@code periods} are the candidate seasonal periods, ascending.
   */
  Prediction predict(double[] y, int horizon, double level, double[] periods);
}
