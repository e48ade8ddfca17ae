package dev.alo.engine.stats;

import java.util.SplittableRandom;

/**
 * Seeded random draws that give the same sequence on every JDK. Only {@link
 * SplittableRandom#nextLong()} (whose SplitMix64 algorithm is specified) is read, and every
 * transcendental function is {@link StrictMath}, whose results are bit-for-bit fixed; {@code
 * Random.nextGaussian} and {@code Math.log} carry no such promise.
 *
 * <ul>
 *   <li>uniform: the top 53 bits of a {@code nextLong}, in [0, 1);
 *   <li>Gaussian: Marsaglia's polar method, the second value of each pair kept for the next call;
 *   <li>exponential and Laplace: inversion of one uniform;
 *   <li>Poisson: inversion, in chunks of mean at most 500 so that {@code exp(-mean)} stays normal.
 * </ul>
 *
 * <p>Not thread-safe: one instance per stream; {@link #split()} gives independent streams.
 */
public final class SeededRandom {
  private static final double POISSON_CHUNK = 500;

  private final SplittableRandom random;
  private double spare;
  private boolean hasSpare;

  /** A stream for this seed. */
  public SeededRandom(long seed) {
    this(new SplittableRandom(seed));
  }

  private SeededRandom(SplittableRandom random) {
    this.random = random;
  }

  /**
   * A new stream, independent of this one, whose seed is drawn from this one (as {@link
   * SplittableRandom#split()}); splitting in the same order gives the same streams.
   */
  public SeededRandom split() {
    return new SeededRandom(random.split());
  }

  /** A uniform number in [0, 1) with 53 random bits. */
  public double uniform() {
    return (random.nextLong() >>> 11) * 0x1.0p-53;
  }

  /** A uniform number in [low, high). */
  public double uniform(double low, double high) {
    return low + (high - low) * uniform();
  }

  /** A uniform integer in [low, high], both included; low <= high. */
  public int uniformInt(int low, int high) {
    if (high < low) {
      throw new IllegalArgumentException("uniformInt: high " + high + " < low " + low);
    }
    return low + (int) StrictMath.floor(uniform() * (high - low + 1L));
  }

  /** A standard normal N(0, 1) number. */
  public double gaussian() {
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

  /** An exponential number with this mean (> 0); always finite. */
  public double exponential(double mean) {
    checkScale("exponential mean", mean);
    return -mean * StrictMath.log(openUniform());
  }

  /** A Laplace (double exponential) number centred on 0 with this scale (> 0); always finite. */
  public double laplace(double scale) {
    checkScale("laplace scale", scale);
    double u = openUniform();
    return u < 0.5 ? scale * StrictMath.log(2 * u) : -scale * StrictMath.log(2 * (1 - u));
  }

  /** A Poisson count with this mean (>= 0, finite). */
  public int poisson(double mean) {
    if (!(mean >= 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("poisson mean: " + mean + " (expected: finite, >= 0)");
    }
    int total = 0;
    double left = mean;
    while (left > 0) {
      double chunk = Math.min(left, POISSON_CHUNK);
      left -= chunk;
      double u = uniform();
      double p = StrictMath.exp(-chunk);
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

  /** Uniform in the open interval (0, 1): never 0 or 1, so its logarithm is finite. */
  private double openUniform() {
    return ((random.nextLong() >>> 11) + 0.5) * 0x1.0p-53;
  }

  private static void checkScale(String what, double value) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: finite, > 0)");
    }
  }
}
