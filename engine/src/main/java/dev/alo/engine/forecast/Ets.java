package dev.alo.engine.forecast;

import dev.alo.engine.stats.Quantiles;
import dev.alo.engine.stats.SeededRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Exponential smoothing in its state-space form (Hyndman et al.): error additive or multiplicative,
 * trend none, additive or damped, seasonality none, additive or multiplicative. The smoothing
 * parameters are fitted by maximum likelihood within R's admissible bounds, the initial states by a
 * classical decomposition of the first two seasons; the form is chosen by AICc. As in R,
 * multiplicative error or seasonality needs positive data and seasonal periods above 24 are not
 * modelled. Intervals are analytic for the linear additive classes and simulated (seeded)
 * otherwise.
 */
final class Ets implements Model {
  static final int MAX_SEASONAL_PERIOD = 24;
  private static final int SIMULATIONS = 1000;
  private static final double LOWER = 1e-4;

  private final boolean seasonal;
  private final @Nullable Spec fixed;

  /**
   * ETS choosing its form by AICc, or refitting only {@code fixed} when that form still applies to
   * the series (used by {@code auto} to refit inside its validation windows).
   */
  Ets(boolean seasonal, @Nullable Spec fixed) {
    this.seasonal = seasonal;
    this.fixed = fixed;
  }

  Ets() {
    this(true, null);
  }

  @Override
  public String name() {
    return "ets";
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    List<String> notes = new ArrayList<>();
    int m = seasonal ? seasonalPeriod(y.length, periods, notes) : 1;
    Fit fit = fixed != null && fixed.appliesTo(y, m) ? fit(y, fixed) : select(y, m);
    Prediction p = fit.forecast(horizon, level);
    p.etsSpec = fit.spec;
    p.notes.addAll(notes);
    return p;
  }

  /** The seasonal period ETS can use for this series (1 for none), with a note when reduced. */
  static int seasonalPeriod(int n, double[] periods, List<String> notes) {
    if (periods.length == 0) {
      return 1;
    }
    int m = (int) Math.round(periods[0]);
    if (m > MAX_SEASONAL_PERIOD) {
      notes.add("ets: seasonal period " + m + " is above 24: no seasonality");
      return 1;
    }
    if (n < 3 * m) {
      notes.add(
          "ets: series too short for seasonal period " + m + " (" + n + " values): no seasonality");
      return 1;
    }
    return m;
  }

  /**
   * Fits every admissible form and returns the one with the lowest AICc. A multiplicative form
   * starts its search from the fitted additive-error form with the same trend, which saves most of
   * its evaluations.
   */
  static Fit select(double[] y, int m) {
    boolean positive = Stats.allPositive(y);
    Fit best = null;
    for (int trend = 0; trend <= 2; trend++) {
      if (trend > 0 && y.length < 8) {
        continue;
      }
      Fit additive = null;
      for (int season = 0; season <= (m > 1 ? 2 : 0); season++) {
        for (int err = 0; err <= 1; err++) {
          boolean multErr = err == 1;
          if ((multErr || season == 2) && !positive) {
            continue;
          }
          if (season == 2 && !multErr) {
            continue; // additive error with multiplicative seasonality is unstable (as in R)
          }
          Spec spec = new Spec(multErr, trend, season, season == 0 ? 1 : m);
          Fit warm = multErr && season > 0 ? additive : null;
          Fit f = warm == null ? fit(y, spec) : fit(y, spec, warm.params(), 0.3);
          if (!multErr && season == 1) {
            additive = f;
          }
          if (best == null || f.aicc < best.aicc) {
            best = f;
          }
        }
      }
    }
    if (best == null) {
      throw new IllegalStateException("no ETS form fitted");
    }
    return best;
  }

  /** The form of an ETS model: trend and season are 0 none, 1 additive, 2 damped/multiplicative. */
  record Spec(boolean multErr, int trend, int season, int m) {
    String label() {
      String t = trend == 0 ? "N" : trend == 1 ? "A" : "Ad";
      String s = season == 0 ? "N" : season == 1 ? "A" : "M";
      return "ets(" + (multErr ? "M" : "A") + "," + t + "," + s + (season > 0 ? "," + m : "") + ")";
    }

    /** True when this form can be fitted to y with seasonal period m (1: none). */
    boolean appliesTo(double[] y, int period) {
      if (season > 0 && this.m != period) {
        return false;
      }
      return !(multErr || season == 2) || Stats.allPositive(y);
    }

