package dev.alo.engine.forecast;

import dev.alo.engine.InputException;

/**
 * Forecast accuracy metrics of actuals {@code a} against forecasts {@code f} (same length, at least
 * one value). Percentage metrics are in percent (0–100 for MAPE, 0–200 for sMAPE).
 */
public final class Metrics {
  private Metrics() {}

  /** Mean absolute error. */
  public static double mae(double[] a, double[] f) {
    check(a, f);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += Math.abs(a[i] - f[i]);
    }
    return s / a.length;
  }

  /** Mean squared error. */
  public static double mse(double[] a, double[] f) {
    check(a, f);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - f[i];
      s += d * d;
    }
    return s / a.length;
  }

  /** Root mean squared error. */
  public static double rmse(double[] a, double[] f) {
    return Math.sqrt(mse(a, f));
  }

  /** Mean absolute percentage error, 100·|a − f| / |a|; infinite when an actual is 0. */
  public static double mape(double[] a, double[] f) {
    check(a, f);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += 100 * Math.abs(a[i] - f[i]) / Math.abs(a[i]);
    }
    return s / a.length;
  }

  /** Symmetric MAPE, 200·|a − f| / (|a| + |f|); a pair of zeros counts 0. */
  public static double smape(double[] a, double[] f) {
    check(a, f);
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      double den = Math.abs(a[i]) + Math.abs(f[i]);
      s += den == 0 ? 0 : Math.min(200, 200 * Math.abs(a[i] - f[i]) / den); // no rounding past 200
    }
    return s / a.length;
  }

  /**
   * Mean absolute scaled error: MAE divided by the in-sample MAE of the seasonal naive forecast
   * with period {@code m} on {@code train} (mean of |y_t − y_{t−m}|).
   *
   * @throws InputException when the training part has no more than {@code m} values
   */
  public static double mase(double[] a, double[] f, double[] train, int m) {
    return mae(a, f) / maseScale(train, m);
  }

  /** The MASE denominator: mean over t ≥ m of |y_t − y_{t−m}|. */
  public static double maseScale(double[] train, int m) {
    if (m < 1 || train.length <= m) {
      throw new InputException(
          "MASE needs more than m = " + m + " training values (got " + train.length + ")");
    }
    double s = 0;
    for (int t = m; t < train.length; t++) {
      s += Math.abs(train[t] - train[t - m]);
    }
    return s / (train.length - m);
  }

  /** The share of actuals inside [lower, upper], bounds included. */
  public static double coverage(double[] a, double[] lower, double[] upper) {
    check(a, lower);
    check(a, upper);
    int in = 0;
    for (int i = 0; i < a.length; i++) {
      if (a[i] >= lower[i] && a[i] <= upper[i]) {
        in++;
      }
    }
    return (double) in / a.length;
  }

  private static void check(double[] a, double[] f) {
    if (a.length == 0 || a.length != f.length) {
      throw new InputException(
          "metrics need equal, non-empty lengths (got " + a.length + " and " + f.length + ")");
    }
  }
}
