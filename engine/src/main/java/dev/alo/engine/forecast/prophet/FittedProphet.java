package dev.alo.engine.forecast.prophet;

import dev.alo.engine.stats.Quantiles;
import dev.alo.engine.stats.SeededRandom;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hipparchus.special.Erf;

/**
 * A fitted Prophet model: the MAP parameters on Prophet's scaled axes and everything needed to
 * predict. Immutable and safe to share between threads; {@link #predict} is deterministic for the
 * options' seed.
 */
public final class FittedProphet {
  private final ProphetOptions options;
  private final long start;
  private final double tScale;
  private final double yScale;
  private final double floor;
  private final double capScaled;
  private final double[] changepoints;
  private final double k;
  private final double m;
  private final double[] delta;
  private final double sigma;
  private final double[] beta;
  private final SeasonalFeatures features;
  private final int iterations;
  private final boolean dummyChangepoint;

  FittedProphet(
      ProphetOptions options,
      long start,
      double tScale,
      double yScale,
      double floor,
      double capScaled,
      double[] changepoints,
      double k,
      double m,
      double[] delta,
      double sigma,
      double[] beta,
      SeasonalFeatures features,
      int iterations,
      boolean dummyChangepoint) {
    this.options = options;
    this.start = start;
    this.tScale = tScale;
    this.yScale = yScale;
    this.floor = floor;
    this.capScaled = capScaled;
    this.changepoints = changepoints;
    this.k = k;
    this.m = m;
    this.delta = delta;
    this.sigma = sigma;
    this.beta = beta;
    this.features = features;
    this.iterations = iterations;
    this.dummyChangepoint = dummyChangepoint;
  }

  /** The fitted parameters on Prophet's scaled axes (as Stan reports them). */
  public Parameters parameters() {
    return new Parameters(k, m, delta.clone(), sigma, beta.clone(), yScale, iterations);
  }

  /**
   * MAP parameters: initial rate k, offset m, rate changes delta, noise sigma_obs, and feature
   * coefficients beta (y scaled by yScale, time scaled to [0, 1] over the history).
   *
   * @param k initial growth rate
   * @param m offset
   * @param delta rate change at each changepoint
   * @param sigmaObs observation noise (scaled)
   * @param beta coefficients of the seasonal/holiday features
   * @param yScale the scale of y (max |y - floor|)
   * @param iterations L-BFGS iterations the fit took
   */
  @SuppressWarnings("ArrayRecordComponent") // plain numeric results, read-only by contract
  public record Parameters(
      double k,
      double m,
      double[] delta,
      double sigmaObs,
      double[] beta,
      double yScale,
      int iterations) {}

  /** The potential changepoints as instants (empty when the model has none). */
  public long[] changepointTimes() {
    if (dummyChangepoint) {
      return new long[0];
    }
    long[] out = new long[changepoints.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = start + Math.round(changepoints[i] * tScale);
    }
    return out;
  }

  /** Names of the enabled seasonalities, in column order (e.g. [weekly, daily]). */
  public java.util.List<String> seasonalities() {
    return features.blocks().stream()
        .filter(b -> !b.holiday())
        .map(SeasonalFeatures.Block::name)
        .toList();
  }

