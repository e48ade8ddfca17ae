package dev.alo.engine.forecast;

import dev.alo.engine.stats.Quantiles;
import org.hipparchus.special.Erf;

/** Small numeric helpers shared by the models. */
final class Stats {
  private Stats() {}

  /** The standard normal quantile of probability p in (0, 1). */
  static double normalQuantile(double p) {
    return Math.sqrt(2) * Erf.erfInv(2 * p - 1);
  }

  static double mean(double[] x) {
    return mean(x, 0, x.length);
  }

  static double mean(double[] x, int from, int to) {
    double s = 0;
    for (int i = from; i < to; i++) {
      s += x[i];
    }
    return s / (to - from);
  }

  /** The sample median (type-7 quantile at 0.5). */
  static double median(double[] x) {
    return Quantiles.of(x, 0.5);
  }

  /** The smallest value. */
  static double min(double[] y) {
    double m = Double.POSITIVE_INFINITY;
    for (double v : y) {
      m = Math.min(m, v);
    }
    return m;
  }

  static boolean isConstant(double[] y) {
    for (double v : y) {
      if (v != y[0]) {
        return false;
      }
    }
    return true;
  }

  static boolean allPositive(double[] y) {
    for (double v : y) {
      if (!(v > 0)) {
        return false;
      }
    }
    return true;
  }
}
