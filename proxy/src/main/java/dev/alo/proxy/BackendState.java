package dev.alo.proxy;

import dev.alo.engine.balance.Backend;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One backend inside the proxy: the balancer's {@link Backend} plus what decides its health (active
 * checks, ejection, draining) and its statistics. The balancer only sees {@code backend.healthy()},
 * which {@link #refresh} keeps equal to "checks up, not ejected, not draining".
 */
final class BackendState {
  final BackendAddress address;
  private final String id;
  final Backend backend;
  final LongAdder requests = new LongAdder();
  final LongAdder errors = new LongAdder();
  final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final Recorder latencyMicros = new Recorder(3);
  private final Histogram latencyTotal = new Histogram(3);

  volatile boolean checkUp = true;
  volatile boolean draining;
  volatile boolean removed;

  /** Nanos (proxy clock) until which the backend is ejected; 0 when it is not. */
  volatile long ejectedUntil;

  // Guarded by the OutlierDetector.
  int ejectionsInARow;
  long lastEjectionEnd;
  volatile long totalEjections;

  // Touched only by the health checker's event loop.
  int checkSuccesses;
  int checkFailures;

  // Touched only by the stats sampler.
  private long lastCount;
  private long lastSampleNanos;
  private volatile double requestsPerSecond;

  private final java.util.function.LongSupplier clock;
  private final long slowStartNanos;

  /** Clock time since which the backend ramps up (slow start); 0 when it is not ramping. */
  private volatile long rampFrom;

  BackendState(BackendAddress address) {
    this(address, System::nanoTime, 0);
  }

  BackendState(BackendAddress address, java.util.function.LongSupplier clock, long slowStartNanos) {
    this.address = address;
    this.id = address.id();
    this.backend = Backend.of(id, address.weight());
    this.clock = clock;
    this.slowStartNanos = slowStartNanos;
  }

  /** Starts slow start now (a backend added at runtime). */
  void startRamp() {
    if (slowStartNanos > 0) {
      rampFrom = Math.max(1, clock.getAsLong());
    }
  }

  /**
   * The share of its traffic the backend should take now: 1 normally, from 0.1 to 1 during slow
   * start.
   */
  double rampShare() {
    long from = rampFrom;
    if (from == 0) {
      return 1;
    }
    long elapsed = clock.getAsLong() - from;
    if (elapsed >= slowStartNanos) {
      rampFrom = 0;
      return 1;
    }
    return Math.max(0.1, (double) Math.max(0, elapsed) / slowStartNanos);
  }

  String id() {
    return id;
  }

  boolean ejected() {
    return ejectedUntil != 0;
  }

  /** Recomputes the flag the balancer reads. */
  synchronized void refresh() {
    boolean up = checkUp && !ejected() && !draining && !removed;
    if (up && !backend.healthy()) {
      startRamp();
    }
    backend.setHealthy(up);
  }

  /** Records one finished request. */
  void record(long latencyNanos, boolean error) {
    requests.increment();
    if (error) {
      errors.increment();
    }
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
  }

  /** Updates requests per second; called about once a second from one thread. */
  void sample(long nowNanos) {
    long count = requests.sum();
    if (lastSampleNanos != 0 && nowNanos > lastSampleNanos) {
      requestsPerSecond = (count - lastCount) * 1e9 / (nowNanos - lastSampleNanos);
    }
    lastCount = count;
    lastSampleNanos = nowNanos;
  }

  String state() {
    if (removed) {
      return "removed";
    }
    if (draining) {
      return "draining";
    }
    if (ejected()) {
      return "ejected";
    }
    return checkUp ? "up" : "down";
  }

  /** A consistent snapshot of the statistics. */
  synchronized BackendStats stats(long nowNanos) {
    latencyTotal.add(latencyMicros.getIntervalHistogram());
    long n = requests.sum();
    long e = errors.sum();
    return new BackendStats(
        id(),
        address.url(),
        backend.weight(),
        backend.healthy(),
        state(),
        backend.inFlight(),
        n,
        requestsPerSecond,
        e,
        n == 0 ? 0 : (double) e / n,
        backend.latencyEwmaNanos(nowNanos) / 1e6,
        latencyTotal.getTotalCount() == 0 ? 0 : latencyTotal.getValueAtPercentile(50) / 1e3,
        latencyTotal.getTotalCount() == 0 ? 0 : latencyTotal.getValueAtPercentile(95) / 1e3,
        latencyTotal.getTotalCount() == 0 ? 0 : latencyTotal.getValueAtPercentile(99) / 1e3,
        totalEjections);
  }
}
