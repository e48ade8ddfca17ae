package dev.alo.engine.synth;

import java.util.SplittableRandom;

/**
 * Standard normal numbers from a {@link SplittableRandom} by Marsaglia's polar method. Only the
 * generator's {@code nextLong} and {@link StrictMath} are used, so the sequence is the same on
 * every JDK (unlike {@code Random.nextGaussian}, whose algorithm may change).
 */
final class Gaussian {
  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  Gaussian(SplittableRandom random) {
    this.random = random;
  }

  /** The next N(0, 1) number. */
  double next() {
    if (hasSpare) {
      hasSpare = false;
      return spare;
    }
    double u;
    double v;
    double s;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double scale = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
    spare = v * scale;
    hasSpare = true;
    return u * scale;
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  double uniform() {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform number in [low, high). */
  double uniform(double low, double high) {
    return low + (high - low) * uniform();
  }

  /** A uniform integer in [low, high]. */
  int uniformInt(int low, int high) {
    return low + (int) StrictMath.floor(uniform() * (high - low + 1L));
  }
}
