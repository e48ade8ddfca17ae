package dev.alo.engine.forecast;

import java.util.SplittableRandom;

/** Seeded synthetic series for the forecasting tests. */
final class Synthetic {
  static final long HOUR = 3_600_000L;

  private Synthetic() {}

  /** level + amplitude·sin(2πt/24) + 0.5·amplitude·sin(2πt/168) + N(0, noise²). */
  static double[] hourlyLoad(int n, double level, double amplitude, double noise, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double[] y = new double[n];
    for (int t = 0; t < n; t++) {
      y[t] =
          level
              + amplitude * Math.sin(2 * Math.PI * t / 24)
              + 0.5 * amplitude * Math.sin(2 * Math.PI * t / 168)
              + noise * Ets.gaussian(rnd);
    }
    return y;
  }

  static RegularSeries hourly(double[] y) {
    return RegularSeries.of(0, HOUR, y);
  }
}
