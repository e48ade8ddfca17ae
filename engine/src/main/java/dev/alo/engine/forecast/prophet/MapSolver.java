package dev.alo.engine.forecast.prophet;

import dev.alo.engine.forecast.optim.L1Quadratic;

/**
 * Finds the MAP of Prophet's Stan model exactly. The objective's only non-smooth part is the
 * Laplace prior on the rate changes, and its smooth part is a least-squares fit plus Gaussian
 * priors, so the solver alternates two exact steps, each of which lowers the objective:
 *
 * <ul>
 *   <li>coefficients (k, m, delta, beta) for fixed sigma_obs: a (Gauss-)Newton step whose model is
 *       an L1-penalised quadratic, solved exactly by {@link L1Quadratic}; when yhat is linear in
 *       the coefficients (linear or flat growth, additive terms) the model is the objective itself
 *       and one step is the exact minimiser; otherwise (logistic, multiplicative) steps are damped
 *       by backtracking until the objective decreases;
 *   <li>sigma_obs for fixed coefficients: the root of 4 s^4 + n s^2 - SSR = 0, its exact minimiser
 *       (no Jacobian term for the positivity constraint, as in Stan's optimizing).
 * </ul>
 *
 * It stops when an iteration no longer changes the objective (relative 1e-13) or the coefficients.
 */
final class MapSolver {
  private MapSolver() {}

  /** The optimum: coefficients theta = [k, m, delta, beta], sigma_obs, objective, iterations. */
  @SuppressWarnings("ArrayRecordComponent") // internal result, not shared
  record Result(double[] theta, double sigma, double value, int iterations, boolean exact) {}

  static Result solve(ProphetObjective objective, double[] start) {
    int n = objective.observations().length;
    int dims = objective.thetaDimension();
    double[] precisions = objective.thetaPrecisions();
    double[] l1 = objective.thetaL1();
    double[] y = objective.observations();
    boolean linear = objective.linearInTheta();
    double[] theta = start.clone();
    double[] yhat = new double[n];
    double[] jacobian = new double[n * dims];
    double[] jtj = new double[dims * dims];
    double[] jtz = new double[dims];
    double[] z = new double[n];
    double ssr = objective.fitted(theta, yhat, jacobian);
    double variance = sigmaSquared(ssr, n);
    double value = value(theta, ssr, variance, precisions, l1, n);
    double[] q = new double[dims * dims];
    double[] b = new double[dims];
    double[] candidate = new double[dims];
    double[] trial = new double[dims];
    int iteration = 0;
    int quiet = 0;
    boolean converged = false;
    while (iteration < 500) {
      iteration++;
      if (!linear || iteration == 1) {
        if (iteration > 1) {
          objective.fitted(theta, yhat, jacobian);
        }
        for (int i = 0; i < n; i++) {
          double lin = 0;
          int row = i * dims;
          for (int j = 0; j < dims; j++) {
            lin += jacobian[row + j] * theta[j];
          }
          z[i] = y[i] - yhat[i] + lin;
        }
        crossProducts(jacobian, z, n, dims, jtj, jtz);
      }
      for (int a = 0; a < dims; a++) {
        for (int c = 0; c < dims; c++) {
          q[a * dims + c] = jtj[a * dims + c] / variance;
        }
        q[a * dims + a] += precisions[a];
        b[a] = jtz[a] / variance;
      }
      System.arraycopy(theta, 0, candidate, 0, dims);
      L1Quadratic.minimize(q, b, l1, candidate);
      double step = 1.0;
      double newSsr = Double.NaN;
      double newValue = Double.POSITIVE_INFINITY;
      for (int tries = 0; tries < 50; tries++) {
        for (int j = 0; j < dims; j++) {
          trial[j] = theta[j] + step * (candidate[j] - theta[j]);
        }
        newSsr = objective.fitted(trial, yhat, new double[0]);
        newValue = value(trial, newSsr, variance, precisions, l1, n);
        if (newValue <= value) {
          break;
        }
        step *= 0.5;
      }
      if (!(newValue <= value)) {
        converged = true; // no decrease possible: optimal to machine precision
        break;
      }
      double change = 0;
      double size = 1;
      for (int j = 0; j < dims; j++) {
        change = Math.max(change, Math.abs(trial[j] - theta[j]));
        size = Math.max(size, Math.abs(trial[j]));
      }
      System.arraycopy(trial, 0, theta, 0, dims);
      ssr = newSsr;
      variance = sigmaSquared(ssr, n);
      double updated = value(theta, ssr, variance, precisions, l1, n);
      double decrease = (value - updated) / Math.max(1.0, Math.abs(updated));
      value = updated;
      quiet = decrease <= 1e-13 || change <= 1e-12 * size ? quiet + 1 : 0;
      if (quiet >= 2) {
        converged = true;
        break;
      }
    }
    return new Result(theta, Math.sqrt(variance), value, iteration, converged);
  }

  /** The sigma_obs^2 minimising 2 s^2 + n log s + ssr / (2 s^2): root of 4v^2 + nv - ssr. */
  static double sigmaSquared(double ssr, int n) {
    // floored at (1e-8)^2 on the scaled axis so that an exact fit (ssr = 0) stays finite
    return Math.max(2 * ssr / (n + Math.sqrt((double) n * n + 16 * ssr)), 1e-16);
  }

  /** The negative log posterior (Stan's, without constants) at theta and sigma^2. */
  static double value(
      double[] theta, double ssr, double variance, double[] precisions, double[] l1, int n) {
    double v = 2 * variance + 0.5 * n * Math.log(variance) + ssr / (2 * variance);
    for (int j = 0; j < theta.length; j++) {
      v += 0.5 * precisions[j] * theta[j] * theta[j] + l1[j] * Math.abs(theta[j]);
    }
    return v;
  }

  private static void crossProducts(
      double[] jac, double[] z, int n, int dims, double[] jtj, double[] jtz) {
    java.util.Arrays.fill(jtj, 0.0);
    java.util.Arrays.fill(jtz, 0.0);
    for (int i = 0; i < n; i++) {
      int row = i * dims;
      double zi = z[i];
      for (int a = 0; a < dims; a++) {
        double ja = jac[row + a];
        if (ja == 0) {
          continue;
        }
        jtz[a] += ja * zi;
        int out = a * dims;
        for (int c = a; c < dims; c++) {
          jtj[out + c] += ja * jac[row + c];
        }
      }
    }
    for (int a = 0; a < dims; a++) {
      for (int c = 0; c < a; c++) {
        jtj[a * dims + c] = jtj[c * dims + a];
      }
    }
  }
}
