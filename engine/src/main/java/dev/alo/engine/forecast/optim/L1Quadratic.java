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
    for (int sweep = 0; sweep < 4; sweep++) {
      coordinateSweep(q, l1, x, g, p);
    }
    double scale = 1;
    for (int j = 0; j < p; j++) {
      scale = Math.max(scale, Math.max(Math.abs(b[j]), l1[j]));
    }
    double tolerance = 1e-10 * scale;
    int[] active = new int[p];
    double[] sign = new double[p];
    double[] matrix = new double[p * p];
    double[] rhs = new double[p];
    double[] solution = new double[p];
    double[] target = new double[p];
    double[] trial = new double[p];
    double[] best = new double[p];
    int entering = -1;
    double enteringSign = 0;
    for (int step = 0; step < 50 * p + 100; step++) {
      gradient(q, b, x, g);
      if (entering < 0) {
        boolean activeOptimal = true;
        for (int j = 0; j < p; j++) {
          if ((l1[j] == 0 || x[j] != 0) && Math.abs(g[j] + l1[j] * Math.signum(x[j])) > tolerance) {
            activeOptimal = false;
            break;
          }
        }
        if (activeOptimal) {
          double worst = tolerance;
          for (int j = 0; j < p; j++) {
            if (l1[j] != 0 && x[j] == 0 && Math.abs(g[j]) - l1[j] > worst) {
              worst = Math.abs(g[j]) - l1[j];
              entering = j;
            }
          }
          if (entering < 0) {
            return true;
          }
          enteringSign = -Math.signum(g[entering]);
        }
      }
      // feature-sign step: exact minimiser on the active set with fixed signs
      int f = 0;
      for (int j = 0; j < p; j++) {
        if (l1[j] == 0 || x[j] != 0 || j == entering) {
          active[f++] = j;
          sign[j] = j == entering ? enteringSign : Math.signum(x[j]);
        }
      }
      entering = -1;
      for (int a = 0; a < f; a++) {
        int j = active[a];
        rhs[a] = b[j] - l1[j] * sign[j];
        for (int c = 0; c < f; c++) {
          matrix[a * f + c] = q[j * p + active[c]];
        }
      }
      if (!cholesky(matrix, f)) {
        for (int sweep = 0; sweep < 16; sweep++) {
          coordinateSweep(q, l1, x, g, p);
        }
        continue;
      }
      choleskySolve(matrix, f, rhs, solution);
      java.util.Arrays.fill(target, 0.0);
      for (int a = 0; a < f; a++) {
        target[active[a]] = solution[a];
      }
      // line search over the segment x -> target: its end and every zero crossing
      double bestValue = value(q, b, l1, x);
      System.arraycopy(x, 0, best, 0, p);
      boolean improved = false;
      for (int a = -1; a < f; a++) {
        double t = 1.0;
        int zeroed = -1;
        if (a >= 0) {
          int j = active[a];
          if (l1[j] == 0 || x[j] == 0 || target[j] * x[j] > 0) {
            continue;
          }
          t = x[j] / (x[j] - target[j]);
          zeroed = j;
        }
        for (int j = 0; j < p; j++) {
          trial[j] = x[j] + t * (target[j] - x[j]);
        }
        if (zeroed >= 0) {
          trial[zeroed] = 0;
        }
        double v = value(q, b, l1, trial);
        if (v < bestValue) {
          bestValue = v;
          System.arraycopy(trial, 0, best, 0, p);
          improved = true;
        }
      }
      if (!improved) {
        return false; // no strict decrease possible: x is optimal to rounding
      }
      System.arraycopy(best, 0, x, 0, p);
    }
    return false;
  }

  private static double value(double[] q, double[] b, double[] l1, double[] x) {
    int p = b.length;
    double v = 0;
    for (int i = 0; i < p; i++) {
      double qx = 0;
      int row = i * p;
      for (int j = 0; j < p; j++) {
        qx += q[row + j] * x[j];
      }
      v += x[i] * (0.5 * qx - b[i]) + l1[i] * Math.abs(x[i]);
    }
    return v;
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
