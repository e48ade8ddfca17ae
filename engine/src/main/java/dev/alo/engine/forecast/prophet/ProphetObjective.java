package dev.alo.engine.forecast.prophet;

import dev.alo.engine.forecast.optim.DifferentiableFunction;
import java.util.Arrays;

/**
 * The negative log posterior of Prophet's Stan model (prophet.stan), up to constants, with exact
 * gradients. Parameters are laid out as [k, m, delta(S), log sigma_obs, beta(K)]. As in Stan's
 * optimizing (no Jacobian adjustment), sigma_obs is optimised through its log but the density is
 * the one of sigma_obs itself, so the optimum is the constrained MAP.
 *
 * <pre>
 * k ~ normal(0, 5); m ~ normal(0, 5); delta ~ double_exponential(0, tau);
 * sigma_obs ~ normal(0, 0.5); beta ~ normal(0, sigmas);
 * y ~ normal(trend .* (1 + X * (beta .* s_m)) + X * (beta .* s_a), sigma_obs)
 * </pre>
 *
 * The Laplace term sum |delta| / tau is not part of this smooth function: the optimiser receives it
 * as L1 weights ({@link #l1Weights()}), which it minimises exactly.
 */
final class ProphetObjective implements DifferentiableFunction {
  private final Growth growth;
  private final int n;
  private final int s;
  private final int kCols;
  private final double[] t;
  private final double[] y;
  private final double[] cap;
  private final double[] x;
  private final double[] inverseVariances;
  private final boolean[] multiplicative;
  private final double[] changepoints;
  private final double tau;
  private final int[] segment;
  // work arrays
  private final double[] trend;
  private final double[] dTrend;
  private final double[] residual;
  private final double[] xm;
  private final double[] betaA;
  private final double[] betaM;
  private final double[] segA;
  private final double[] segB;
  private final double[] rates;
  private final double[] offsets;
  private final double[][] dOffset;

  ProphetObjective(
      Growth growth,
      double[] t,
      double[] y,
      double[] cap,
      double[] x,
      int kCols,
      double[] priorScales,
      boolean[] multiplicative,
      double[] changepoints,
      double tau) {
    this.growth = growth;
    this.n = t.length;
    this.s = changepoints.length;
    this.kCols = kCols;
    this.t = t;
    this.y = y;
    this.cap = cap;
    this.x = x;
    this.inverseVariances = new double[kCols];
    for (int j = 0; j < kCols; j++) {
      inverseVariances[j] = 1.0 / (priorScales[j] * priorScales[j]);
    }
    this.multiplicative = multiplicative;
    this.changepoints = changepoints;
    this.tau = tau;
    this.segment = new int[n];
    for (int i = 0; i < n; i++) {
      int c = 0;
      while (c < s && t[i] >= changepoints[c]) {
        c++;
      }
      segment[i] = c;
    }
    trend = new double[n];
    dTrend = new double[n];
    residual = new double[n];
    xm = new double[n];
    betaA = new double[kCols];
    betaM = new double[kCols];
    segA = new double[s + 1];
    segB = new double[s + 1];
    rates = new double[s + 1];
    offsets = new double[s + 1];
    dOffset = new double[s + 1][s + 2];
  }

  int dimension() {
    return 3 + s + kCols;
  }

  int sigmaIndex() {
    return 2 + s;
  }

  int betaIndex() {
    return 3 + s;
  }

  /** L1 weights: 1/tau on every delta, zero elsewhere. */
  double[] l1Weights() {
    double[] w = new double[dimension()];
    for (int j = 0; j < s; j++) {
      w[2 + j] = 1.0 / tau;
    }
    return w;
  }

  /** Number of coefficients theta = [k, m, delta(S), beta(K)] (everything but sigma_obs). */
  int thetaDimension() {
    return 2 + s + kCols;
  }

  /** Whether yhat is linear in theta (linear or flat growth with additive terms only). */
  boolean linearInTheta() {
    if (growth == Growth.LOGISTIC) {
      return false;
    }
    for (boolean b : multiplicative) {
      if (b) {
        return false;
      }
    }
    return true;
  }

  /** Prior precisions (inverse variances) of theta; 0 for the Laplace-distributed deltas. */
  double[] thetaPrecisions() {
    double[] d = new double[thetaDimension()];
    d[0] = 1.0 / 25.0;
    d[1] = 1.0 / 25.0;
    System.arraycopy(inverseVariances, 0, d, 2 + s, kCols);
    return d;
  }

