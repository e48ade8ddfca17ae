package dev.alo.engine.forecast.prophet;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.optim.Lbfgs;
import dev.alo.engine.forecast.optim.OptimumResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Prophet (Taylor &amp; Letham) re-implemented: the same scaling, changepoint grid, Fourier
 * features, auto-seasonality rules, Stan model priors and MAP optimum (found exactly by {@link
 * MapSolver}), and the same simulation of future trend changes and noise for the intervals.
 *
 * <p>Usage: {@code ProphetModel.of(options).fit(epochMillis, y).predict(futureMillis)}.
 */
public final class ProphetModel {
  private final ProphetOptions options;

  private ProphetModel(ProphetOptions options) {
    this.options = options;
  }

  /** A model with these options. */
  public static ProphetModel of(ProphetOptions options) {
    return new ProphetModel(options);
  }

  /** A model with Prophet's default options. */
  public static ProphetModel withDefaults() {
    return new ProphetModel(ProphetOptions.defaults());
  }

  /** The options of this model. */
  public ProphetOptions options() {
    return options;
  }

  /**
   * Fits the model to a history. Rows whose value is NaN are dropped, as Prophet does; the rows
   * need not be sorted.
   *
   * @param epochMillis instants of the observations (UTC epoch milliseconds)
   * @param y observed values (NaN = missing)
   * @return the fitted model
   * @throws InputException when fewer than 2 values are present, a value is infinite, the lengths
   *     differ, or all present instants are equal
   */
  public FittedProphet fit(long[] epochMillis, double[] y) {
    if (epochMillis.length != y.length) {
      throw new InputException(
          "prophet: "
              + epochMillis.length
              + " timestamps but "
              + y.length
              + " values; expected one value per timestamp");
    }
    List<Integer> present = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      if (Double.isInfinite(y[i])) {
        throw new InputException("prophet: value at row " + i + " is infinite; expected a number");
      }
      if (!Double.isNaN(y[i])) {
        present.add(i);
      }
    }
    if (present.size() < 2) {
      throw new InputException(
          "prophet: the history has " + present.size() + " non-missing values; expected >= 2");
    }
    Integer[] order = present.toArray(new Integer[0]);
    Arrays.sort(order, Comparator.comparingLong(i -> epochMillis[i]));
    int n = order.length;
    long[] ms = new long[n];
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      ms[i] = epochMillis[order[i]];
      values[i] = y[order[i]];
    }
    long start = ms[0];
    long end = ms[n - 1];
    if (end == start) {
      throw new InputException(
          "prophet: all " + n + " observations share one timestamp; expected a time span");
    }
    double tScale = end - start;
    boolean logistic = options.growth() == Growth.LOGISTIC;
    double floor = logistic ? options.floor() : 0.0;
    double yScale = 0;
    for (double v : values) {
      yScale = Math.max(yScale, Math.abs(v - floor));
    }
    if (yScale == 0) {
      yScale = 1;
    }
    double[] t = new double[n];
    double[] ys = new double[n];
    double[] cap = new double[n];
    double capScaled = logistic ? (options.cap() - floor) / yScale : 0;
    for (int i = 0; i < n; i++) {
      t[i] = (ms[i] - start) / tScale;
      ys[i] = (values[i] - floor) / yScale;
      cap[i] = capScaled;
    }
    SeasonalFeatures features = features(ms, options);
    double[] changepoints = changepoints(t, options.changepoints(), options.changepointRange());
    double[] x = features.matrix(ms);
    int kCols = features.columns();
    boolean[] mult = new boolean[kCols];
    Arrays.fill(mult, options.seasonalityMode() == SeasonalityMode.MULTIPLICATIVE);

    double[] init = initialTrend(options.growth(), t, ys, capScaled);
    ProphetObjective objective =
        new ProphetObjective(
            options.growth(),
            t,
            ys,
            cap,
            x,
            kCols,
            features.priorScales(),
            mult,
            changepoints,
            options.changepointPriorScale());
    double k;
    double m;
    double[] delta = new double[changepoints.length];
    double sigma;
    double[] beta = new double[kCols];
    int iterations = 0;
    boolean constant =
        Arrays.stream(values).min().orElseThrow() == Arrays.stream(values).max().orElseThrow();
    if (constant) {
      k = init[0];
      m = init[1];
      sigma = 0;
    } else {
      double[] theta0 = new double[objective.thetaDimension()];
      theta0[0] = init[0];
      theta0[1] = init[1];
      MapSolver.Result r = MapSolver.solve(objective, theta0);
      double[] p = r.theta();
      iterations = r.iterations();
      k = p[0];
      m = p[1];
      System.arraycopy(p, 2, delta, 0, delta.length);
      sigma = r.sigma();
      System.arraycopy(p, 2 + delta.length, beta, 0, kCols);
      if (!r.exact()) {
        // safeguard: polish with L-BFGS (orthant-wise for the Laplace prior), keep the better
        double[] warm = new double[objective.dimension()];
        System.arraycopy(p, 0, warm, 0, 2 + delta.length);
        warm[objective.sigmaIndex()] = Math.log(Math.max(sigma, 1e-300));
        System.arraycopy(p, 2 + delta.length, warm, objective.betaIndex(), kCols);
        OptimumResult polished =
            Lbfgs.of(10, 1000, 1e-9, 1e-14).minimize(objective, warm, objective.l1Weights());
        if (polished.value() < r.value()) {
          double[] q = polished.point();
          k = q[0];
          m = q[1];
          System.arraycopy(q, 2, delta, 0, delta.length);
          sigma = Math.exp(q[objective.sigmaIndex()]);
          System.arraycopy(q, objective.betaIndex(), beta, 0, kCols);
          iterations += polished.iterations();
        }
      }
    }
    boolean dummyChangepoint = effectiveChangepoints(n) == 0;
    if (dummyChangepoint) {
      // Prophet folds the dummy changepoint's delta into the base rate
      k += delta[0];
      delta[0] = 0;
    }
    return new FittedProphet(
        options,
        start,
        tScale,
        yScale,
        floor,
        capScaled,
        changepoints,
        k,
        m,
        delta,
        sigma,
        beta,
        features,
        iterations,
        dummyChangepoint);
  }

  private int effectiveChangepoints(int n) {
    int histSize = (int) Math.floor(n * options.changepointRange());
    int count = options.changepoints();
    if (count + 1 > histSize) {
      count = histSize - 1;
    }
    return Math.max(count, 0);
  }

  /**
   * Prophet's changepoint grid on scaled time {@code t} (sorted): R prophet's {@code round(seq(1,
   * hist.size, length.out = n + 1))[-1]} over the first {@code range} share of the rows (round half
   * to even, 1-based), or a single dummy changepoint at 0 when there are none.
   */
  static double[] changepoints(double[] t, int requested, double range) {
    int histSize = (int) Math.floor(t.length * range);
    int count = requested;
    if (count + 1 > histSize) {
      count = histSize - 1;
    }
    if (count <= 0) {
      return new double[] {0.0};
    }
    double by = (histSize - 1.0) / count;
    double[] out = new double[count];
    for (int j = 1; j <= count; j++) {
      double position = j == count ? histSize : 1.0 + j * by;
      int index1 = (int) Math.rint(position);
      out[j - 1] = t[index1 - 1];
    }
    Arrays.sort(out);
    return out;
  }

  /** Prophet's linear_growth_init / logistic_growth_init / flat init on sorted data. */
  static double[] initialTrend(Growth growth, double[] t, double[] ys, double capScaled) {
    int last = t.length - 1;
    double span = t[last] - t[0];
    return switch (growth) {
      case LINEAR -> {
        double k = (ys[last] - ys[0]) / span;
        yield new double[] {k, ys[0] - k * t[0]};
      }
      case LOGISTIC -> {
        double y0 = Math.max(0.01 * capScaled, Math.min(0.99 * capScaled, ys[0]));
        double y1 = Math.max(0.01 * capScaled, Math.min(0.99 * capScaled, ys[last]));
        double r0 = capScaled / y0;
        double r1 = capScaled / y1;
        if (Math.abs(r0 - r1) <= 0.01) {
          r0 = 1.05 * r0;
        }
        double l0 = Math.log(r0 - 1);
        double l1 = Math.log(r1 - 1);
        yield new double[] {(l0 - l1) / span, l0 * span / (l0 - l1)};
      }
      case FLAT ->
          new double[] {
            0.0, IntStream.range(0, ys.length).mapToDouble(i -> ys[i]).average().orElse(0)
          };
    };
  }

  /** Enabled seasonalities (Prophet's auto rules) and holidays, in Prophet's column order. */
  static SeasonalFeatures features(long[] sortedMillis, ProphetOptions o) {
    int n = sortedMillis.length;
    double spanDays = (sortedMillis[n - 1] - sortedMillis[0]) / SeasonalFeatures.MILLIS_PER_DAY;
    long minDt = Long.MAX_VALUE;
    for (int i = 1; i < n; i++) {
      long dt = sortedMillis[i] - sortedMillis[i - 1];
      if (dt > 0) {
        minDt = Math.min(minDt, dt);
      }
    }
    double minDtDays = minDt / SeasonalFeatures.MILLIS_PER_DAY;
    List<SeasonalFeatures.Seasonality> seasonalities = new ArrayList<>();
    if (enabled(o.yearly(), spanDays < 730)) {
      seasonalities.add(
          new SeasonalFeatures.Seasonality(
              "yearly", 365.25, o.yearlyOrder(), o.seasonalityPriorScale()));
    }
    if (enabled(o.weekly(), spanDays < 14 || minDtDays >= 7)) {
      seasonalities.add(
          new SeasonalFeatures.Seasonality(
              "weekly", 7, o.weeklyOrder(), o.seasonalityPriorScale()));
    }
    if (enabled(o.daily(), spanDays < 2 || minDtDays >= 1)) {
      seasonalities.add(
          new SeasonalFeatures.Seasonality("daily", 1, o.dailyOrder(), o.seasonalityPriorScale()));
    }
    Set<String> names =
        new HashSet<>(
            List.of(
                "yearly",
                "weekly",
                "daily",
                "holidays",
                "trend",
                "additive_terms",
                "multiplicative_terms"));
    for (Holiday h : o.holidays()) {
      if (!names.add(h.name())) {
        throw new InputException(
            "prophet: holiday name '"
                + h.name()
                + "' is used twice or is reserved; expected"
                + " unique names other than trend, yearly, weekly, daily, holidays,"
                + " additive_terms, multiplicative_terms");
      }
    }
    return SeasonalFeatures.of(seasonalities, o.holidays(), o.holidaysPriorScale());
  }

  private static boolean enabled(SeasonalityToggle toggle, boolean autoDisable) {
    return switch (toggle) {
      case ON -> true;
      case OFF -> false;
      case AUTO -> !autoDisable;
    };
  }
}
