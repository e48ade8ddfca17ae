package dev.alo.engine.forecast;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Seasonal ARIMA with automatic order selection (Hyndman and Khandakar 2008): seasonal differencing
 * when the STL seasonal strength is at least 0.64, then first differences while a KPSS test (5%)
 * rejects level stationarity (at most two); the orders by the stepwise search from four start
 * models over p, q ≤ 5, P, Q ≤ 2 (p + q + P + Q ≤ 5), with a constant when d + D ≤ 1, each fitted
 * by conditional sum of squares and compared by AICc. Stationarity and invertibility are enforced
 * through the partial autocorrelations of each polynomial. Intervals come from the psi-weights.
 */
final class Arima implements Model {
  static final int MAX_SEASONAL_PERIOD = 48;
  private static final int MAX_MODELS = 94;

  private final @Nullable Order fixed;

  Arima() {
    this(null);
  }

  /** ARIMA refitting only the order {@code fixed} when its seasonal period still applies. */
  Arima(@Nullable Order fixed) {
    this.fixed = fixed;
  }

  @Override
  public String name() {
    return "arima";
  }

  /** An order and whether the differenced series has a non-zero mean. */
  record Order(int p, int d, int q, int sp, int sd, int sq, int m, boolean constant) {
    int params() {
      return p + q + sp + sq + (constant ? 1 : 0);
    }

    String label() {
      String s = "arima(" + p + "," + d + "," + q + ")";
      if (m > 1 && (sp + sd + sq) > 0) {
        s += "(" + sp + "," + sd + "," + sq + ")[" + m + "]";
      }
      return s + (constant ? (d + sd == 1 ? "+drift" : "+mean") : "");
    }
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    List<String> notes = new ArrayList<>();
    int m = periods.length == 0 ? 1 : (int) Math.round(periods[0]);
    if (m > MAX_SEASONAL_PERIOD) {
      notes.add("arima: seasonal period " + m + " is above " + MAX_SEASONAL_PERIOD + ": none");
      m = 1;
    } else if (m > 1 && y.length < 3 * m) {
      notes.add(
          "arima: series too short for seasonal period " + m + " (" + y.length + " values): none");
      m = 1;
    }
    Fit fit =
        fixed != null && (fixed.m == m || fixed.sp + fixed.sd + fixed.sq == 0)
            ? fit(y, fixed)
            : select(y, m);
    if (!Double.isFinite(fit.aicc) && fixed != null) {
      fit = select(y, m);
    }
    Prediction p = fit.forecast(y, horizon, level);
    p.arimaOrder = fit.order;
    p.notes.addAll(notes);
    return p;
  }

  static Fit select(double[] y, int m) {
    int sd = m > 1 && seasonalStrength(y, m) >= 0.64 ? 1 : 0;
    double[] w = sd == 1 ? difference(y, m) : y.clone();
    int d = 0;
    while (d < 2 && w.length > 10 && kpss(w) > 0.463) {
      w = difference(w, 1);
      d++;
    }
    if (w.length < 4) {
      Order o = new Order(0, Math.max(d, y.length >= 2 ? 1 : 0), 0, 0, sd, 0, m, false);
      return fit(y, o);
    }
    boolean constant = d + sd <= 1;
    boolean seasonal = m > 1;
    List<Order> start = new ArrayList<>();
    start.add(new Order(2, d, 2, seasonal ? 1 : 0, sd, seasonal ? 1 : 0, m, constant));
    start.add(new Order(0, d, 0, 0, sd, 0, m, constant));
    start.add(new Order(1, d, 0, seasonal ? 1 : 0, sd, 0, m, constant));
    start.add(new Order(0, d, 1, 0, sd, seasonal ? 1 : 0, m, constant));
    if (constant) {
      start.add(new Order(0, d, 0, 0, sd, 0, m, false));
    }
    Set<Order> tried = new HashSet<>();
    Fit best = null;
    for (Order o : start) {
      if (tried.add(o) && admissible(o, y.length)) {
        Fit f = fit(y, o);
        if (best == null || f.aicc < best.aicc) {
          best = f;
        }
      }
    }
    if (best == null) {
      return fit(y, new Order(0, d, 0, 0, sd, 0, m, false));
    }
    boolean improved = true;
    while (improved && tried.size() < MAX_MODELS) {
      improved = false;
      for (Order o : neighbours(best.order, seasonal)) {
        if (tried.size() >= MAX_MODELS) {
          break;
        }
        if (!tried.add(o) || !admissible(o, y.length)) {
          continue;
        }
        Fit f = fit(y, o);
        if (f.aicc < best.aicc) {
          best = f;
          improved = true;
          break;
        }
      }
    }
    return best;
  }

