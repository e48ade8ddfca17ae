package dev.alo.engine.sim;

/**
 * The distribution of one request's service time on a speed-1 server. Each request draws one
 * uniform number when it arrives and the server it lands on maps it through its distribution, so
 * that every algorithm sees the same work (common random numbers).
 */
public sealed interface ServiceTime
    permits ServiceTime.Exponential, ServiceTime.Deterministic, ServiceTime.LogNormal {

  /** The mean service time on a speed-1 server, seconds. */
  double mean();

  /** The service time for a uniform number {@code u} in (0, 1), seconds on a speed-1 server. */
  double sample(double u);

  /** The name used by the CLI: {@code exp}, {@code det} or {@code lognormal}. */
  String name();

  /** Exponential service times with the given mean (seconds). */
  static ServiceTime exponential(double mean) {
    return new Exponential(checkMean(mean));
  }

  /** Every request takes exactly {@code mean} seconds. */
  static ServiceTime deterministic(double mean) {
    return new Deterministic(checkMean(mean));
  }

  /**
   * Lognormal service times with the given mean and coefficient of variation (standard deviation ÷
   * mean), e.g. 1.0.
   */
  static ServiceTime logNormal(double mean, double cv) {
    if (!(cv > 0) || Double.isInfinite(cv)) {
      throw new IllegalArgumentException(
          "coefficient of variation: " + cv + " (expected: > 0, finite)");
    }
    double sigma = Math.sqrt(StrictMath.log1p(cv * cv));
    return new LogNormal(checkMean(mean), cv, sigma, StrictMath.log(mean) - sigma * sigma / 2);
  }

  private static double checkMean(double mean) {
    if (!(mean > 0) || Double.isInfinite(mean)) {
      throw new IllegalArgumentException("mean service time: " + mean + " s (expected: > 0)");
    }
    return mean;
  }

  /** Exponential: {@code -mean · ln u}. */
  record Exponential(double mean) implements ServiceTime {
    @Override
    public double sample(double u) {
      return -mean * StrictMath.log(u);
    }

    @Override
    public String name() {
      return "exp";
    }
  }

  /** Constant. */
  record Deterministic(double mean) implements ServiceTime {
    @Override
    public double sample(double u) {
      return mean;
    }

    @Override
    public String name() {
      return "det";
    }
  }

  /** Lognormal: {@code exp(mu + sigma · Φ⁻¹(u))} with {@code mu} chosen for the mean. */
  record LogNormal(double mean, double cv, double sigma, double mu) implements ServiceTime {
    @Override
    public double sample(double u) {
      return StrictMath.exp(mu + sigma * NormalQuantile.of(u));
    }

    @Override
    public String name() {
      return "lognormal";
    }
  }
}