    int smoothingParams() {
      return 1 + (trend > 0 ? 1 : 0) + (season > 0 ? 1 : 0) + (trend == 2 ? 1 : 0);
    }
  }

  /** Fits the smoothing parameters of one form by maximum likelihood. */
  static Fit fit(double[] y, Spec spec) {
    return fit(y, spec, null, 1);
  }

  /**
   * As {@link #fit(double[], Spec)}, the search starting from {@code from} (the parameters of a
   * form with the same trend and seasonal terms) with the initial simplex scaled by {@code scale}.
   */
  static Fit fit(double[] y, Spec spec, double @Nullable [] from, double scale) {
    double[] init = initialStates(y, spec);
    int k = spec.smoothingParams();
    double[] start = new double[k];
    double[] step = new double[k];
    int i = 0;
    start[i] = spec.season > 0 ? 0.2 : 0.5;
    step[i++] = 0.1;
    if (spec.trend > 0) {
      start[i] = 0.02;
      step[i++] = 0.02;
    }
    if (spec.season > 0) {
      start[i] = 0.05;
      step[i++] = 0.05;
    }
    if (spec.trend == 2) {
      start[i] = 0.95;
      step[i] = 0.02;
    }
    if (from != null && from.length == k) {
      System.arraycopy(from, 0, start, 0, k);
      for (int q = 0; q < k; q++) {
        step[q] *= scale;
      }
    }
    double[] best =
        NelderMead.minimize(
            p -> run(y, spec, p, init, null), start, step, 40 + 60 * k, 1e-3 + 1e-7 * y.length);
    double[] state = new double[init.length];
    double nll = run(y, spec, best, init, state);
    return new Fit(y, spec, best, state, nll);
  }

