package dev.alo.engine.forecast.prophet;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void scratch() throws Exception {
    String[][] cases = {{"example_wp_log_peyton_manning.csv", "prophet_r_peyton_manning.csv"}, {"example_yosemite_temps.csv", "prophet_r_yosemite_temps.csv"}};
    for (String[] c : cases) {
      ReferenceData.Table in = ReferenceData.read(ReferenceData.shared().resolve("datasets/prophet/" + c[0]));
      ReferenceData.Table ref = ReferenceData.read(ReferenceData.shared().resolve("bench/reference/" + c[1]));
      List<Integer> keep = new ArrayList<>();
      double[] yAll = in.column("y");
      for (int i = 0; i < yAll.length; i++) if (!Double.isNaN(yAll[i])) keep.add(i);
      int n = keep.size();
      long[] ms = new long[n];
      double[] y = new double[n];
      for (int i = 0; i < n; i++) { ms[i] = in.ds()[keep.get(i)]; y[i] = yAll[keep.get(i)]; }
      double ys = 0;
      for (double v : y) ys = Math.max(ys, Math.abs(v));
      double[] t = new double[n];
      double[] yy = new double[n];
      for (int i = 0; i < n; i++) { t[i] = (ms[i] - ms[0]) / (double) (ms[n - 1] - ms[0]); yy[i] = y[i] / ys; }
      ProphetOptions o = ProphetOptions.defaults();
      SeasonalFeatures f = ProphetModel.features(ms, o);
      double[] cps = ProphetModel.changepoints(t, 25, 0.8);
      double[] x = f.matrix(ms);
      ProphetObjective obj = new ProphetObjective(Growth.LINEAR, t, yy, new double[n], x, f.columns(), f.priorScales(), new boolean[f.columns()], cps, 0.05);
      double[] th0 = new double[obj.thetaDimension()];
      double[] init = ProphetModel.initialTrend(Growth.LINEAR, t, yy, 0);
      th0[0] = init[0]; th0[1] = init[1];
      MapSolver.Result mine = MapSolver.solve(obj, th0);
      // recover R's theta by least squares on R's components over the history rows
      int dims = obj.thetaDimension();
      int S = cps.length;
      // map ref rows by time
      java.util.Map<Long, Integer> idx = new java.util.HashMap<>();
      for (int i = 0; i < ref.ds().length; i++) idx.put(ref.ds()[i], i);
      // trend: columns t, 1, (t-c)+
      double[] rt = ref.column("trend");
      double[] thetaR = new double[dims];
      {
        int p = 2 + S;
        double[] ata = new double[p * p];
        double[] atb = new double[p];
        for (int i = 0; i < n; i++) {
          double[] row = new double[p];
          row[0] = t[i]; row[1] = 1;
          for (int s = 0; s < S; s++) row[2 + s] = t[i] >= cps[s] ? t[i] - cps[s] : 0;
          double target = rt[idx.getOrDefault(ms[i], -1)] / ys;
          for (int a = 0; a < p; a++) { atb[a] += row[a] * target; for (int b = 0; b < p; b++) ata[a * p + b] += row[a] * row[b]; }
        }
        double[] sol = solve(ata, atb, p);
        System.arraycopy(sol, 0, thetaR, 0, p);
      }
      for (SeasonalFeatures.Block b : f.blocks()) {
        double[] comp = ref.column(b.name());
        int p = b.width();
        double[] ata = new double[p * p];
        double[] atb = new double[p];
        for (int i = 0; i < n; i++) {
          double target = comp[idx.getOrDefault(ms[i], -1)] / ys;
          for (int a = 0; a < p; a++) { double xa = x[i * f.columns() + b.firstColumn() + a]; atb[a] += xa * target; for (int bb = 0; bb < p; bb++) ata[a * p + bb] += xa * x[i * f.columns() + b.firstColumn() + bb]; }
        }
        double[] sol = solve(ata, atb, p);
        System.arraycopy(sol, 0, thetaR, 2 + S + b.firstColumn(), p);
      }
      double ssrR = obj.fitted(thetaR, new double[n], new double[0]);
      double vR = MapSolver.sigmaSquared(ssrR, n);
      double fR = MapSolver.value(thetaR, ssrR, vR, obj.thetaPrecisions(), obj.thetaL1(), n);
      System.out.printf("%s objective mine=%.9f R(recovered)=%.9f sigma mine=%.8f R=%.8f%n", c[0], mine.value(), fR, mine.sigma(), Math.sqrt(vR));
      System.out.println(" deltas mine " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(mine.theta(), 2, 2 + S)));
      System.out.println(" deltas R    " + java.util.Arrays.toString(java.util.Arrays.copyOfRange(thetaR, 2, 2 + S)));
      System.out.println(" k,m mine " + mine.theta()[0] + " " + mine.theta()[1] + " R " + thetaR[0] + " " + thetaR[1]);
    }
  }

  static double[] solve(double[] a, double[] b, int p) {
    org.hipparchus.linear.RealMatrix m = new org.hipparchus.linear.Array2DRowRealMatrix(p, p);
    for (int i = 0; i < p; i++) for (int j = 0; j < p; j++) m.setEntry(i, j, a[i * p + j]);
    return new org.hipparchus.linear.QRDecomposition(m).getSolver().solve(new org.hipparchus.linear.ArrayRealVector(b)).toArray();
  }
}