  /** L1 weights on theta: 1/tau on the deltas. */
  double[] thetaL1() {
    double[] w = new double[thetaDimension()];
    for (int j = 0; j < s; j++) {
      w[2 + j] = 1.0 / tau;
    }
    return w;
  }

  double[] observations() {
    return y;
  }

  /**
   * Evaluates yhat at theta and, when {@code jacobian} is non-empty, d yhat / d theta (row-major n
   * x thetaDimension). Returns the sum of squared residuals.
   */
  double fitted(double[] theta, double[] yhat, double[] jacobian) {
    int dims = thetaDimension();
    double[] p = new double[dimension()];
    System.arraycopy(theta, 0, p, 0, 2 + s);
    System.arraycopy(theta, 2 + s, p, 3 + s, kCols);
    computeTrend(p);
    int b0 = 2 + s;
    for (int j = 0; j < kCols; j++) {
      double beta = theta[b0 + j];
      betaA[j] = multiplicative[j] ? 0 : beta;
      betaM[j] = multiplicative[j] ? beta : 0;
    }
    double ssr = 0;
    boolean withJacobian = jacobian.length > 0;
    for (int i = 0; i < n; i++) {
      double a = 0;
      double mm = 0;
      int row = i * kCols;
      for (int j = 0; j < kCols; j++) {
        double v = x[row + j];
        a += v * betaA[j];
        mm += v * betaM[j];
      }
      double tr = trend[i];
      double fit = tr * (1 + mm) + a;
      yhat[i] = fit;
      double r = y[i] - fit;
      ssr += r * r;
      if (!withJacobian) {
        continue;
      }
      int jr = i * dims;
      double scale = 1 + mm;
      int c = segment[i];
      switch (growth) {
        case LINEAR -> {
          jacobian[jr] = t[i] * scale;
          jacobian[jr + 1] = scale;
          for (int q = 0; q < s; q++) {
            jacobian[jr + 2 + q] = q < c ? (t[i] - changepoints[q]) * scale : 0;
          }
        }
        case LOGISTIC -> {
          double z = rates[c] * (t[i] - offsets[c]);
          double sig = 1 / (1 + Math.exp(-z));
          double w = cap[i] * sig * (1 - sig) * scale;
          double span = t[i] - offsets[c];
          double[] dOff = dOffset[c];
          jacobian[jr] = w * (span - rates[c] * dOff[0]);
          jacobian[jr + 1] = w * (-rates[c] * dOff[1]);
          for (int q = 0; q < s; q++) {
            jacobian[jr + 2 + q] = w * ((q < c ? span : 0) - rates[c] * dOff[2 + q]);
          }
        }
        case FLAT -> {
          jacobian[jr] = 0;
          jacobian[jr + 1] = scale;
          for (int q = 0; q < s; q++) {
            jacobian[jr + 2 + q] = 0;
          }
        }
      }
      for (int j = 0; j < kCols; j++) {
        jacobian[jr + b0 + j] = x[row + j] * (multiplicative[j] ? tr : 1.0);
      }
    }
    return ssr;
  }

  @Override
  public double valueAndGradient(double[] p, double[] g) {
    Arrays.fill(g, 0.0);
    double k = p[0];
    double m = p[1];
    double logSigma = p[2 + s];
    int b0 = 3 + s;
    computeTrend(p);
    double prior = (k * k + m * m) / 50.0;
    g[0] = k / 25.0;
    g[1] = m / 25.0;
    for (int j = 0; j < kCols; j++) {
      double beta = p[b0 + j];
      prior += 0.5 * beta * beta * inverseVariances[j];
      g[b0 + j] = beta * inverseVariances[j];
      betaA[j] = multiplicative[j] ? 0 : beta;
      betaM[j] = multiplicative[j] ? beta : 0;
    }
    double ssr = 0;
    for (int i = 0; i < n; i++) {
      double a = 0;
      double mm = 0;
      int row = i * kCols;
      for (int j = 0; j < kCols; j++) {
        double v = x[row + j];
        a += v * betaA[j];
        mm += v * betaM[j];
      }
      xm[i] = mm;
      double r = y[i] - (trend[i] * (1 + mm) + a);
      residual[i] = r;
      ssr += r * r;
    }
    double sigma = Math.exp(logSigma);
    double variance = sigma * sigma;
    double value = prior + 2 * variance + n * logSigma + ssr / (2 * variance);
    g[2 + s] = 4 * variance + n - ssr / variance;
    // d value / d yhat_i = -r_i / variance
    for (int i = 0; i < n; i++) {
      double w = -residual[i] / variance;
      double tr = trend[i];
      int row = i * kCols;
      for (int j = 0; j < kCols; j++) {
        g[b0 + j] += w * x[row + j] * (multiplicative[j] ? tr : 1.0);
      }
      dTrend[i] = w * (1 + xm[i]);
    }
    trendGradient(g);
    return value;
  }

