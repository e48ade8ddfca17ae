package dev.alo.engine.balance;

import java.util.concurrent.locks.StampedLock;

/**
 * Peak-sensitive exponentially weighted moving average of latency, as in Finagle's and Linkerd's
 * peak EWMA.
 *
 * <p>The estimate decays towards zero with time constant {@code tau}: read at time {@code t} it is
 * {@code value * exp(-(t - stamp) / tau)}. A sample above the decayed estimate replaces it at once
 * (the "peak"); a lower sample is blended in with weight {@code 1 - exp(-dt / tau)}, where {@code
 * dt} is the time since the previous sample. Reading does not write (Finagle and Linkerd write the
 * decayed value back on reads; exponential decay composes, so the value read is the same), which
 * keeps reads on the balancer's hot path lock-free: an optimistic {@link StampedLock} read.
 */
final class LatencyEwma {
  static final long DEFAULT_DECAY_NANOS = 10_000_000_000L;

  private final double tauNanos;
  private final StampedLock lock = new StampedLock();
  private double value;
  private long stampNanos;
  private volatile boolean primed;

  LatencyEwma(long decayNanos) {
    this.tauNanos = decayNanos;
  }

  void observe(long nowNanos, long latencyNanos) {
    double sample = Math.max(0, latencyNanos);
    long stamp = lock.writeLock();
    try {
      if (!primed) {
        value = sample;
        stampNanos = nowNanos;
        primed = true;
        return;
      }
      double w = decay(nowNanos - stampNanos);
      double decayed = value * w;
      value = sample > decayed ? sample : decayed + sample * (1 - w);
      stampNanos = Math.max(stampNanos, nowNanos);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  double value(long nowNanos) {
    long stamp = lock.tryOptimisticRead();
    double v = value;
    long at = stampNanos;
    if (!lock.validate(stamp)) {
      stamp = lock.readLock();
      try {
        v = value;
        at = stampNanos;
      } finally {
        lock.unlockRead(stamp);
      }
    }
    return v * decay(nowNanos - at);
  }

  boolean sampled() {
    return primed;
  }

  private double decay(long elapsedNanos) {
    return elapsedNanos <= 0 ? 1.0 : Math.exp(-elapsedNanos / tauNanos);
  }
}
