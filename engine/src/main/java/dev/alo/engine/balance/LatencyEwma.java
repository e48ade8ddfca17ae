package dev.alo.engine.balance;

import java.util.concurrent.locks.StampedLock;
import java.util.function.LongSupplier;

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

  /** Beyond this, exp() loses the comparison to overflow or underflow. */
  private static final double MAX_EXPONENT = 600;

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

  /**
   * Whether {@code a}'s estimate × {@code ka} is below {@code b}'s × {@code kb} at any time at or
   * after both last samples. Both estimates decay by the same factor from then on, so the answer
   * does not depend on the time and needs one exponential, not two, and no clock read. Estimates
   * with different time constants, or samples so far apart that the factor would overflow, are
   * compared at {@code now} instead.
   */
  static boolean lower(LatencyEwma a, double ka, LatencyEwma b, double kb, LongSupplier now) {
    if (a.tauNanos != b.tauNanos) {
      long t = now.getAsLong();
      return a.value(t) * ka < b.value(t) * kb;
    }
    long stamp = a.lock.tryOptimisticRead();
    double va = a.value;
    long ta = a.stampNanos;
    if (!a.lock.validate(stamp)) {
      stamp = a.lock.readLock();
      try {
        va = a.value;
        ta = a.stampNanos;
      } finally {
        a.lock.unlockRead(stamp);
      }
    }
    stamp = b.lock.tryOptimisticRead();
    double vb = b.value;
    long tb = b.stampNanos;
    if (!b.lock.validate(stamp)) {
      stamp = b.lock.readLock();
      try {
        vb = b.value;
        tb = b.stampNanos;
      } finally {
        b.lock.unlockRead(stamp);
      }
    }
    // a(t) = va·exp(-(t - ta)/τ), b(t) = vb·exp(-(t - tb)/τ): compare at t = ta.
    double left = va * ka;
    double right = vb * kb;
    if (tb == ta) {
      return left < right; // exp(0) is exactly 1
    }
    double exponent = (tb - ta) / a.tauNanos;
    if (exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT) {
      long t = now.getAsLong();
      return a.value(t) * ka < b.value(t) * kb;
    }
    // Math.exp is semi-monotonic and exact at 0, so exp(x) >= 1 for x > 0 and <= 1 for x < 0, and
    // rounding a product is monotonic: when the sign of the exponent already settles the answer,
    // the exponential (the costliest step of a pick) would not change it.
    if (exponent > 0 ? left < right : left >= right) {
      return exponent > 0;
    }
    return left < right * Math.exp(exponent);
  }

  boolean sampled() {
    return primed;
  }

  private double decay(long elapsedNanos) {
    return elapsedNanos <= 0 ? 1.0 : Math.exp(-elapsedNanos / tauNanos);
  }
}