  private static boolean admissible(Order o, int n) {
    if (o.p > 5 || o.q > 5 || o.sp > 2 || o.sq > 2 || o.p < 0 || o.q < 0 || o.sp < 0 || o.sq < 0) {
      return false;
    }
    if (o.p + o.q + o.sp + o.sq > 5) {
      return false;
    }
    int lags = o.p + o.sp * o.m + o.d + o.sd * o.m;
    return n - lags > o.params() + 3 && n - lags > 2 * (o.q + o.sq * o.m) / 3 + 1;
  }

  private static List<Order> neighbours(Order b, boolean seasonal) {
    List<Order> out = new ArrayList<>();
    int[][] moves = {
      {-1, 0, 0, 0},
      {1, 0, 0, 0},
      {0, -1, 0, 0},
      {0, 1, 0, 0},
      {-1, -1, 0, 0},
      {1, 1, 0, 0},
      {0, 0, -1, 0},
      {0, 0, 1, 0},
      {0, 0, 0, -1},
      {0, 0, 0, 1},
      {0, 0, -1, -1},
      {0, 0, 1, 1}
    };
    for (int[] mv : moves) {
      if (!seasonal && (mv[2] != 0 || mv[3] != 0)) {
        continue;
      }
      out.add(
          new Order(
              b.p + mv[0], b.d, b.q + mv[1], b.sp + mv[2], b.sd, b.sq + mv[3], b.m, b.constant));
    }
    if (b.d + b.sd <= 1) {
      out.add(new Order(b.p, b.d, b.q, b.sp, b.sd, b.sq, b.m, !b.constant));
    }
    return out;
  }

  /** Fits one order by conditional sum of squares. */
  static Fit fit(double[] y, Order o) {
    double[] w = y;
    for (int i = 0; i < o.sd; i++) {
      w = difference(w, o.m);
    }
    for (int i = 0; i < o.d; i++) {
      w = difference(w, 1);
    }
    double[] wf = w;
    int k = o.params();
    double[] start = new double[k];
    double[] step = new double[k];
    Arrays.fill(step, 0.1);
    if (o.constant && w.length > 0) {
      start[k - 1] = Stats.mean(w);
      double sd = Math.sqrt(Math.max(1e-12, variance(w)));
      step[k - 1] = 0.1 * sd / Math.sqrt(w.length) + 1e-9;
    }
    double[] best =
        k == 0
            ? start
            : NelderMead.minimize(
                x -> css(wf, o, x, null), start, step, 100 + 100 * k, 1e-6 * w.length + 1e-4);
    double[] resid = new double[w.length];
    double obj = css(wf, o, best, resid);
    return new Fit(o, best, wf, resid, obj);
  }

  /**
   * n_eff · log(σ²) of the conditional residuals, or +Infinity for a non-stationary or
   * non-invertible parameter vector. Fills {@code resid} when non-null.
   */
  static double css(double[] w, Order o, double[] x, double @Nullable [] resid) {
    Polys poly = Polys.of(o, x);
    if (poly == null) {
      return Double.POSITIVE_INFINITY;
    }
    double mu = o.constant ? x[x.length - 1] : 0;
    double[] ar = poly.ar;
    double[] ma = poly.ma;
    int startT = ar.length - 1;
    int n = w.length;
    double[] e = resid != null ? resid : new double[n];
    Arrays.fill(e, 0, Math.min(n, startT), 0);
    double sse = 0;
    int[] arLags = poly.arLags;
    int[] maLags = poly.maLags;
    for (int t = startT; t < n; t++) {
      double v = w[t] - mu;
      for (int lag : arLags) {
        v -= ar[lag] * (w[t - lag] - mu);
      }
      for (int lag : maLags) {
        if (t - lag >= 0) {
          v -= ma[lag] * e[t - lag];
        }
      }
      e[t] = v;
      sse += v * v;
    }
    int neff = n - startT;
    if (neff <= 0 || !(sse > 0) || !Double.isFinite(sse)) {
      return sse == 0 && neff > 0 ? -1e300 : Double.POSITIVE_INFINITY;
    }
    return neff * Math.log(sse / neff);
  }

  /** Expanded AR and MA polynomials: w_t = Σ ar[l] w_{t−l} + e_t + Σ ma[l] e_{t−l}. */
  static final class Polys {
    final double[] ar;
    final double[] ma;
    final int[] arLags;
    final int[] maLags;

