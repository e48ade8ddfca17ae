package dev.alo.engine.anomaly;

import dev.alo.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.distribution.continuous.NormalDistribution;
import org.jspecify.annotations.Nullable;

/**
 * Flags points outside a {@code level}% interval of a rolling one-step-ahead forecast.
 *
 * <p>The forecast comes from a robust online additive seasonal model (Holt-Winters without trend):
 * {@code expected = level + season[phase]}, the seasonal period being a day's worth of steps (7 for
 * daily data; none when the series spans fewer than three periods). After each observation the
 * level and the phase's seasonal term move by exponential smoothing towards the observation
 * <em>clipped</em> to {@value #CLIP} scales around the forecast, so a spike barely moves the model.
 * The smoothing weights are chosen per series from a small grid (including no seasonality) by the
 * mean absolute one-step error; the seasonal profile starts from the first two periods.
 *
 * <p>The scale is robust and rolling: the larger of {@code median/0.674} and {@code q90/1.645} of
 * the absolute one-step residuals of the last period (50 to 2,000 residuals), so a spike cannot
 * inflate the band for its successors. The band's half-width is the larger of {@code z·scale}
 * ({@code z} the two-sided normal quantile of the level) and the empirical {@code level} quantile
 * of the absolute residuals over the last {@value #LONG_FACTOR} periods, which calibrates the band
 * on heavy-tailed series. A level shift is adopted rather than flagged forever: after {@value
 * #SHIFT_RUN} consecutive anomalies on the same side the level is re-anchored at their median. No
 * point of the warm-up (the first scale window, at most a tenth of the series) is flagged.
 *
 * <p>The score is {@code z·|value - expected| / half-width}: the residual in units of the band's
 * implied standard deviation, comparable across series; a point is a candidate when its score
 * exceeds {@code z}. An isolated candidate (neither observed neighbour is one) is reported only
 * when its score also reaches {@link ForecastDetectorOptions#isolatedMinScore()}: single excursions
 * just past the band are what a calibrated band produces by chance on normal data.
 *
 * <p>The drift test catches slow climbs and small level shifts that the adapting forecast absorbs
 * before any point leaves the band. It compares the deseasonalised values with a slow reference
 * level (an exponential average over one window) and runs a two-sided CUSUM, {@code S+ = max(0, S+
 * + u - k)} and {@code S- = max(0, S- - u - k)}, over standardised batch means {@code u} of that
 * deviation (see {@code DriftTest}). When either sum exceeds {@code h} the point is reported as a
 * {@link AnomalyPoint.Kind#DRIFT} anomaly with score {@code z·S/h}, the reference restarts at the
 * forecast's level and the test rests for a window. One pass is O(n · window); choosing the weights
 * costs about 70 cheaper passes.
 */
final class ForecastIntervalDetector implements AnomalyDetector {
  static final double CLIP = 2.5;
  static final int SHIFT_RUN = 6;

  /** The calibration window is this many scale windows (a week for sub-daily data). */
  static final int LONG_FACTOR = 7;

  private static final double[] ALPHAS = {0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1.0};
  private static final double[] GAMMAS = {0, 0.05, 0.15, 0.3};

  private final ForecastDetectorOptions options;
  private final double level;
  private final double z;

  ForecastIntervalDetector(ForecastDetectorOptions options) {
    this.options = options;
    this.level = options.level();
    this.z = new NormalDistribution(0, 1).inverseCumulativeProbability(0.5 + level / 200);
  }

  @Override
  public String name() {
    return "forecast";
  }

  @Override
  public Detection detect(TimeSeries series) {
    Checks.enoughPoints(series);
    Seasonality season = Seasonality.of(series);
    long[] t = series.times();
    double[] y = series.values();
    Seasonality none = new Seasonality(season.stepMillis(), 0);
    double bestCost = Double.POSITIVE_INFINITY;
    Seasonality bestSeason = none;
    double bestAlpha = ALPHAS[0];
    double bestGamma = 0;
    for (Seasonality candidate : season.period() == 0 ? List.of(none) : List.of(none, season)) {
      double[] gammas = candidate.period() == 0 ? new double[] {0} : GAMMAS;
      for (double a : ALPHAS) {
        for (double g : gammas) {
          double cost = new Pass(candidate, t, y, a, g).run(null);
          if (cost < bestCost) {
            bestCost = cost;
            bestSeason = candidate;
            bestAlpha = a;
            bestGamma = g;
          }
        }
      }
    }
    List<Candidate> found = new ArrayList<>();
    new Pass(bestSeason, t, y, bestAlpha, bestGamma).run(found);
    return Detection.of(withoutWeakIsolated(found), y);
  }

  /** A flagged point and its position among the observed values (for the isolation rule). */
  private record Candidate(AnomalyPoint point, int ordinal) {}

