package dev.alo.engine.sim;

/**
 * SplitMix64 (Steele, Lea and Flood 2014), written out here so that a seed gives the same numbers
 * on every JDK. Not thread-safe; one instance per stream.
 */
final class Rng {
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private long state;

  Rng(long seed) {
    this.state = seed;
  }

  /** An independent stream for {@code seed} and a stream number. */
  static Rng stream(long seed, int stream) {
    return new Rng(mix(seed ^ mix(GOLDEN * (stream + 1L))));
  }

  long nextLong() {
    state += GOLDEN;
    return mix(state);
  }

  /** Uniform in the open interval (0, 1): never 0, so its logarithm is finite. */
  double nextOpenDouble() {
    return ((nextLong() >>> 11) + 0.5) * 0x1.0p-53;
  }

  /**
   * Uniform in [0, bound), bound > 0 (Lemire's multiply-shift, negligible bias for small bounds).
   */
  int nextInt(int bound) {
    return (int) (((nextLong() >>> 32) * bound) >>> 32);
  }

  /** Exponential with mean 1. */
  double nextExponential() {
    return -StrictMath.log(nextOpenDouble());
  }

  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