    private Polys(double[] ar, double[] ma) {
      this.ar = ar;
      this.ma = ma;
      this.arLags = nonZero(ar);
      this.maLags = nonZero(ma);
    }

    static @Nullable Polys of(Order o, double[] x) {
      double[] phi = Arrays.copyOfRange(x, 0, o.p);
      double[] theta = Arrays.copyOfRange(x, o.p, o.p + o.q);
      double[] sphi = Arrays.copyOfRange(x, o.p + o.q, o.p + o.q + o.sp);
      double[] stheta = Arrays.copyOfRange(x, o.p + o.q + o.sp, o.p + o.q + o.sp + o.sq);
      if (!stationary(phi)
          || !stationary(sphi)
          || !stationary(negate(theta))
          || !stationary(negate(stheta))) {
        return null;
      }
      // AR: (1 − Σφ_i B^i)(1 − ΣΦ_j B^{jm}) = 1 − Σ ar_l B^l
      double[] a = multiply(oneMinus(phi, 1), oneMinus(sphi, o.m));
      double[] ar = new double[a.length];
      for (int l = 1; l < a.length; l++) {
        ar[l] = -a[l];
      }
      // MA: (1 + Σθ_i B^i)(1 + ΣΘ_j B^{jm})
      double[] ma = multiply(onePlus(theta, 1), onePlus(stheta, o.m));
      ma[0] = 0;
      return new Polys(ar, ma);
    }

    private static int[] nonZero(double[] c) {
      int k = 0;
      for (int l = 1; l < c.length; l++) {
        if (c[l] != 0) {
          k++;
        }
      }
      int[] out = new int[k];
      k = 0;
      for (int l = 1; l < c.length; l++) {
        if (c[l] != 0) {
          out[k++] = l;
        }
      }
      return out;
    }
  }

  /** True when 1 − Σ c_i B^i has all roots outside the unit circle (Schur–Cohn step-down). */
  static boolean stationary(double[] c) {
    int p = c.length;
    double[] a = c.clone();
    for (int k = p - 1; k >= 0; k--) {
      double r = a[k];
      if (!(Math.abs(r) < 0.9999)) {
        return false;
      }
      double den = 1 - r * r;
      double[] b = new double[k];
      for (int i = 0; i < k; i++) {
        b[i] = (a[i] + r * a[k - 1 - i]) / den;
      }
      a = b;
    }
    return true;
  }