  private void computeTrend(double[] p) {
    double k = p[0];
    double m = p[1];
    switch (growth) {
      case LINEAR -> {
        rates[0] = k;
        offsets[0] = m;
        for (int c = 0; c < s; c++) {
          rates[c + 1] = rates[c] + p[2 + c];
          offsets[c + 1] = offsets[c] - changepoints[c] * p[2 + c];
        }
        for (int i = 0; i < n; i++) {
          int c = segment[i];
          trend[i] = rates[c] * t[i] + offsets[c];
        }
      }
      case LOGISTIC -> {
        logisticSegments(p);
        for (int i = 0; i < n; i++) {
          int c = segment[i];
          trend[i] = cap[i] / (1 + Math.exp(-rates[c] * (t[i] - offsets[c])));
        }
      }
      case FLAT -> Arrays.fill(trend, m);
    }
  }

  /** Rates and offsets per segment and d offset / d (k, m, delta) (Stan's logistic_gamma). */
  private void logisticSegments(double[] p) {
    int dims = s + 2;
    rates[0] = p[0];
    offsets[0] = p[1];
    Arrays.fill(dOffset[0], 0.0);
    dOffset[0][1] = 1.0;
    for (int c = 0; c < s; c++) {
      double kc = rates[c];
      double kn = kc + p[2 + c];
      rates[c + 1] = kn;
      double q = kc / kn;
      double span = changepoints[c] - offsets[c];
      offsets[c + 1] = offsets[c] + span * (1 - q);
      double[] prev = dOffset[c];
      double[] next = dOffset[c + 1];
      for (int d = 0; d < dims; d++) {
        // derivatives of kc and kn w.r.t. parameter d: k -> 1; delta_j -> [j < c] resp. [j <= c]
        double dkc;
        double dkn;
        if (d == 0) {
          dkc = 1;
          dkn = 1;
        } else if (d == 1) {
          dkc = 0;
          dkn = 0;
        } else {
          int j = d - 2;
          dkc = j < c ? 1 : 0;
          dkn = j <= c ? 1 : 0;
        }
        double dq = (dkc * kn - kc * dkn) / (kn * kn);
        next[d] = prev[d] - prev[d] * (1 - q) - span * dq;
      }
    }
  }

  private void trendGradient(double[] g) {
    switch (growth) {
      case LINEAR -> {
        Arrays.fill(segA, 0.0);
        Arrays.fill(segB, 0.0);
        for (int i = 0; i < n; i++) {
          int c = segment[i];
          segA[c] += dTrend[i];
          segB[c] += dTrend[i] * t[i];
        }
        double h = 0;
        double ht = 0;
        for (int c = s; c >= 1; c--) {
          h += segA[c];
          ht += segB[c];
          g[2 + c - 1] += ht - changepoints[c - 1] * h;
        }
        h += segA[0];
        ht += segB[0];
        g[0] += ht;
        g[1] += h;
      }
      case LOGISTIC -> {
        Arrays.fill(segA, 0.0);
        Arrays.fill(segB, 0.0);
        for (int i = 0; i < n; i++) {
          int c = segment[i];
          double z = rates[c] * (t[i] - offsets[c]);
          double sig = 1 / (1 + Math.exp(-z));
          double w = dTrend[i] * cap[i] * sig * (1 - sig);
          segA[c] += w * (t[i] - offsets[c]);
          segB[c] += w * rates[c];
        }
        int dims = s + 2;
        double suffixA = 0;
        for (int c = s; c >= 0; c--) {
          suffixA += segA[c];
          if (c >= 1) {
            g[2 + c - 1] += suffixA; // delta_{c-1} enters the rate of every segment >= c
          }
          for (int d = 0; d < dims; d++) {
            g[d] -= segB[c] * dOffset[c][d];
          }
        }
        g[0] += suffixA;
      }
      case FLAT -> {
        double h = 0;
        for (int i = 0; i < n; i++) {
          h += dTrend[i];
        }
        g[1] += h;
      }
    }
  }
}
