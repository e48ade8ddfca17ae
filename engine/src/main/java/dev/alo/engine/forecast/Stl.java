package dev.alo.engine.forecast;

/**
 * Seasonal-trend decomposition by LOESS (Cleveland et al. 1990), non-robust, with R's {@code stl}
 * defaults: seasonal degree 0, trend and low-pass degree 1, trend window the next odd integer of
 * 1.5·period / (1 − 1.5 / seasonal window), low-pass window the next odd integer of the period,
 * jumps of a tenth of each window, two inner passes.
 */
final class Stl {
  private Stl() {}

  /** Seasonal and trend parts of y (remainder = y − seasonal − trend). */
  static final class Result {
    final double[] seasonal;
    final double[] trend;

    Result(double[] seasonal, double[] trend) {
      this.seasonal = seasonal;
      this.trend = trend;
    }
  }

  static Result decompose(double[] y, int period, int seasonalWindow) {
    int n = y.length;
    int ns = nextOdd(seasonalWindow);
    int nt = nextOdd((int) Math.ceil(1.5 * period / (1 - 1.5 / ns)));
    int nl = nextOdd(period);
    int sj = (int) Math.ceil(ns / 10.0);
    int tj = (int) Math.ceil(nt / 10.0);
    int lj = (int) Math.ceil(nl / 10.0);
    double[] trend = new double[n];
    double[] seasonal = new double[n];
    double[] work = new double[n];
    double[] c = new double[n + 2 * period];
    double[] lowpass = new double[n];
    for (int pass = 0; pass < 2; pass++) {
      for (int i = 0; i < n; i++) {
        work[i] = y[i] - trend[i];
      }
      cycleSubseries(work, n, period, ns, sj, c);
      lowPass(c, n, period, nl, lj, lowpass);
      for (int i = 0; i < n; i++) {
        seasonal[i] = c[period + i] - lowpass[i];
        work[i] = y[i] - seasonal[i];
      }
      Loess.smooth(work, 0, 1, n, nt, 1, tj, trend, 0, 1);
    }
    return new Result(seasonal, trend);
  }

  /** Smooths each cycle-subseries and extends it one cycle on both sides into c (n + 2·period). */
  private static void cycleSubseries(double[] w, int n, int period, int ns, int jump, double[] c) {
    double[] ext = new double[n / period + 3];
    for (int k = 0; k < period; k++) {
      int nk = (n - k + period - 1) / period;
      if (nk == 0) {
        continue;
      }
      Loess.smooth(w, k, period, nk, ns, 0, jump, ext, 1, 1);
      double left = Loess.fitAt(w, k, period, nk, ns, 0, -1);
      double right = Loess.fitAt(w, k, period, nk, ns, 0, nk);
      ext[0] = Double.isNaN(left) ? ext[1] : left;
      ext[nk + 1] = Double.isNaN(right) ? ext[nk] : right;
      for (int i = 0; i <= nk + 1; i++) {
        int pos = i * period + k;
        if (pos < c.length) {
          c[pos] = ext[i];
        }
      }
    }
  }

  /** Moving averages of length period, period and 3, then a LOESS: the low-frequency part of c. */
  private static void lowPass(double[] c, int n, int period, int nl, int jump, double[] out) {
    double[] a = movingAverage(c, n + 2 * period, period);
    double[] b = movingAverage(a, a.length, period);
    double[] d = movingAverage(b, b.length, 3);
    Loess.smooth(d, 0, 1, n, nl, 1, jump, out, 0, 1);
  }

  private static double[] movingAverage(double[] x, int len, int w) {
    double[] out = new double[len - w + 1];
    double s = 0;
    for (int i = 0; i < w; i++) {
      s += x[i];
    }
    out[0] = s / w;
    for (int i = 1; i < out.length; i++) {
      s += x[i + w - 1] - x[i - 1];
      out[i] = s / w;
    }
    return out;
  }

  static int nextOdd(int x) {
    return x % 2 == 0 ? x + 1 : x;
  }
}
