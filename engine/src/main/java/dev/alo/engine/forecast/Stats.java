package dev.alo.engine.forecast;

import java.util.Arrays;
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

  /** The type-7 (R default) sample quantile of p in [0, 1]; sorts a copy. */
  static double quantile(double[] x, double p) {
    double[] s = x.clone();
    Arrays.sort(s);
    return quantileSorted(s, p);
  }

  static double quantileSorted(double[] s, double p) {
    double h = (s.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  static double median(double[] x) {
    return quantile(x, 0.5);
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
