package dev.alo.engine.forecast;

import java.util.function.ToDoubleFunction;

/**
 * A small Nelder–Mead simplex minimiser for a handful of parameters. The objective returns {@code
 * +Infinity} outside the admissible region, which the simplex then avoids.
 */
final class NelderMead {
  private NelderMead() {}

  /** The minimiser found from {@code start}; {@code step} is the initial simplex size per axis. */
  static double[] minimize(
      ToDoubleFunction<double[]> f, double[] start, double[] step, int maxEvals, double ftol) {
    int d = start.length;
    double[][] x = new double[d + 1][];
    double[] fx = new double[d + 1];
    x[0] = start.clone();
    fx[0] = f.applyAsDouble(x[0]);
    for (int i = 0; i < d; i++) {
      x[i + 1] = start.clone();
      x[i + 1][i] += step[i];
      fx[i + 1] = f.applyAsDouble(x[i + 1]);
      if (!Double.isFinite(fx[i + 1])) {
        x[i + 1][i] = start[i] - step[i];
        fx[i + 1] = f.applyAsDouble(x[i + 1]);
      }
    }
    int evals = d + 1;
    double[] centroid = new double[d];
    double[] trial = new double[d];
    double[] trial2 = new double[d];
    while (evals < maxEvals) {
      sort(x, fx);
      if (Double.isFinite(fx[d]) && Math.abs(fx[d] - fx[0]) <= ftol) {
        break;
      }
      for (int j = 0; j < d; j++) {
        double s = 0;
        for (int i = 0; i < d; i++) {
          s += x[i][j];
        }
        centroid[j] = s / d;
      }
      for (int j = 0; j < d; j++) {
        trial[j] = centroid[j] + (centroid[j] - x[d][j]);
      }
      double fr = f.applyAsDouble(trial);
      evals++;
      if (fr < fx[0]) {
        for (int j = 0; j < d; j++) {
          trial2[j] = centroid[j] + 2 * (centroid[j] - x[d][j]);
        }
        double fe = f.applyAsDouble(trial2);
        evals++;
        if (fe < fr) {
          replace(x, fx, d, trial2, fe);
        } else {
          replace(x, fx, d, trial, fr);
        }
      } else if (fr < fx[d - 1]) {
        replace(x, fx, d, trial, fr);
      } else {
        boolean outside = fr < fx[d];
        for (int j = 0; j < d; j++) {
          trial2[j] =
              outside
                  ? centroid[j] + 0.5 * (trial[j] - centroid[j])
                  : centroid[j] + 0.5 * (x[d][j] - centroid[j]);
        }
        double fc = f.applyAsDouble(trial2);
        evals++;
        if (fc < Math.min(fr, fx[d])) {
          replace(x, fx, d, trial2, fc);
        } else {
          for (int i = 1; i <= d; i++) {
            for (int j = 0; j < d; j++) {
              x[i][j] = x[0][j] + 0.5 * (x[i][j] - x[0][j]);
            }
            fx[i] = f.applyAsDouble(x[i]);
          }
          evals += d;
        }
      }
    }
    sort(x, fx);
    return x[0];
  }

  private static void replace(double[][] x, double[] fx, int i, double[] v, double fv) {
    System.arraycopy(v, 0, x[i], 0, v.length);
    fx[i] = fv;
  }

  private static void sort(double[][] x, double[] fx) {
    for (int i = 1; i < fx.length; i++) {
      double fk = fx[i];
      double[] xk = x[i];
      int j = i - 1;
      while (j >= 0 && compare(fx[j], fk) > 0) {
        fx[j + 1] = fx[j];
        x[j + 1] = x[j];
        j--;
      }
      fx[j + 1] = fk;
      x[j + 1] = xk;
    }
  }

  private static int compare(double a, double b) {
    double aa = Double.isNaN(a) ? Double.POSITIVE_INFINITY : a;
    double bb = Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;
    return Double.compare(aa, bb);
  }
}
