package dev.alo.engine.forecast.prophet;

/** Prophet's trend functions on scaled time, as in its predict code (changepoint when t >= c). */
final class PiecewiseTrend {
  private PiecewiseTrend() {}

  /** Piecewise linear: slope k + sum of deltas passed, continuous at each changepoint. */
  static double linear(double t, double k, double m, double[] deltas, double[] changepoints) {
    double rate = k;
    double offset = m;
    for (int s = 0; s < changepoints.length; s++) {
      if (t >= changepoints[s]) {
        rate += deltas[s];
        offset -= changepoints[s] * deltas[s];
      }
    }
    return rate * t + offset;
  }

  /** The offset adjustments that keep the piecewise logistic curve continuous. */
  static double[] logisticGammas(double k, double m, double[] deltas, double[] changepoints) {
    double[] gammas = new double[changepoints.length];
    double rate = k;
    double offset = m;
    for (int s = 0; s < changepoints.length; s++) {
      double next = rate + deltas[s];
      gammas[s] = (changepoints[s] - offset) * (1 - rate / next);
      offset += gammas[s];
      rate = next;
    }
    return gammas;
  }

  /** Piecewise logistic with capacity {@code cap} (scaled). */
  static double logistic(
      double t,
      double cap,
      double k,
      double m,
      double[] deltas,
      double[] changepoints,
      double[] gammas) {
    double rate = k;
    double offset = m;
    for (int s = 0; s < changepoints.length; s++) {
      if (t >= changepoints[s]) {
        rate += deltas[s];
        offset += gammas[s];
      }
    }
    return cap / (1 + Math.exp(-rate * (t - offset)));
  }
}