  private static double[] negate(double[] c) {
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = -c[i];
    }
    return out;
  }

  private static double[] oneMinus(double[] c, int stride) {
    double[] out = new double[c.length * stride + 1];
    out[0] = 1;
    for (int i = 0; i < c.length; i++) {
      out[(i + 1) * stride] = -c[i];
    }
    return out;
  }

  private static double[] onePlus(double[] c, int stride) {
    double[] out = new double[c.length * stride + 1];
    out[0] = 1;
    for (int i = 0; i < c.length; i++) {
      out[(i + 1) * stride] = c[i];
    }
    return out;
  }

  static double[] multiply(double[] a, double[] b) {
    double[] out = new double[a.length + b.length - 1];
    for (int i = 0; i < a.length; i++) {
      if (a[i] == 0) {
        continue;
      }
      for (int j = 0; j < b.length; j++) {
        out[i + j] += a[i] * b[j];
      }
    }
    return out;
  }

  static double[] difference(double[] y, int lag) {
    if (y.length <= lag) {
      return new double[0];
    }
    double[] out = new double[y.length - lag];
    for (int t = lag; t < y.length; t++) {
      out[t - lag] = y[t] - y[t - lag];
    }
    return out;
  }

  private static double variance(double[] x) {
    double mu = Stats.mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - mu) * (v - mu);
    }
    return s / Math.max(1, x.length - 1);
  }

  /** The KPSS level-stationarity statistic with Newey–West lag trunc(4·(n/100)^¼). */
  static double kpss(double[] y) {
    int n = y.length;
    double mu = Stats.mean(y);
    double[] e = new double[n];
    double eta = 0;
    double s = 0;
    double s0 = 0;
    for (int t = 0; t < n; t++) {
      e[t] = y[t] - mu;
      s += e[t];
      eta += s * s;
      s0 += e[t] * e[t];
    }
    eta /= (double) n * n;
    int lags = (int) Math.floor(4 * Math.pow(n / 100.0, 0.25));
    double lr = s0 / n;
    for (int l = 1; l <= lags; l++) {
      double c = 0;
      for (int t = l; t < n; t++) {
        c += e[t] * e[t - l];
      }
      lr += 2 * (1 - l / (lags + 1.0)) * c / n;
    }
    return lr <= 0 ? 0 : eta / lr;
  }

  /** STL seasonal strength max(0, 1 − var(remainder) / var(seasonal + remainder)). */
  static double seasonalStrength(double[] y, int m) {
    if (y.length < 2 * m + 1) {
      return 0;
    }
    Stl.Result r = Stl.decompose(y, m, 11);
    double[] rem = new double[y.length];
    double[] sr = new double[y.length];
    for (int t = 0; t < y.length; t++) {
      rem[t] = y[t] - r.seasonal[t] - r.trend[t];
      sr[t] = rem[t] + r.seasonal[t];
    }
    double vsr = variance(sr);
    return vsr <= 0 ? 0 : Math.max(0, 1 - variance(rem) / vsr);
  }

  /** A fitted order with its CSS residuals of the differenced series. */
  static final class Fit {
    final Order order;
    final double[] x;
    final double[] w;
    final double[] resid;
    final double sigma2;
    final double aicc;

    Fit(Order order, double[] x, double[] w, double[] resid, double obj) {
      this.order = order;
      this.x = x;
      this.w = w;
      this.resid = resid;
      Polys poly = Polys.of(order, x);
      int startT = poly == null ? 0 : poly.ar.length - 1;
      int neff = Math.max(1, w.length - startT);
      double sse = 0;
      for (int t = startT; t < w.length; t++) {
        sse += resid[t] * resid[t];
      }
      int k = order.params() + 1;
      this.sigma2 = sse / Math.max(1, neff - k + 1);
      this.aicc =
          Double.isFinite(obj) && neff - k - 1 > 0
              ? obj + 2 * k + 2.0 * k * (k + 1) / (neff - k - 1)
              : Double.POSITIVE_INFINITY;
    }

    Prediction forecast(double[] y, int h, double level) {
      Polys poly = Polys.of(order, x);
      double[] ar = poly == null ? new double[1] : poly.ar;
      double[] ma = poly == null ? new double[1] : poly.ma;
      double mu = order.constant ? x[x.length - 1] : 0;
      int n = w.length;
      double[] wf = Arrays.copyOf(w, n + h);
      double[] e = Arrays.copyOf(resid, n + h);
      for (int t = n; t < n + h; t++) {
        double v = mu;
        for (int l = 1; l < ar.length; l++) {
          if (t - l >= 0) {
            v += ar[l] * (wf[t - l] - mu);
          }
        }
        for (int l = 1; l < ma.length; l++) {
          if (t - l >= 0) {
            v += ma[l] * e[t - l];
          }
        }
        wf[t] = v;
      }
      // undo the differencing: y_t = w_t + Σ δ_k y_{t−k}
      double[] diff = new double[] {1};
      for (int i = 0; i < order.sd; i++) {
        diff = multiply(diff, oneMinus(new double[] {1}, order.m));
      }
      for (int i = 0; i < order.d; i++) {
        diff = multiply(diff, oneMinus(new double[] {1}, 1));
      }
      int ny = y.length;
      double[] yf = Arrays.copyOf(y, ny + h);
      for (int t = ny; t < ny + h; t++) {
        double v = wf[n + t - ny];
        for (int k = 1; k < diff.length; k++) {
          v -= diff[k] * yf[t - k];
        }
        yf[t] = v;
      }
      // psi-weights of the full model (AR × differencing) for the forecast variance
      double[] a = new double[ar.length];
      a[0] = 1;
      for (int l = 1; l < ar.length; l++) {
        a[l] = -ar[l];
      }
      double[] full = multiply(a, diff);
      double[] psi = new double[h];
      psi[0] = 1;
      double[] sd = new double[h];
      double acc = 0;
      for (int j = 0; j < h; j++) {
        if (j > 0) {
          double v = j < ma.length ? ma[j] : 0;
          for (int i = 1; i <= j && i < full.length; i++) {
            v -= full[i] * psi[j - i];
          }
          psi[j] = v;
        }
        acc += psi[j] * psi[j];
        sd[j] = Math.sqrt(sigma2 * acc);
      }
      Prediction p =
          Prediction.normal(order.label(), Arrays.copyOfRange(yf, ny, ny + h), sd, level);
      return p;
    }
  }
}
