package dev.alo.engine.balance;

/**
 * Peak-sensitive exponentially weighted moving average of latency, as in Finagle's and Linkerd's
 * peak EWMA: a sample above the current value replaces it at once; lower samples are blended in
 * with a weight that depends on the time since the last sample ({@code exp(-dt / tau)}).
 */
final class LatencyEwma {
  static final long DEFAULT_DECAY_NANOS = 10_000_000_000L;

  private final double tauNanos;
  private double value;
  private long stampNanos;
  private boolean primed;

  LatencyEwma(long decayNanos) {
    this.tauNanos = decayNanos;
  }

  synchronized void observe(long nowNanos, long latencyNanos) {
    double sample = Math.max(0, latencyNanos);
    if (!primed || sample > value) {
      value = sample;
      primed = true;
    } else {
      double dt = Math.max(0, nowNanos - stampNanos);
      double w = Math.exp(-dt / tauNanos);
      value = value * w + sample * (1 - w);
    }
    stampNanos = Math.max(stampNanos, nowNanos);
  }

  synchronized double value(long nowNanos) {
    return value;
  }
}
