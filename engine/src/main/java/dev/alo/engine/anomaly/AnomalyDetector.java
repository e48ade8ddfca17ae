package dev.alo.engine.anomaly;

import dev.alo.engine.series.TimeSeries;

/** Finds anomalous points in a time series. Implementations are deterministic and thread-safe. */
public interface AnomalyDetector {

  /**
   * Runs the detector. NaN values are gaps: never flagged, and skipped by the model.
   *
   * @throws dev.alo.engine.InputException when the series has fewer than {@link #MIN_POINTS}
   *     observed values
   */
  Detection detect(TimeSeries series);

  /** A short name for tables: {@code forecast}, {@code iforest}, {@code sigma3}. */
  String name();

  /** The fewest observed (non-NaN) values any detector accepts. */
  int MIN_POINTS = 10;

  /**
   * Points outside the two-sided {@code level}% interval of a rolling one-step-ahead forecast made
   * by a robust online seasonal model, plus a CUSUM drift test on its residuals, with the default
   * settings ({@link ForecastDetectorOptions#atLevel}); see {@link ForecastIntervalDetector}.
   *
   * @param level interval level in percent, in (50, 100)
   */
  static AnomalyDetector forecastInterval(double level) {
    return forecastInterval(ForecastDetectorOptions.atLevel(level));
  }

  /**
   * The forecast-interval detector with every setting given: the band test, the rule for isolated
   * points and the CUSUM drift test; see {@link ForecastIntervalDetector}.
   */
  static AnomalyDetector forecastInterval(ForecastDetectorOptions options) {
    return new ForecastIntervalDetector(options);
  }

  /**
   * An isolation forest over per-point features (value, first difference, deviation from a trailing
   * median, hour of day) flagging the {@code 100 - level}% highest-scoring points.
   *
   * @param level percent of points considered normal, in (50, 100)
   * @param seed seed of the forest's randomness
   */
  static AnomalyDetector isolationForest(double level, long seed) {
    return new IsolationForestDetector(level, seed);
  }

  /**
   * The baseline: points farther than {@code k} standard deviations from the mean of the trailing
   * {@code window} observed values.
   */
  static AnomalyDetector rollingSigma(int window, double k) {
    return new RollingSigmaDetector(window, k);
  }
}