  /** Drops band points whose observed neighbours are not band points and whose score is low. */
  private List<AnomalyPoint> withoutWeakIsolated(List<Candidate> found) {
    java.util.Set<Integer> band = new java.util.HashSet<>();
    for (Candidate c : found) {
      if (c.point().kind() == AnomalyPoint.Kind.BAND) {
        band.add(c.ordinal());
      }
    }
    List<AnomalyPoint> kept = new ArrayList<>();
    for (Candidate c : found) {
      AnomalyPoint p = c.point();
      boolean isolated =
          p.kind() == AnomalyPoint.Kind.BAND
              && !band.contains(c.ordinal() - 1)
              && !band.contains(c.ordinal() + 1);
      if (!isolated || p.score() >= options.isolatedMinScore()) {
        kept.add(p);
      }
    }
    return kept;
  }

  /** One run of the online model over the series. */
  private final class Pass {
    private final Seasonality season;
    private final long[] t;
    private final double[] y;
    private final double alpha;
    private final double gamma;
    private final double[] s;
    private final SortedWindow absResiduals;
    private final SortedWindow longAbs;
    private final int window;
    private final int warmup;
    private final double[] run = new double[SHIFT_RUN];

    Pass(Seasonality season, long[] t, double[] y, double alpha, double gamma) {
      this.season = season;
      this.t = t;
      this.y = y;
      this.alpha = alpha;
      this.gamma = gamma;
      this.window = Math.clamp(season.period() == 0 ? 200 : season.period(), 50, 2000);
      this.absResiduals = new SortedWindow(window);
      this.longAbs = new SortedWindow(Math.clamp(LONG_FACTOR * (long) window, 50, 5000));
      this.warmup = Math.min(window, Math.max(SHIFT_RUN, Checks.observed(y) / 10));
      this.s = initialSeason(season, t, y);
    }

    /**
     * Runs the model; collects candidates into {@code out} when given (and only then runs the drift
     * test). Returns the mean absolute one-step error after the warm-up.
     */
    double run(@Nullable List<Candidate> out) {
      DriftTest drift =
          out != null && options.driftTest()
              ? new DriftTest(window, options.driftAllowance(), options.driftThreshold())
              : null;
      double lvl = Double.NaN;
      int runLength = 0;
      int runSign = 0;
      double sumAbs = 0;
      int counted = 0;
      int ordinal = -1;
      for (int i = 0; i < y.length; i++) {
        double v = y[i];
        if (Double.isNaN(v)) {
          continue;
        }
        ordinal++;
        int p = season.phase(t[i]);
        if (Double.isNaN(lvl)) {
          lvl = v - s[p];
          if (drift != null) {
            drift.restart(lvl);
          }
          continue;
        }
        double expected = lvl + s[p];
        double r = v - expected;
        double scale = scale(lvl);
        boolean warm = absResiduals.size() >= warmup;
        if (warm) {
          sumAbs += Math.abs(r);
          counted++;
        }
        double half = z * scale;
        if (out != null && longAbs.size() > 0) {
          half = Math.max(half, longAbs.quantile(level / 100));
        }
        boolean anomalous = warm && Math.abs(r) > half;
        if (anomalous && out != null) {
          out.add(
              new Candidate(
                  new AnomalyPoint(
                      i,
                      t[i],
                      v,
                      expected,
                      expected - half,
                      expected + half,
                      z * Math.abs(r) / half,
                      AnomalyPoint.Kind.BAND),
                  ordinal));
        }
        absResiduals.push(Math.abs(r));
        if (out != null) {
          longAbs.push(Math.abs(r));
        }
        if (drift != null && out != null) {
          double stat = drift.observe(v - s[p], lvl);
          if (stat > 0 && !anomalous) {
            out.add(
                new Candidate(
                    new AnomalyPoint(
                        i,
                        t[i],
                        v,
                        expected,
                        expected - half,
                        expected + half,
                        z * stat / options.driftThreshold(),
                        AnomalyPoint.Kind.DRIFT),
                    ordinal));
          }
        }
        int sign = r > 0 ? 1 : -1;
        if (anomalous && (runLength == 0 || sign == runSign)) {
          run[runLength++] = v - s[p];
          runSign = sign;
        } else {
          runLength = anomalous ? 1 : 0;
          runSign = sign;
          run[0] = v - s[p];
        }
        if (runLength == SHIFT_RUN) {
          // A level shift: adopt the new level instead of flagging it forever.
          lvl = median(run);
          runLength = 0;
          if (drift != null) {
            drift.restart(lvl);
          }
          continue;
        }
        double clipped = expected + Math.clamp(r, -CLIP * scale, CLIP * scale);
        double newLevel = alpha * (clipped - s[p]) + (1 - alpha) * lvl;
        s[p] = gamma * (clipped - newLevel) + (1 - gamma) * s[p];
        lvl = newLevel;
      }
      return counted == 0 ? Double.POSITIVE_INFINITY : sumAbs / counted;
    }

    private double scale(double lvl) {
      double robust = Math.max(absResiduals.median() / 0.6745, absResiduals.quantile(0.9) / 1.6449);
      double floor = 1e-9 * Math.max(1, Math.abs(lvl));
      return Double.isNaN(robust) ? floor : Math.max(robust, floor);
    }
  }

