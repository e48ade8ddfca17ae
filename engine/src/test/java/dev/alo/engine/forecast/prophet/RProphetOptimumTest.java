package dev.alo.engine.forecast.prophet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.QRDecomposition;
import org.hipparchus.linear.RealMatrix;
import org.junit.jupiter.api.Test;

/**
 * Recovers R prophet's fitted coefficients from its reference output (its trend is piecewise linear
 * on the known changepoints and each seasonal component is linear in its Fourier coefficients) and
 * evaluates the Stan objective there: ALO's MAP must be at least as good, which shows that the
 * remaining difference to R is Stan's L-BFGS stopping early, not a different model.
 */
class RProphetOptimumTest {

  @Test
  void peytonManning_aloObjectiveIsNoWorseThanRProphets() throws IOException {
    double[] values = compare("example_wp_log_peyton_manning.csv", "prophet_r_peyton_manning.csv");
    assertThat(values[0]).isLessThanOrEqualTo(values[1]);
  }

  @Test
  void yosemite_aloObjectiveIsNoWorseThanRProphets() throws IOException {
    double[] values = compare("example_yosemite_temps.csv", "prophet_r_yosemite_temps.csv");
    assertThat(values[0]).isLessThanOrEqualTo(values[1]);
  }

  /** Returns {ALO's objective, R's objective (with its best sigma)}. */
  static double[] compare(String input, String reference) throws IOException {
    ReferenceData.Table in =
        ReferenceData.read(ReferenceData.root().resolve("datasets/prophet/" + input));
    ReferenceData.Table ref =
        ReferenceData.read(ReferenceData.root().resolve("bench/reference/" + reference));
    double[] all = in.column("y");
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < all.length; i++) {
      if (!Double.isNaN(all[i])) {
        keep.add(i);
      }
    }
    int n = keep.size();
    long[] ms = new long[n];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = in.ds()[keep.get(i)];
      y[i] = all[keep.get(i)];
    }
    double yScale = 0;
    for (double v : y) {
      yScale = Math.max(yScale, Math.abs(v));
    }
    double[] t = new double[n];
    double[] ys = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (ms[i] - ms[0]) / (double) (ms[n - 1] - ms[0]);
      ys[i] = y[i] / yScale;
    }
    SeasonalFeatures f = ProphetModel.features(ms, ProphetOptions.defaults());
    double[] cps = ProphetModel.changepoints(t, 25, 0.8);
    double[] x = f.matrix(ms);
    int kCols = f.columns();
    ProphetObjective obj =
        new ProphetObjective(
            Growth.LINEAR,
            t,
            ys,
            new double[n],
            x,
            kCols,
            f.priorScales(),
            new boolean[kCols],
            cps,
            0.05);
    double[] init = ProphetModel.initialTrend(Growth.LINEAR, t, ys, 0);
    double[] theta0 = new double[obj.thetaDimension()];
    theta0[0] = init[0];
    theta0[1] = init[1];
    MapSolver.Result alo = MapSolver.solve(obj, theta0);

    Map<Long, Integer> row = new HashMap<>();
    for (int i = 0; i < ref.ds().length; i++) {
      row.put(ref.ds()[i], i);
    }
    int s = cps.length;
    double[] thetaR = new double[obj.thetaDimension()];
    double[][] trendDesign = new double[n][2 + s];
    double[] trendTarget = new double[n];
    for (int i = 0; i < n; i++) {
      trendDesign[i][0] = t[i];
      trendDesign[i][1] = 1;
      for (int c = 0; c < s; c++) {
        trendDesign[i][2 + c] = t[i] >= cps[c] ? t[i] - cps[c] : 0;
      }
      trendTarget[i] = ref.column("trend")[row.getOrDefault(ms[i], -1)] / yScale;
    }
    System.arraycopy(leastSquares(trendDesign, trendTarget), 0, thetaR, 0, 2 + s);
    for (SeasonalFeatures.Block b : f.blocks()) {
      double[][] design = new double[n][b.width()];
      double[] target = new double[n];
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < b.width(); j++) {
          design[i][j] = x[i * kCols + b.firstColumn() + j];
        }
        target[i] = ref.column(b.name())[row.getOrDefault(ms[i], -1)] / yScale;
      }
      System.arraycopy(leastSquares(design, target), 0, thetaR, 2 + s + b.firstColumn(), b.width());
    }
    double ssr = obj.fitted(thetaR, new double[n], new double[0]);
    double variance = MapSolver.sigmaSquared(ssr, n);
    double rValue = MapSolver.value(thetaR, ssr, variance, obj.thetaPrecisions(), obj.thetaL1(), n);
    System.out.printf(
        java.util.Locale.ROOT,
        "%s: negative log posterior ALO %.6f, R prophet %.6f (sigma_obs %.8f vs %.8f)%n",
        reference,
        alo.value(),
        rValue,
        alo.sigma(),
        Math.sqrt(variance));
    return new double[] {alo.value(), rValue};
  }

  static double[] leastSquares(double[][] a, double[] b) {
    RealMatrix m = new Array2DRowRealMatrix(a, false);
    return new QRDecomposition(m).getSolver().solve(new ArrayRealVector(b, false)).toArray();
  }
}
