package dev.alo.engine.forecast;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Multiple seasonal STL (Bandara, Hyndman and Bergmeir): STL applied to each seasonal period in
 * turn, shortest first, for two rounds, with seasonal windows 11, 15, ... as R's {@code mstl}. The
 * forecast is R's {@code stlf}: each seasonal component repeats its last cycle and the seasonally
 * adjusted series is forecast by non-seasonal ETS, whose intervals carry over.
 */
final class Mstl implements Model {
  private final Ets.@Nullable Spec fixed;

  Mstl() {
    this(null);
  }

  /** MSTL whose adjusted series refits only the ETS form {@code fixed} when it applies. */
  Mstl(Ets.@Nullable Spec fixed) {
    this.fixed = fixed;
  }

  @Override
  public String name() {
    return "mstl";
  }

  /** A decomposition: periods used, their seasonal components, and the seasonally adjusted rest. */
  static final class Decomposition {
    final int[] periods;
    final double[][] seasonals;
    final double[] adjusted;
    final double[] trend;

    Decomposition(int[] periods, double[][] seasonals, double[] adjusted, double[] trend) {
      this.periods = periods;
      this.seasonals = seasonals;
      this.adjusted = adjusted;
      this.trend = trend;
    }
  }

  /** Periods (rounded) with at least two full cycles in n values, ascending. */
  static int[] usablePeriods(int n, double[] periods, List<String> notes) {
    List<Integer> ok = new ArrayList<>();
    for (double p : periods) {
      int m = (int) Math.round(p);
      if (m < 2) {
        continue;
      }
      if (n > 2 * m) {
        ok.add(m);
      } else {
        notes.add("mstl: series too short for seasonal period " + m + " (" + n + " values)");
      }
    }
    return ok.stream().mapToInt(Integer::intValue).toArray();
  }

  static Decomposition decompose(double[] y, int[] periods) {
    int n = y.length;
    double[][] seas = new double[periods.length][n];
    double[] deseas = y.clone();
    double[] trend = new double[n];
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < periods.length; i++) {
        for (int t = 0; t < n; t++) {
          deseas[t] += seas[i][t];
        }
        Stl.Result r = Stl.decompose(deseas, periods[i], 7 + 4 * (i + 1));
        seas[i] = r.seasonal;
        trend = r.trend;
        for (int t = 0; t < n; t++) {
          deseas[t] -= seas[i][t];
        }
      }
    }
    return new Decomposition(periods, seas, deseas, trend);
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    List<String> notes = new ArrayList<>();
    int[] use = usablePeriods(y.length, periods, notes);
    if (use.length == 0) {
      Prediction p = new Ets().predict(y, horizon, level, periods);
      p.notes.addAll(0, notes);
      p.note("mstl: no usable seasonal period: used " + p.model);
      return p;
    }
    Decomposition d = decompose(y, use);
    Ets.Fit fit =
        fixed != null && fixed.appliesTo(d.adjusted, 1)
            ? Ets.fit(d.adjusted, fixed)
            : Ets.select(d.adjusted, 1);
    Prediction adj = fit.forecast(horizon, level);
    double[] mean = adj.mean.clone();
    double[] lo = adj.lower.clone();
    double[] hi = adj.upper.clone();
    Prediction p = new Prediction("mstl", mean, lo, hi);
    StringBuilder label = new StringBuilder("mstl(");
    p.components.put("trend", adj.mean.clone());
    for (int i = 0; i < use.length; i++) {
      int m = use[i];
      double[] s = d.seasonals[i];
      double[] f = new double[horizon];
      for (int h = 0; h < horizon; h++) {
        f[h] = s[y.length - m + h % m];
        mean[h] += f[h];
        lo[h] += f[h];
        hi[h] += f[h];
      }
      p.components.put("seasonal" + m, f);
      label.append(i > 0 ? "," : "").append(m);
    }
    p.model = label.append(")+").append(fit.label()).toString();
    p.etsSpec = fit.spec;
    p.notes.addAll(notes);
    return p;
  }
}
