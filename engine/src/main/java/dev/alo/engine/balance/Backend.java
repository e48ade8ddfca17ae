package dev.alo.engine.balance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A backend as a balancer sees it: an identity, a weight that may change at runtime, a health flag
 * and the live counters a real proxy can observe (requests in flight, observed latency). It never
 * sees a backend's hidden queue. Thread-safe.
 *
 * <p>Time is always passed in (nanoseconds on the caller's clock: simulated time in the simulator,
 * {@code System.nanoTime()} in the proxy), so the same code runs in both.
 *
 * <p>Weight and health are the levers for the proxy's later policies: slow start ramps the weight
 * up with {@link #setWeight(int)}, outlier ejection and health checks flip {@link
 * #setHealthy(boolean)}. Balancers that precompute schedules or tables notice such changes through
 * a JVM-wide change counter, so a change takes effect on the next pick.
 */
public final class Backend {
  private static final VarHandle STATE;
  private static final long IN_FLIGHT_MASK = 0xFFFF_FFFFL;

  /** Bumped on every weight or health change of any backend (see {@link #changes()}). */
  private static final AtomicLong CHANGES = new AtomicLong();

  static {
    try {
      STATE = MethodHandles.lookup().findVarHandle(Backend.class, "state", long.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final String id;
  private final Optional<Backend> self;
  private final LatencyEwma latency;

  /**
   * The weight when healthy (0 when not) in the high 32 bits and the requests in flight in the low
   * 32 bits: one read gives a scanning balancer everything it compares.
   */
  private volatile long state;

  private volatile int weight;
  private volatile boolean healthy = true;

  private Backend(String id, int weight, LatencyEwma latency) {
    this.id = id;
    this.weight = checkWeight(weight);
    this.state = (long) weight << 32;
    this.latency = latency;
    this.self = Optional.of(this);
  }

  /** A healthy backend with the given identity and weight (at least 1). */
  public static Backend of(String id, int weight) {
    return of(id, weight, LatencyEwma.DEFAULT_DECAY_NANOS);
  }

  /** A healthy backend of weight 1. */
  public static Backend of(String id) {
    return of(id, 1);
  }

  /**
   * A healthy backend whose peak-EWMA latency decays with the given time constant (Finagle's and
   * Linkerd's default, used by the other factories, is 10 s).
   */
  public static Backend of(String id, int weight, long latencyDecayNanos) {
    if (id.isBlank()) {
      throw new IllegalArgumentException("backend id must not be blank");
    }
    if (latencyDecayNanos <= 0) {
      throw new IllegalArgumentException(
          "latency decay: " + latencyDecayNanos + " ns (expected: > 0)");
    }
    return new Backend(id, weight, new LatencyEwma(latencyDecayNanos));
  }

  public String id() {
    return id;
  }

  public int weight() {
    return weight;
  }

  /** Changes the weight at runtime; balancers see it on their next pick. */
  public synchronized void setWeight(int weight) {
    checkWeight(weight);
    if (weight != this.weight) {
      this.weight = weight;
      publishPickWeight();
    }
  }

  public boolean healthy() {
    return healthy;
  }

  /** Marks the backend healthy or not; balancers skip unhealthy backends from their next pick. */
  public synchronized void setHealthy(boolean healthy) {
    if (healthy != this.healthy) {
      this.healthy = healthy;
      publishPickWeight();
    }
  }

  /** Requests sent to this backend and not yet finished. */
  public int inFlight() {
    return (int) state;
  }

  /** Call when a request is dispatched to this backend. */
  public void requestStarted() {
    STATE.getAndAdd(this, 1L);
  }

  /**
   * Call when a request to this backend ends (response, error or connect failure). The in-flight
   * count never goes below zero.
   *
   * @param nowNanos the caller's clock at completion
   * @param latencyNanos the observed latency of this request
   */
  public void requestFinished(long nowNanos, long latencyNanos) {
    long s;
    do {
      s = state;
    } while ((s & IN_FLIGHT_MASK) != 0 && !STATE.weakCompareAndSet(this, s, s - 1));
    latency.observe(nowNanos, latencyNanos);
  }

  /**
   * The peak-sensitive EWMA of observed latency, decayed to {@code nowNanos}: between samples the
   * estimate decays towards zero, so a backend that has not answered for a while is tried again.
   * Zero before the first sample (see {@link #hasLatencySample()}).
   */
  public double latencyEwmaNanos(long nowNanos) {
    return latency.value(nowNanos);
  }

  /** Whether at least one request to this backend has finished, i.e. its latency is known. */
  public boolean hasLatencySample() {
    return latency.sampled();
  }

  LatencyEwma latency() {
    return latency;
  }

  /** This backend wrapped once, so that balancers return it without allocating. */
  Optional<Backend> asOptional() {
    return self;
  }

  /** The weight if healthy, else 0. */
  int pickWeight() {
    return (int) (state >>> 32);
  }

  /** The weight if healthy (else 0) in the high 32 bits, the in-flight count in the low 32. */
  long state() {
    return state;
  }

  private void publishPickWeight() {
    long high = (long) (healthy ? weight : 0) << 32;
    long s;
    do {
      s = state;
    } while (!STATE.weakCompareAndSet(this, s, high | (s & IN_FLIGHT_MASK)));
    CHANGES.incrementAndGet();
  }

  /**
   * A JVM-wide counter of weight and health changes. A balancer that caches a schedule or table
   * records it when building and rebuilds when it differs, so changes are seen without a scan.
   */
  static long changes() {
    return CHANGES.get();
  }

  @Override
  public String toString() {
    return id + "(w=" + weight + (healthy ? "" : ", down") + ", inFlight=" + inFlight() + ")";
  }

  private static int checkWeight(int weight) {
    if (weight < 1) {
      throw new IllegalArgumentException("backend weight: " + weight + " (expected: >= 1)");
    }
    return weight;
  }
}
