package dev.alo.engine.forecast.optim;

/**
 * Limited-memory BFGS minimiser. With non-zero L1 weights it runs the orthant-wise variant (OWL-QN,
 * Andrew &amp; Gao 2007), which minimises {@code f(x) + sum_i l1[i] * |x[i]|} exactly: coordinates
 * whose optimum is zero end at zero instead of oscillating around the kink. With all weights zero
 * it is plain L-BFGS with a backtracking (Armijo) line search.
 *
 * <p>Convergence: the (pseudo-)gradient's largest entry falls below {@code gradientTolerance} times
 * max(1, |f|), or the relative decrease of the objective stays below {@code relativeTolerance} for
 * three iterations in a row, or the line search can make no more progress (the point is optimal to
 * machine precision).
 */
public final class Lbfgs {
  private final int memory;
  private final int maxIterations;
  private final double gradientTolerance;
  private final double relativeTolerance;

  private Lbfgs(int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
    if (memory < 1 || maxIterations < 1 || !(gradientTolerance >= 0) || !(relativeTolerance >= 0)) {
      throw new IllegalArgumentException(
          "L-BFGS settings out of range: memory="
              + memory
              + " maxIterations="
              + maxIterations
              + " (both >= 1), tolerances "
              + gradientTolerance
              + ", "
              + relativeTolerance
              + " (>= 0)");
    }
    this.memory = memory;
    this.maxIterations = maxIterations;
    this.gradientTolerance = gradientTolerance;
    this.relativeTolerance = relativeTolerance;
  }

  /** Tight defaults: memory 10, 10 000 iterations, gradient 1e-9, relative decrease 1e-14. */
  public static Lbfgs tight() {
    return new Lbfgs(10, 10_000, 1e-9, 1e-14);
  }

  /** A minimiser with explicit settings. */
  public static Lbfgs of(
      int memory, int maxIterations, double gradientTolerance, double relativeTolerance) {
    return new Lbfgs(memory, maxIterations, gradientTolerance, relativeTolerance);
  }

  /** Minimises a smooth function from {@code start}. */
  public OptimumResult minimize(DifferentiableFunction f, double[] start) {
    return minimize(f, start, new double[start.length]);
  }

