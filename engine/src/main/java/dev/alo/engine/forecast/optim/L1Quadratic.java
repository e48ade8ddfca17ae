package dev.alo.engine.forecast.optim;

/**
 * Exact minimiser of a small dense L1-penalised quadratic
 *
 * <pre>  q(x) = 1/2 x'Qx - b'x + sum_j l1[j] |x_j|   (Q symmetric positive definite)</pre>
 *
 * by cyclic coordinate descent that identifies the signs, followed by an exact solve on the
 * non-zero set; the solve is accepted only when it satisfies the optimality conditions (signs kept,
 * and |(Qx - b)_j| &lt;= l1[j] where x_j = 0), so the answer is the optimum to linear-algebra
 * precision rather than to an iteration tolerance.
 */
public final class L1Quadratic {
  private L1Quadratic() {}

  /**
   * Minimises q from the warm start {@code x} (overwritten with the minimiser).
   *
   * @param q row-major p x p matrix
   * @param b linear term
   * @param l1 non-negative L1 weights (0 = free coordinate)
   * @param x start on entry, minimiser on return
   * @return whether the exact optimality conditions were met (otherwise x is the best point
   *     coordinate descent reached)
   */
  public static boolean minimize(double[] q, double[] b, double[] l1, double[] x) {
    int p = b.length;
    double[] g = new double[p]; // gradient of the smooth part: Qx - b
    gradient(q, b, x, g);
    int[] free = new int[p];
    double[] rhs = new double[p];
    double[] chol = new double[p * p];
    double[] solution = new double[p];
    int sweepsPerRound = 4;
    for (int round = 0; round < 2000; round++) {
      for (int sweep = 0; sweep < sweepsPerRound; sweep++) {
        coordinateSweep(q, l1, x, g, p);
      }
      sweepsPerRound = Math.min(64, sweepsPerRound * 2);
      // exact solve on the current support with the current signs
      int f = 0;
      for (int j = 0; j < p; j++) {
        if (l1[j] == 0 || x[j] != 0) {
          free[f++] = j;
        }
      }
      for (int a = 0; a < f; a++) {
        int j = free[a];
        rhs[a] = b[j] - (l1[j] == 0 ? 0 : l1[j] * Math.signum(x[j]));
        for (int c = 0; c < f; c++) {
          chol[a * f + c] = q[j * p + free[c]];
        }
      }
      if (!cholesky(chol, f)) {
        continue;
      }
      choleskySolve(chol, f, rhs, solution);
      boolean signsKept = true;
      for (int a = 0; a < f; a++) {
        int j = free[a];
        if (l1[j] != 0 && solution[a] * x[j] <= 0) {
          signsKept = false;
          break;
        }
      }
      if (!signsKept) {
        continue;
      }
      double[] candidate = new double[p];
      for (int a = 0; a < f; a++) {
        candidate[free[a]] = solution[a];
      }
      double[] gc = new double[p];
      gradient(q, b, candidate, gc);
      boolean optimal = true;
      for (int j = 0; j < p; j++) {
        if (l1[j] != 0 && candidate[j] == 0 && Math.abs(gc[j]) > l1[j] * (1 + 1e-12)) {
          optimal = false;
          break;
        }
      }
      System.arraycopy(candidate, 0, x, 0, p);
      System.arraycopy(gc, 0, g, 0, p);
      if (optimal) {
        return true;
      }
    }
    return false;
  }

  private static void coordinateSweep(double[] q, double[] l1, double[] x, double[] g, int p) {
    for (int j = 0; j < p; j++) {
      double qjj = q[j * p + j];
      double old = x[j];
      double rho = qjj * old - g[j]; // b_j - sum_{i != j} Q_ji x_i
      double updated;
      if (qjj <= 0) {
        updated = 0;
      } else if (l1[j] == 0) {
        updated = rho / qjj;
      } else if (rho > l1[j]) {
        updated = (rho - l1[j]) / qjj;
      } else if (rho < -l1[j]) {
        updated = (rho + l1[j]) / qjj;
      } else {
        updated = 0;
      }
      double change = updated - old;
      if (change != 0) {
        x[j] = updated;
        int row = j * p;
        for (int i = 0; i < p; i++) {
          g[i] += change * q[row + i];
        }
      }
    }
  }

  private static void gradient(double[] q, double[] b, double[] x, double[] g) {
    int p = b.length;
    for (int i = 0; i < p; i++) {
      double s = -b[i];
      int row = i * p;
      for (int j = 0; j < p; j++) {
        s += q[row + j] * x[j];
      }
      g[i] = s;
    }
  }

  /** In-place lower Cholesky factor of the leading f x f block; false if not positive definite. */
  static boolean cholesky(double[] a, int f) {
    for (int j = 0; j < f; j++) {
      double d = a[j * f + j];
      for (int k = 0; k < j; k++) {
        d -= a[j * f + k] * a[j * f + k];
      }
      if (!(d > 0)) {
        return false;
      }
      double l = Math.sqrt(d);
      a[j * f + j] = l;
      for (int i = j + 1; i < f; i++) {
        double s = a[i * f + j];
        for (int k = 0; k < j; k++) {
          s -= a[i * f + k] * a[j * f + k];
        }
        a[i * f + j] = s / l;
      }
    }
    return true;
  }

  static void choleskySolve(double[] l, int f, double[] rhs, double[] out) {
    for (int i = 0; i < f; i++) {
      double s = rhs[i];
      for (int k = 0; k < i; k++) {
        s -= l[i * f + k] * out[k];
      }
      out[i] = s / l[i * f + i];
    }
    for (int i = f - 1; i >= 0; i--) {
      double s = out[i];
      for (int k = i + 1; k < f; k++) {
        s -= l[k * f + i] * out[k];
      }
      out[i] = s / l[i * f + i];
    }
  }
}
