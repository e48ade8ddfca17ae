package dev.alo.engine.forecast;

import dev.alo.engine.stats.Quantiles;
import java.util.Arrays;

/**
 * Robust seasonal profile: the last cycle's median level plus, for each phase, the median over the
 * last few cycles (up to {@value #CYCLES}) of the value's deviation from its own cycle's median. It
 * is the robust sibling of seasonal naive: one odd cycle (a spike, an outage) does not carry into
 * the forecast, a level shift is followed after one cycle, and for intermittent counts, where most
 * values are zero, it forecasts the zeros that minimise the absolute error. The interval comes from
 * the empirical quantiles of its errors one cycle ahead from every earlier cycle boundary, widening
 * slowly with each further cycle.
 */
final class SeasonalMedian implements Model {
  static final int CYCLES = 7;
  private static final int MIN_CYCLES = 3;

  @Override
  public String name() {
    return "smedian";
  }

  @Override
  public Prediction predict(double[] y, int horizon, double level, double[] periods) {
    int n = y.length;
    int m = Periods.primaryOf(periods);
    int k = Math.min(CYCLES, n / m - 1);
    if (m < 2 || k < MIN_CYCLES) {
      Prediction p = SeasonalNaive.forecast(y, horizon, level, 1);
      p.note("smedian: fewer than " + (MIN_CYCLES + 1) + " seasonal cycles: used " + p.model);
      return p;
    }
    double[] cycle = profile(y, n, m, k);
    double[] mean = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      mean[h] = cycle[h % m];
    }
    int origins = (n - m) / m - k + 1;
    double[] errors = new double[origins * m];
    for (int r = 0; r < origins; r++) {
      int end = n - m - r * m;
      double[] f = profile(y, end, m, k);
      for (int p = 0; p < m; p++) {
        errors[r * m + p] = y[end + p] - f[p];
      }
    }
    Arrays.sort(errors);
    double low = Math.min(0, Quantiles.ofSorted(errors, (1 - level) / 2));
    double high = Math.max(0, Quantiles.ofSorted(errors, (1 + level) / 2));
    double[] lower = new double[horizon];
    double[] upper = new double[horizon];
    for (int h = 0; h < horizon; h++) {
      int cyclesAhead = h / m;
      double widen = Math.sqrt(1 + cyclesAhead / (double) k);
      lower[h] = mean[h] + widen * low;
      upper[h] = mean[h] + widen * high;
    }
    return new Prediction("smedian(" + m + ")", mean, lower, upper);
  }

  /** The forecast of the m phases after index {@code end} (exclusive) from k cycles before it. */
  private static double[] profile(double[] y, int end, int m, int k) {
    double[] levels = new double[k];
    for (int j = 0; j < k; j++) {
      int from = end - (j + 1) * m;
      levels[j] = Stats.median(Arrays.copyOfRange(y, from, from + m));
    }
    double[] out = new double[m];
    double[] dev = new double[k];
    for (int p = 0; p < m; p++) {
      for (int j = 0; j < k; j++) {
        dev[j] = y[end - (j + 1) * m + p] - levels[j];
      }
      out[p] = levels[0] + Stats.median(dev);
    }
    return out;
  }
}