  /**
   * Minimises {@code f(x) + sum_i l1[i] * |x[i]|} from {@code start}.
   *
   * @param l1 non-negative weight per coordinate (0 = no L1 term)
   */
  public OptimumResult minimize(DifferentiableFunction f, double[] start, double[] l1) {
    int n = start.length;
    if (l1.length != n) {
      throw new IllegalArgumentException(
          "l1 has " + l1.length + " weights, expected one per coordinate (" + n + ")");
    }
    boolean anyL1 = false;
    for (double w : l1) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("L1 weight " + w + " must be >= 0");
      }
      anyL1 |= w > 0;
    }
    double[] x = start.clone();
    double[] g = new double[n];
    double fx = f.valueAndGradient(x, g) + l1Norm(x, l1);
    int evaluations = 1;
    if (!Double.isFinite(fx)) {
      throw new IllegalArgumentException("objective is not finite at the start point: " + fx);
    }
    double[][] s = new double[memory][n];
    double[][] y = new double[memory][n];
    double[] rho = new double[memory];
    double[] alpha = new double[memory];
    int stored = 0;
    int newest = -1;
    double[] pg = new double[n];
    double[] d = new double[n];
    double[] xNew = new double[n];
    double[] gNew = new double[n];
    int smallDecreases = 0;
    int iteration = 0;
    boolean converged = false;
    while (iteration < maxIterations) {
      pseudoGradient(x, g, l1, pg, anyL1);
      if (maxAbs(pg) <= gradientTolerance * Math.max(1.0, Math.abs(fx))) {
        converged = true;
        break;
      }
      // two-loop recursion: d = -H pg
      for (int i = 0; i < n; i++) {
        d[i] = -pg[i];
      }
      for (int j = 0; j < stored; j++) {
        int idx = Math.floorMod(newest - j, memory);
        alpha[idx] = rho[idx] * dot(s[idx], d);
        axpy(-alpha[idx], y[idx], d);
      }
      double gamma = 1.0;
      if (stored > 0) {
        gamma = dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
      }
      for (int i = 0; i < n; i++) {
        d[i] *= gamma;
      }
      for (int j = stored - 1; j >= 0; j--) {
        int idx = Math.floorMod(newest - j, memory);
        double beta = rho[idx] * dot(y[idx], d);
        axpy(alpha[idx] - beta, s[idx], d);
      }
      if (anyL1) {
        for (int i = 0; i < n; i++) {
          if (d[i] * pg[i] >= 0) {
            d[i] = 0;
          }
        }
      }
      double slope = dot(pg, d);
      if (!(slope < 0)) {
        // not a descent direction: restart from steepest descent
        stored = 0;
        for (int i = 0; i < n; i++) {
          d[i] = -pg[i];
        }
        slope = dot(pg, d);
      }
      double step = stored == 0 ? Math.min(1.0, 1.0 / Math.sqrt(-slope)) : 1.0;
      double fNew = Double.NaN;
      boolean accepted = false;
      for (int trial = 0; trial < 60; trial++) {
        for (int i = 0; i < n; i++) {
          double v = x[i] + step * d[i];
          if (anyL1 && l1[i] > 0) {
            double orthant = x[i] != 0 ? Math.signum(x[i]) : -Math.signum(pg[i]);
            if (v * orthant <= 0) {
              v = 0;
            }
          }
          xNew[i] = v;
        }
        fNew = f.valueAndGradient(xNew, gNew) + l1Norm(xNew, l1);
        evaluations++;
        double decrease = 0;
        for (int i = 0; i < n; i++) {
          decrease += pg[i] * (xNew[i] - x[i]);
        }
        if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * decrease) {
          accepted = true;
          break;
        }
        step *= 0.5;
      }
      iteration++;
      if (!accepted) {
        if (stored == 0) {
          converged = true; // no descent possible even along the steepest direction
          break;
        }
        stored = 0; // drop the curvature memory and retry once from steepest descent
        continue;
      }
      newest = (newest + 1) % memory;
      double sy = 0;
      double yy = 0;
      for (int i = 0; i < n; i++) {
        double si = xNew[i] - x[i];
        double yi = gNew[i] - g[i];
        s[newest][i] = si;
        y[newest][i] = yi;
        sy += si * yi;
        yy += yi * yi;
      }
      if (sy > 1e-12 * yy && sy > 0) {
        rho[newest] = 1.0 / sy;
        stored = Math.min(stored + 1, memory);
      } else {
        newest = Math.floorMod(newest - 1, memory);
      }
      double relative = (fx - fNew) / Math.max(Math.max(Math.abs(fx), Math.abs(fNew)), 1.0);
      System.arraycopy(xNew, 0, x, 0, n);
      System.arraycopy(gNew, 0, g, 0, n);
      fx = fNew;
      smallDecreases = relative < relativeTolerance ? smallDecreases + 1 : 0;
      if (smallDecreases >= 3) {
        converged = true;
        break;
      }
    }
    return new OptimumResult(x, fx, iteration, evaluations, converged);
  }

  private static void pseudoGradient(double[] x, double[] g, double[] l1, double[] pg, boolean on) {
    if (!on) {
      System.arraycopy(g, 0, pg, 0, g.length);
      return;
    }
    for (int i = 0; i < x.length; i++) {
      double c = l1[i];
      if (c == 0) {
        pg[i] = g[i];
      } else if (x[i] > 0) {
        pg[i] = g[i] + c;
      } else if (x[i] < 0) {
        pg[i] = g[i] - c;
      } else if (g[i] + c < 0) {
        pg[i] = g[i] + c;
      } else if (g[i] - c > 0) {
        pg[i] = g[i] - c;
      } else {
        pg[i] = 0;
      }
    }
  }

  private static double l1Norm(double[] x, double[] l1) {
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      if (l1[i] != 0) {
        sum += l1[i] * Math.abs(x[i]);
      }
    }
    return sum;
  }

  private static double dot(double[] a, double[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static void axpy(double a, double[] x, double[] y) {
    for (int i = 0; i < x.length; i++) {
      y[i] += a * x[i];
    }
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double e : v) {
      m = Math.max(m, Math.abs(e));
    }
    return m;
  }

  @Override
  public String toString() {
    return "Lbfgs[memory=" + memory + ", maxIterations=" + maxIterations + "]";
  }
}
