package dev.alo.engine.forecast.prophet;

import java.util.SplittableRandom;

/**
 * The seeded random draws of Prophet's predictive simulation, written out so that results are
 * reproducible across JDK versions: uniforms from {@link SplittableRandom}, Gaussians by
 * Box-Muller, Laplace by inversion, Poisson by inversion (in chunks of mean at most 500).
 */
final class Random64 {
  private final SplittableRandom random;
  private double spare = Double.NaN;

  Random64(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Uniform in [0, 1). */
  double uniform() {
    return random.nextDouble();
  }

  /** Standard normal. */
  double gaussian() {
    if (!Double.isNaN(spare)) {
      double v = spare;
      spare = Double.NaN;
      return v;
    }
    double u1 = 1.0 - random.nextDouble(); // (0, 1]
    double u2 = random.nextDouble();
    double radius = Math.sqrt(-2.0 * Math.log(u1));
    double angle = 2.0 * Math.PI * u2;
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  }

  /** Laplace(0, scale). */
  double laplace(double scale) {
    double u = random.nextDouble() - 0.5; // [-0.5, 0.5)
    double magnitude = -scale * Math.log(1.0 - 2.0 * Math.abs(u));
    return u < 0 ? -magnitude : magnitude;
  }

  /** Poisson(mean). */
  int poisson(double mean) {
    int total = 0;
    double left = mean;
    while (left > 0) {
      double chunk = Math.min(left, 500.0);
      left -= chunk;
      double u = random.nextDouble();
      double p = Math.exp(-chunk);
      double cumulative = p;
      int k = 0;
      while (u > cumulative && p > 0) {
        k++;
        p *= chunk / k;
        cumulative += p;
      }
      total += k;
    }
    return total;
  }
}