  /**
   * The drift test: a two-sided CUSUM over batch means (a 24th of the window each) of the
   * deseasonalised values' deviation from a slow reference level (an exponential average over one
   * window), each in units of the typical batch deviation over the calibration window ({@value
   * #LONG_FACTOR} windows) widened by the AR(1) long-run variance factor of those deviations, and
   * clipped to ±{@value #CLIP}. Batching and the factor tame the autocorrelation of real series;
   * the slow reference keeps what the adapting forecast absorbs. After an alarm the reference
   * restarts at the forecast's level and the test rests for a window.
   */
  private static final class DriftTest {
    private final int window;
    private final int batch;
    private final double k;
    private final double h;
    private final SortedWindow batchDeviations;
    private final double[] recent;
    private int recentNext;
    private int recentSize;
    private double ref;
    private double batchSum;
    private int batchSize;
    private int rest;
    private double up;
    private double down;

    DriftTest(int window, double k, double h) {
      this.window = window;
      this.batch = Math.max(1, window / 24);
      this.k = k;
      this.h = h;
      this.batchDeviations = new SortedWindow(LONG_FACTOR * window / batch);
      this.recent = new double[LONG_FACTOR * window / batch];
    }

    /**
     * How much wider than one batch's spread the spread of a sum of batches is, per batch: {@code
     * sqrt((1 + rho) / (1 - rho))} for the lag-1 autocorrelation {@code rho} (clamped to [0, 0.9])
     * of the recent batch deviations, the AR(1) long-run variance factor.
     */
    private double inflation() {
      if (recentSize < 3) {
        return 1;
      }
      double mean = 0;
      for (int j = 0; j < recentSize; j++) {
        mean += recent[j];
      }
      mean /= recentSize;
      double num = 0;
      double den = 0;
      int oldest = recentSize < recent.length ? 0 : recentNext;
      double prev = recent[oldest] - mean;
      den += prev * prev;
      for (int j = 1; j < recentSize; j++) {
        double cur = recent[(oldest + j) % recent.length] - mean;
        num += prev * cur;
        den += cur * cur;
        prev = cur;
      }
      double rho = den == 0 ? 0 : Math.clamp(num / den, 0, 0.9);
      return Math.sqrt((1 + rho) / (1 - rho));
    }

    /** Starts over from {@code level}: no accumulated evidence. */
    void restart(double level) {
      ref = level;
      up = 0;
      down = 0;
    }

    /**
     * Takes one deseasonalised observation; returns the CUSUM statistic when it raises an alarm,
     * else 0.
     */
    double observe(double deseasonalised, double level) {
      batchSum += deseasonalised - ref;
      batchSize++;
      ref += (deseasonalised - ref) / window;
      if (batchSize < batch) {
        return 0;
      }
      double d = batchSum / batchSize;
      batchSum = 0;
      batchSize = 0;
      double typical = batchDeviations.median() / 0.6745 * inflation();
      boolean ready = batchDeviations.size() >= window / batch && typical > 0;
      batchDeviations.push(Math.abs(d));
      recent[recentNext] = d;
      recentNext = (recentNext + 1) % recent.length;
      recentSize = Math.min(recentSize + 1, recent.length);
      if (rest > 0) {
        rest--;
        return 0;
      }
      if (!ready) {
        return 0;
      }
      double u = Math.clamp(d / typical, -CLIP, CLIP);
      up = Math.max(0, up + u - k);
      down = Math.max(0, down - u - k);
      double stat = Math.max(up, down);
      if (stat <= h) {
        return 0;
      }
      restart(level);
      rest = window / batch;
      return stat;
    }
  }

  /** Mean per phase of the first two periods, centred; zeros when there is no period. */
  private static double[] initialSeason(Seasonality season, long[] t, double[] y) {
    int m = Math.max(1, season.period());
    double[] s = new double[m];
    if (season.period() == 0) {
      return s;
    }
    double[] sum = new double[m];
    int[] count = new int[m];
    long end = t[0] + 2L * m * season.stepMillis();
    for (int i = 0; i < y.length && t[i] < end; i++) {
      if (!Double.isNaN(y[i])) {
        int p = season.phase(t[i]);
        sum[p] += y[i];
        count[p]++;
      }
    }
    double total = 0;
    int phases = 0;
    for (int p = 0; p < m; p++) {
      if (count[p] > 0) {
        s[p] = sum[p] / count[p];
        total += s[p];
        phases++;
      }
    }
    double mean = phases == 0 ? 0 : total / phases;
    for (int p = 0; p < m; p++) {
      s[p] = count[p] > 0 ? s[p] - mean : 0;
    }
    return s;
  }

  private static double median(double[] v) {
    double[] c = v.clone();
    Arrays.sort(c);
    int n = c.length;
    return n % 2 == 1 ? c[n / 2] : (c[n / 2 - 1] + c[n / 2]) / 2;
  }
}
