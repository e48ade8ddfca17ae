package dev.alo.proxy.upstream;

import dev.alo.engine.balance.Backend;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.BackendStats;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One backend inside the proxy: the balancer's {@link Backend} plus what decides its health (active
 * checks, ejection, draining) and its statistics. The balancer only sees {@code backend.healthy()},
 * which {@link #refresh} keeps equal to "checks up, not ejected, not draining, not removed".
 *
 * <p>Each piece of state has one writer: the health checker ({@link #recordCheck}), the outlier
 * detector ({@link #eject}, {@link #readmitIfDue}, the failure count), the server's membership
 * changes ({@link #drain}, {@link #markRemoved}), the exchanges ({@link #attemptStarted}, {@link
 * #attemptFinished}) and the stats sampler ({@link #sample}).
 */
public final class BackendState {
  private final BackendAddress address;
  private final String id;
  private final Backend backend;
  private final LongAdder requests = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final AtomicInteger consecutiveFailures = new AtomicInteger();
  private final Recorder latencyMicros = new Recorder(3);
  private final Histogram latencyTotal = new Histogram(3);

  private volatile boolean checkUp = true;
  private volatile boolean draining;
  private volatile boolean removed;

  /** Nanos (proxy clock) until which the backend is ejected; 0 when it is not. */
  private volatile long ejectedUntil;

  // Guarded by the OutlierDetector.
  private int ejectionsInARow;
  private long lastEjectionEnd;
  private final AtomicLong totalEjections = new AtomicLong();

  // Touched only by the health checker's event loop.
  private int checkSuccesses;
  private int checkFailures;

  // Touched only by the stats sampler.
  private long lastCount;
  private long lastSampleNanos;
  private volatile double requestsPerSecond;

  private final LongSupplier clock;
  private final long slowStartNanos;

  /** Clock time since which the backend ramps up (slow start); 0 when it is not ramping. */
  private volatile long rampFrom;

  /**
   * A backend on the proxy's nanosecond {@code clock}; {@code slowStartNanos} is the slow-start
   * window (0: off).
   */
  public BackendState(BackendAddress address, LongSupplier clock, long slowStartNanos) {
    this.address = address;
    this.id = address.id();
    this.backend = Backend.of(id, address.weight());
    this.clock = clock;
    this.slowStartNanos = slowStartNanos;
  }

  public BackendAddress address() {
    return address;
  }

  public String id() {
    return id;
  }

  /** The balancer's view of this backend (weight, in flight, latency, in rotation). */
  public Backend backend() {
    return backend;
  }

  /** Whether the balancer may pick it: checks up, not ejected, not draining, not removed. */
  public boolean inRotation() {
    return backend.healthy();
  }

  /** Whether it would be in rotation but for failing its active checks (panic routing). */
  public boolean onlyFailingChecks() {
    return !ejected() && !draining && !removed;
  }

  /** Whether the active checks have taken it down. */
  public boolean failingChecks() {
    return !checkUp;
  }

  public boolean ejected() {
    return ejectedUntil != 0;
  }

  boolean removed() {
    return removed;
  }

  /** Starts slow start now (a backend added at runtime). */
  public void startRamp() {
    if (slowStartNanos > 0) {
      rampFrom = Math.max(1, clock.getAsLong());
    }
  }

  /**
   * The share of its traffic the backend should take now: 1 normally, from 0.1 to 1 during slow
   * start.
   */
  public double rampShare() {
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

  // ------------------------------------------------------------ membership (the server)

  /** Takes it out of rotation for good; in-flight requests finish. */
  public void drain() {
    draining = true;
    refresh();
  }

  /** Marks it gone (drained): pooled connections to it are closed, none is kept again. */
  public void markRemoved() {
    removed = true;
    refresh();
  }

  // ------------------------------------------------------------ requests (the exchanges)

  /** One request attempt goes to this backend (counted in flight). */
  public void attemptStarted() {
    backend.requestStarted();
  }

  /**
   * The attempt ended at {@code nowNanos} after {@code latencyNanos}; a failure counts an error.
   */
  public void attemptFinished(long nowNanos, long latencyNanos, boolean failure) {
    backend.requestFinished(nowNanos, latencyNanos);
    requests.increment();
    if (failure) {
      errors.increment();
    }
    latencyMicros.recordValue(Math.max(0, latencyNanos / 1000));
  }

  // ------------------------------------------------------------ active checks (the checker)

  /**
   * Counts one active check; after {@code rise} successes in a row a down backend comes up, after
   * {@code fall} failures in a row an up one goes down.
   *
   * @return whether this check changed the backend's up/down state
   */
  boolean recordCheck(boolean ok, int rise, int fall) {
    if (ok) {
      checkFailures = 0;
      if (!checkUp && ++checkSuccesses >= rise) {
        checkSuccesses = 0;
        checkUp = true;
        refresh();
        return true;
      }
    } else {
      checkSuccesses = 0;
      if (checkUp && ++checkFailures >= fall) {
        checkFailures = 0;
        checkUp = false;
        refresh();
        return true;
      }
    }
    return false;
  }

  // ------------------------------------------------------------ ejections (the outlier detector)

  /** Counts one more failure in a row and returns the count. */
  int failedAgain() {
    return consecutiveFailures.incrementAndGet();
  }

  /** A success ends the run of failures. */
  void succeeded() {
    if (consecutiveFailures.get() != 0) {
      consecutiveFailures.set(0);
    }
  }

  /**
   * Numbers the ejection about to start: one more in a row, or the first again when the last one
   * ended more than {@code forgetAfterNanos} before {@code nowNanos}.
   */
  int nextEjection(long nowNanos, long forgetAfterNanos) {
    if (lastEjectionEnd != 0 && nowNanos - lastEjectionEnd > forgetAfterNanos) {
      ejectionsInARow = 0;
    }
    return ++ejectionsInARow;
  }

  /**
   * Takes it out of rotation until {@code untilNanos} (proxy clock); the failure count restarts.
   */
  void eject(long untilNanos) {
    totalEjections.incrementAndGet();
    ejectedUntil = Math.max(1, untilNanos);
    consecutiveFailures.set(0);
    refresh();
  }

  /** Ends the ejection if its time is over at {@code nowNanos}; returns whether it did. */
  boolean readmitIfDue(long nowNanos) {
    long until = ejectedUntil;
    if (until == 0 || nowNanos - until < 0) {
      return false;
    }
    ejectedUntil = 0;
    lastEjectionEnd = nowNanos;
    refresh();
    return true;
  }

  /** Nanos (proxy clock) until which it is ejected; 0 when it is not. */
  long ejectedUntil() {
    return ejectedUntil;
  }

  // ------------------------------------------------------------ statistics

  /** Recomputes the flag the balancer reads. */
  private synchronized void refresh() {
    boolean up = checkUp && !ejected() && !draining && !removed;
    if (up && !backend.healthy()) {
      startRamp();
    }
    backend.setHealthy(up);
  }

  /** Updates requests per second; called about once a second from one thread. */
  public void sample(long nowNanos) {
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
  public synchronized BackendStats stats(long nowNanos) {
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
        totalEjections.get());
  }
}
