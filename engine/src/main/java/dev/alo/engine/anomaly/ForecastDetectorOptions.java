package dev.alo.engine.anomaly;

import dev.alo.engine.InputException;
import java.util.Locale;

/**
 * Settings of the forecast-interval detector ({@link AnomalyDetector#forecastInterval}).
 *
 * @param level interval level in percent, in (50, 100): a point outside the {@code level}% band of
 *     the one-step-ahead forecast is a candidate anomaly
 * @param isolatedMinScore an isolated candidate (neither observed neighbour outside the band) is
 *     reported only when its score reaches this; 0 reports every candidate. The default {@value
 *     #ISOLATED_MIN_SCORE} is the two-sided 99.9% normal quantile: a lone excursion must be ten
 *     times rarer than a 99% one, while runs of excursions are reported at {@code level}
 * @param driftAllowance the CUSUM drift test's allowance {@code k}, in residual standard deviations
 *     (half the smallest sustained shift it is meant to catch quickly); at least 0
 * @param driftThreshold the CUSUM decision threshold {@code h}, in residual standard deviations; 0
 *     turns the drift test off
 */
public record ForecastDetectorOptions(
    double level, double isolatedMinScore, double driftAllowance, double driftThreshold) {

  /** The two-sided 99.9% quantile of the standard normal distribution. */
  public static final double ISOLATED_MIN_SCORE = 3.29;

  /** CUSUM allowance: tuned to shifts of about one residual standard deviation. */
  public static final double DRIFT_ALLOWANCE = 0.5;

  /**
   * CUSUM threshold: with {@link #DRIFT_ALLOWANCE} an in-control run length of about 10^5 steps on
   * Gaussian residuals (one false alarm per year of 5-minute data), a one-sd shift found in about
   * 20 steps.
   */
  public static final double DRIFT_THRESHOLD = 10;

  public ForecastDetectorOptions {
    if (!(level > 50 && level < 100)) {
      throw new InputException(
          String.format(Locale.ROOT, "level %s is out of range: expected (50, 100)", level));
    }
    requireAtLeastZero("isolated minimum score", isolatedMinScore);
    requireAtLeastZero("drift allowance", driftAllowance);
    requireAtLeastZero("drift threshold", driftThreshold);
  }

  /** The defaults at the given level. */
  public static ForecastDetectorOptions atLevel(double level) {
    return new ForecastDetectorOptions(level, ISOLATED_MIN_SCORE, DRIFT_ALLOWANCE, DRIFT_THRESHOLD);
  }

  /** Whether the CUSUM drift test runs. */
  boolean driftTest() {
    return driftThreshold > 0;
  }

  private static void requireAtLeastZero(String what, double v) {
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw new InputException(
          String.format(
              Locale.ROOT, "%s %s is out of range: expected a finite number >= 0", what, v));
    }
  }
}