  /** Predicts at the given instants (history or future, any order). */
  public ProphetForecast predict(long[] epochMillis) {
    int n = epochMillis.length;
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = (epochMillis[i] - start) / tScale;
    }
    double[] gammas =
        options.growth() == Growth.LOGISTIC
            ? PiecewiseTrend.logisticGammas(k, m, delta, changepoints)
            : new double[0];
    double[] trendScaled = new double[n];
    double[] trend = new double[n];
    for (int i = 0; i < n; i++) {
      trendScaled[i] =
          switch (options.growth()) {
            case LINEAR -> PiecewiseTrend.linear(t[i], k, m, delta, changepoints);
            case LOGISTIC ->
                PiecewiseTrend.logistic(t[i], capScaled, k, m, delta, changepoints, gammas);
            case FLAT -> m;
          };
      trend[i] = trendScaled[i] * yScale + floor;
    }
    boolean multiplicative = options.seasonalityMode() == SeasonalityMode.MULTIPLICATIVE;
    double unit = multiplicative ? 1.0 : yScale;
    int kCols = features.columns();
    double[] x = features.matrix(epochMillis);
    Map<String, double[]> components = new LinkedHashMap<>();
    double[] holidays = new double[n];
    boolean anyHoliday = false;
    double[] terms = new double[n];
    for (SeasonalFeatures.Block b : features.blocks()) {
      double[] c = new double[n];
      for (int i = 0; i < n; i++) {
        double sum = 0;
        int base = i * kCols + b.firstColumn();
        for (int j = 0; j < b.width(); j++) {
          sum += x[base + j] * beta[b.firstColumn() + j];
        }
        c[i] = sum * unit;
        terms[i] += c[i];
        if (b.holiday()) {
          holidays[i] += c[i];
        }
      }
      anyHoliday |= b.holiday();
      components.put(b.name(), c);
    }
    if (anyHoliday) {
      components.put("holidays", holidays);
    }
    double[] additive = multiplicative ? new double[n] : terms;
    double[] mult = multiplicative ? terms : new double[n];
    components.put("additive_terms", additive);
    components.put("multiplicative_terms", mult);
    double[] yhat = new double[n];
    for (int i = 0; i < n; i++) {
      yhat[i] = trend[i] * (1 + mult[i]) + additive[i];
    }
    double[] lower = new double[n];
    double[] upper = new double[n];
    if (options.uncertaintySamples() == 0) {
      Arrays.fill(lower, Double.NaN);
      Arrays.fill(upper, Double.NaN);
    } else {
      intervals(t, trendScaled, mult, additive, yhat, lower, upper);
    }
    return new ProphetForecast(epochMillis.clone(), yhat, lower, upper, trend, components);
  }

  /**
   * Prophet's predictive intervals: in each of the uncertainty samples, new changepoints arrive
   * after the history as a Poisson process with the history's changepoint frequency, with
   * Laplace(0, mean |delta|) rate changes, and Normal(0, sigma_obs) noise is added; the bounds are
   * the (1 - w)/2 and (1 + w)/2 quantiles (R's type 7) across samples. Where no new changepoint can
   * act (t &lt;= 1, the history) the simulated trend equals the fitted one in every sample, so the
   * bounds there are the exact quantiles of the noise around yhat instead of a Monte Carlo estimate
   * of them.
   */
  private void intervals(
      double[] t,
      double[] trendScaled,
      double[] mult,
      double[] additive,
      double[] yhat,
      double[] lower,
      double[] upper) {
    int n = t.length;
    double w = options.intervalWidth();
    double lowP = (1 - w) / 2;
    double highP = (1 + w) / 2;
    double noise = sigma * yScale;
    double zLow = Math.sqrt(2) * Erf.erfInv(2 * lowP - 1);
    double zHigh = Math.sqrt(2) * Erf.erfInv(2 * highP - 1);
    int future = 0;
    double tMax = 1;
    for (int i = 0; i < n; i++) {
      if (t[i] > 1 && options.growth() != Growth.FLAT) {
        future++;
        tMax = Math.max(tMax, t[i]);
      } else {
        lower[i] = yhat[i] + noise * zLow;
        upper[i] = yhat[i] + noise * zHigh;
      }
    }
    if (future == 0) {
      return;
    }
    Integer[] boxed = new Integer[future];
    int f = 0;
    for (int i = 0; i < n; i++) {
      if (t[i] > 1 && options.growth() != Growth.FLAT) {
        boxed[f++] = i;
      }
    }
    Arrays.sort(boxed, (a, b) -> Double.compare(t[a], t[b]));
    int[] rows = new int[future];
    for (int i = 0; i < future; i++) {
      rows[i] = boxed[i];
    }
    int samples = options.uncertaintySamples();
    double[][] sims = new double[future][samples];
    SeededRandom random = new SeededRandom(options.seed());
    double meanChanges = changepoints.length * (tMax - 1);
    double lambda = 1e-8;
    for (double d : delta) {
      lambda += Math.abs(d) / delta.length;
    }
    boolean logistic = options.growth() == Growth.LOGISTIC;
    // state of the fitted trend at the end of the history (logistic)
    double endRate = k;
    double endOffset = m;
    if (logistic) {
      double[] gammas = PiecewiseTrend.logisticGammas(k, m, delta, changepoints);
      for (int s = 0; s < changepoints.length; s++) {
        endRate += delta[s];
        endOffset += gammas[s];
      }
    }
    double[] newPoints = new double[16];
    double[] newDeltas = new double[16];
    for (int s = 0; s < samples; s++) {
      int changes = random.poisson(meanChanges);
      if (changes > newPoints.length) {
        newPoints = new double[changes];
        newDeltas = new double[changes];
      }
      for (int c = 0; c < changes; c++) {
        newPoints[c] = 1 + random.uniform() * (tMax - 1);
      }
      Arrays.sort(newPoints, 0, changes);
      for (int c = 0; c < changes; c++) {
        newDeltas[c] = random.laplace(lambda);
      }
      int passed = 0;
      double addRate = 0;
      double addOffset = 0;
      double rate = endRate;
      double offset = endOffset;
      for (int r = 0; r < future; r++) {
        int i = rows[r];
        double ti = t[i];
        while (passed < changes && ti >= newPoints[passed]) {
          double cp = newPoints[passed];
          double d = newDeltas[passed];
          if (logistic) {
            double next = rate + d;
            offset += (cp - offset) * (1 - rate / next);
            rate = next;
          } else {
            addRate += d;
            addOffset -= cp * d;
          }
          passed++;
        }
        double tr =
            logistic
                ? capScaled / (1 + Math.exp(-rate * (ti - offset)))
                : trendScaled[i] + addRate * ti + addOffset;
        tr = tr * yScale + floor;
        sims[r][s] = tr * (1 + mult[i]) + additive[i] + noise * random.gaussian();
      }
    }
    for (int r = 0; r < future; r++) {
      double[] v = sims[r];
      Arrays.sort(v);
      lower[rows[r]] = Quantiles.ofSorted(v, lowP);
      upper[rows[r]] = Quantiles.ofSorted(v, highP);
    }
  }
}
