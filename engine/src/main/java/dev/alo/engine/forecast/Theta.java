package dev.alo.engine.forecast;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The standard theta method (Assimakopoulos and Nikolopoulos; in Hyndman and Billah's form, as R's
 * {@code thetaf}): when a 90% autocorrelation test finds seasonality at the shortest period, the
 * series is adjusted by a classical decomposition (multiplicative for positive data, additive
 * otherwise); the adjusted series is forecast by simple exponential smoothing plus half the slope
 * of its linear trend, then re-seasonalised. Intervals are those of the exponential smoothing.
 */
final class Theta implements Model {
  @Override
  public String name() {
    return "theta";
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    int n = y.length;
    List<String> notes = new ArrayList<>();
    int m = periods.length == 0 ? 1 : (int) Math.round(periods[0]);
    if (m > 1 && n < 2 * m) {
      notes.add("theta: series too short for seasonal period " + m + ": no seasonal adjustment");
      m = 1;
    }
    boolean mult = Stats.allPositive(y);
    double @Nullable [] idx = null;
    if (m > 1 && isSeasonal(y, m)) {
      idx = Ets.seasonalIndices(y, y.length, m, mult);
    }
    double[] adj = y.clone();
    if (idx != null) {
      for (int t = 0; t < n; t++) {
        adj[t] = mult ? y[t] / idx[t % m] : y[t] - idx[t % m];
      }
    }
    Ets.Fit ses = Ets.fit(adj, new Ets.Spec(false, 0, 0, 1));
    Prediction base = ses.forecast(horizon, level);
    double slope = slope(adj) / 2;
    double alpha = Math.max(1e-10, ses.alpha);
    double shift = (1 - Math.pow(1 - alpha, n)) / alpha;
    double[] mean = new double[horizon];
    double[] lo = new double[horizon];
    double[] hi = new double[horizon];
    double[] seas = new double[horizon];
    double[] trend = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      double d = slope * (h + shift);
      trend[h] = base.mean[h] + d;
      double s = idx == null ? (mult ? 1 : 0) : idx[(n + h) % m];
      seas[h] = s;
      if (idx != null && mult) {
        mean[h] = trend[h] * s;
        lo[h] = (base.lower[h] + d) * s;
        hi[h] = (base.upper[h] + d) * s;
      } else {
        double a = idx == null ? 0 : s;
        mean[h] = trend[h] + a;
        lo[h] = base.lower[h] + d + a;
        hi[h] = base.upper[h] + d + a;
      }
    }
    Prediction p = new Prediction(idx == null ? "theta" : "theta(" + m + ")", mean, lo, hi);
    p.components.put("trend", trend);
    if (idx != null) {
      p.components.put("seasonal" + m, seas);
    }
    p.notes.addAll(notes);
    return p;
  }

  /** R's thetaf test: |r_m| beyond 1.645 of its standard error under the null. */
  static boolean isSeasonal(double[] y, int m) {
    int n = y.length;
    if (n < 3 * m) {
      return false;
    }
    double[] r = acf(y, m);
    double s = 0;
    for (int k = 1; k < m; k++) {
      s += r[k] * r[k];
    }
    double stat = Math.abs(r[m]) / Math.sqrt((1 + 2 * s) / n);
    return stat > 1.6448536269514722;
  }

  static double[] acf(double[] y, int maxLag) {
    int n = y.length;
    double mu = Stats.mean(y);
    double c0 = 0;
    for (double v : y) {
      c0 += (v - mu) * (v - mu);
    }
    double[] r = new double[maxLag + 1];
    r[0] = 1;
    for (int k = 1; k <= maxLag; k++) {
      double c = 0;
      for (int t = k; t < n; t++) {
        c += (y[t] - mu) * (y[t - k] - mu);
      }
      r[k] = c0 == 0 ? 0 : c / c0;
    }
    return r;
  }

  static double slope(double[] y) {
    int n = y.length;
    double tm = (n - 1) / 2.0;
    double ym = Stats.mean(y);
    double sxy = 0;
    double sxx = 0;
    for (int t = 0; t < n; t++) {
      sxy += (t - tm) * (y[t] - ym);
      sxx += (t - tm) * (t - tm);
    }
    return sxx == 0 ? 0 : sxy / sxx;
  }
}