  /**
   * Runs the filter; returns −2 log-likelihood (up to a constant) or +Infinity for inadmissible
   * parameters. When {@code finalState} is non-null it receives [level, trend, seasonal...] after
   * the last value, plus the error sum of squares in the last slot.
   */
  static double run(
      double[] y, Spec spec, double[] p, double[] init, double @Nullable [] finalState) {
    double alpha = p[0];
    int i = 1;
    double beta = spec.trend > 0 ? p[i++] : 0;
    double gamma = spec.season > 0 ? p[i++] : 0;
    double phi = spec.trend == 2 ? p[i] : 1;
    if (alpha < LOWER || alpha > 0.9999) {
      return Double.POSITIVE_INFINITY;
    }
    if (spec.trend > 0 && (beta < LOWER || beta > alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    if (spec.season > 0 && (gamma < LOWER || gamma > 1 - alpha)) {
      return Double.POSITIVE_INFINITY;
    }
    if (spec.trend == 2 && (phi < 0.8 || phi > 0.98)) {
      return Double.POSITIVE_INFINITY;
    }
    int m = spec.m;
    double l = init[0];
    double b = init[1];
    double[] s = Arrays.copyOfRange(init, 2, 2 + m);
    boolean multSeason = spec.season == 2;
    boolean addSeason = spec.season == 1;
    boolean hasTrend = spec.trend > 0;
    double sse = 0;
    double sumLog = 0;
    double prod = 1; // product of the means, logged only when it grows large or small
    int j = 0;
    for (double v : y) {
      double pb = hasTrend ? phi * b : 0;
      double lb = l + pb;
      double sv = s[j];
      double mu = multSeason ? lb * sv : addSeason ? lb + sv : lb;
      double r = v - mu;
      if (spec.multErr) {
        if (!(mu > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        double e = r / mu;
        sse += e * e;
        prod *= mu;
        if (prod > 1e150 || prod < 1e-150) {
          sumLog += Math.log(prod);
          prod = 1;
        }
      } else {
        sse += r * r;
      }
      if (multSeason) {
        if (!(sv > 0) || !(lb > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        l = lb + alpha * r / sv;
        b = pb + beta * r / sv;
        s[j] = sv + gamma * r / lb;
      } else {
        l = lb + alpha * r;
        b = pb + beta * r;
        if (addSeason) {
          s[j] = sv + gamma * r;
        }
      }
      if (++j == m) {
        j = 0;
      }
    }
    sumLog += Math.log(prod);
    int n = y.length;
    if (!(sse > 0) || !Double.isFinite(sse)) {
      return sse == 0 ? -1e300 : Double.POSITIVE_INFINITY;
    }
    if (finalState != null) {
      finalState[0] = l;
      finalState[1] = b;
      // rotate so that finalState[2] is the seasonal state of the next step
      for (int q = 0; q < m; q++) {
        finalState[2 + q] = s[(j + q) % m];
      }
      finalState[finalState.length - 1] = sse;
    }
    return n * Math.log(sse / n) + 2 * sumLog;
  }

  /** [level, trend, seasonal × m, spare] at time −1 by a classical decomposition of the start. */
  static double[] initialStates(double[] y, Spec spec) {
    int m = spec.m;
    double[] out = new double[3 + m];
    double[] adj;
    if (spec.season > 0) {
      boolean mult = spec.season == 2;
      System.arraycopy(seasonalIndices(y, 2 * m, m, mult), 0, out, 2, m);
      adj = new double[Math.min(y.length, Math.max(10, m))];
      for (int t = 0; t < adj.length; t++) {
        adj[t] = mult ? y[t] / out[2 + t % m] : y[t] - out[2 + t % m];
      }
    } else {
      out[2] = 0;
      adj = Arrays.copyOf(y, Math.min(y.length, 10));
    }
    if (spec.trend > 0) {
      double tm = (adj.length - 1) / 2.0;
      double ym = Stats.mean(adj);
      double sxy = 0;
      double sxx = 0;
      for (int t = 0; t < adj.length; t++) {
        sxy += (t - tm) * (adj[t] - ym);
        sxx += (t - tm) * (t - tm);
      }
      double slope = sxx > 0 ? sxy / sxx : 0;
      out[1] = slope;
      out[0] = ym - slope * (tm + 1);
    } else {
      out[0] = Stats.mean(adj);
    }
    if (spec.season == 2 && out[0] <= 0) {
      out[0] = Stats.mean(y);
    }
    return out;
  }

  /**
   * Classical decomposition's seasonal indices of the first {@code len} points by position t mod m:
   * the mean ratio (multiplicative) or difference (additive) to the centred moving average,
   * normalised to average 1 or 0.
   */
  static double[] seasonalIndices(double[] y, int len, int m, boolean mult) {
    double[] ma = centredMovingAverage(y, len, m);
    double[] sum = new double[m];
    int[] cnt = new int[m];
    for (int t = 0; t < len; t++) {
      if (!Double.isNaN(ma[t])) {
        sum[t % m] += mult ? y[t] / ma[t] : y[t] - ma[t];
        cnt[t % m]++;
      }
    }
    double total = 0;
    for (int q = 0; q < m; q++) {
      sum[q] = cnt[q] > 0 ? sum[q] / cnt[q] : (mult ? 1 : 0);
      total += sum[q];
    }
    double avg = total / m;
    for (int q = 0; q < m; q++) {
      sum[q] = mult ? sum[q] / avg : sum[q] - avg;
    }
    return sum;
  }

  /** The centred moving average of order m (2×m for even m) over y[0, len); NaN where undefined. */
  static double[] centredMovingAverage(double[] y, int len, int m) {
    double[] ma = new double[len];
    Arrays.fill(ma, Double.NaN);
    int half = m / 2;
    for (int t = half; t < len - half; t++) {
      double s = 0;
      if (m % 2 == 1) {
        for (int q = t - half; q <= t + half; q++) {
          s += y[q];
        }
        ma[t] = s / m;
      } else {
        if (t + half >= len) {
          continue;
        }
        for (int q = t - half + 1; q < t + half; q++) {
          s += y[q];
        }
        s += 0.5 * (y[t - half] + y[t + half]);
        ma[t] = s / m;
      }
    }
    return ma;
  }

  /** A fitted ETS model: its form, parameters and the states after the last value. */
  static final class Fit {
    final Spec spec;
    final double alpha;
    final double beta;
    final double gamma;
    final double phi;
    final double[] state;
    final double sigma2;
    final double aicc;
    final int n;

    Fit(double[] y, Spec spec, double[] p, double[] state, double nll) {
      this.spec = spec;
      this.alpha = p[0];
      int i = 1;
      this.beta = spec.trend > 0 ? p[i++] : 0;
      this.gamma = spec.season > 0 ? p[i++] : 0;
      this.phi = spec.trend == 2 ? p[i] : 1;
      this.state = state;
      this.n = y.length;
      int params =
          spec.smoothingParams()
              + 1
              + (spec.trend > 0 ? 1 : 0)
              + (spec.season > 0 ? spec.m - 1 : 0);
      double sse = state[state.length - 1];
      this.sigma2 = sse / Math.max(1, n - params);
      int k = params + 1;
      double aic = nll + 2 * k;
      this.aicc = n - k - 1 > 0 ? aic + 2.0 * k * (k + 1) / (n - k - 1) : Double.POSITIVE_INFINITY;
    }

    String label() {
      return spec.label();
    }

    /** The fitted smoothing parameters in search order (alpha, beta, gamma, phi as present). */
    double[] params() {
      double[] p = new double[spec.smoothingParams()];
      int i = 0;
      p[i++] = alpha;
      if (spec.trend > 0) {
        p[i++] = beta;
      }
      if (spec.season > 0) {
        p[i++] = gamma;
      }
      if (spec.trend == 2) {
        p[i] = phi;
      }
      return p;
    }

    /** Point forecasts for steps 1..h. */
    double[] pointForecast(int h) {
      double[] f = new double[h];
      double l = state[0];
      double b = state[1];
      double damp = 0;
      double pw = 1;
      for (int i = 0; i < h; i++) {
        double level = l;
        if (spec.trend > 0) {
          pw *= phi;
          damp += spec.trend == 2 ? pw : 1;
          level = l + damp * b;
        }
        double sv = spec.season == 0 ? 0 : state[2 + i % spec.m];
        f[i] = spec.season == 2 ? level * sv : level + sv;
      }
      return f;
    }

    /** The seasonal component's future values (zeros or ones when there is none). */
    double[] seasonalForecast(int h) {
      double[] f = new double[h];
      for (int i = 0; i < h; i++) {
        f[i] = spec.season == 0 ? 0 : state[2 + i % spec.m];
      }
      return f;
    }

    Prediction forecast(int h, double level) {
      double[] mean = pointForecast(h);
      Prediction p;
      if (!spec.multErr && spec.season != 2) {
        double[] sd = new double[h];
        double acc = 0;
        double damp = 0;
        double pw = 1;
        for (int i = 0; i < h; i++) {
          sd[i] = Math.sqrt(sigma2 * (1 + acc));
          int j = i + 1;
          pw *= phi;
          damp += spec.trend == 2 ? pw : 1;
          double c = alpha + (spec.trend > 0 ? beta * damp : 0);
          if (spec.season > 0 && j % spec.m == 0) {
            c += gamma;
          }
          acc += c * c;
        }
        p = Prediction.normal(label(), mean, sd, level);
      } else {
        double[][] q = simulate(h, level);
        p = new Prediction(label(), mean, q[0], q[1]);
      }
      if (spec.season > 0) {
        double[] seas = seasonalForecast(h);
        double[] trend = new double[h];
        for (int i = 0; i < h; i++) {
          trend[i] = spec.season == 2 ? mean[i] / seas[i] : mean[i] - seas[i];
        }
        p.components.put("trend", trend);
        p.components.put("seasonal" + spec.m, seas);
      } else {
        p.components.put("trend", mean.clone());
      }
      return p;
    }

    /** Simulated interval bounds from seeded sample paths. */
    private double[][] simulate(int h, double level) {
      double sigma = Math.sqrt(sigma2);
      double[][] paths = new double[h][SIMULATIONS];
      SeededRandom rnd = new SeededRandom(0x5EED_E75L + n);
      int m = spec.m;
      double[] s = new double[m];
      for (int k = 0; k < SIMULATIONS; k++) {
        double l = state[0];
        double b = state[1];
        System.arraycopy(state, 2, s, 0, m);
        for (int i = 0; i < h; i++) {
          double pb = spec.trend > 0 ? phi * b : 0;
          double lb = l + pb;
          int j = i % m;
          double sv = s[j];
          double mu = spec.season == 2 ? lb * sv : spec.season == 1 ? lb + sv : lb;
          double eps = sigma * rnd.gaussian();
          double r = spec.multErr ? mu * eps : eps;
          paths[i][k] = mu + r;
          if (spec.season == 2 && sv != 0 && lb != 0) {
            l = lb + alpha * r / sv;
            b = pb + beta * r / sv;
            s[j] = sv + gamma * r / lb;
          } else {
            l = lb + alpha * r;
            b = pb + beta * r;
            if (spec.season == 1) {
              s[j] = sv + gamma * r;
            }
          }
        }
      }
      double[] lo = new double[h];
      double[] hi = new double[h];
      for (int i = 0; i < h; i++) {
        Arrays.sort(paths[i]);
        lo[i] = Quantiles.ofSorted(paths[i], (1 - level) / 2);
        hi[i] = Quantiles.ofSorted(paths[i], (1 + level) / 2);
      }
      return new double[][] {lo, hi};
    }
  }
}
