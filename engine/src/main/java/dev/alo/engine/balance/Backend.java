package dev.alo.engine.balance;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A backend as a balancer sees it: an identity, a weight that may change at runtime, a health flag
 * and the live counters a real proxy can observe (requests in flight, observed latency). It never
 * sees a backend's hidden queue. Thread-safe.
 *
 * <p>Time is always passed in (nanoseconds on the caller's clock: simulated time in the simulator,
 * {@code System.nanoTime()} in the proxy), so the same code runs in both.
 */
public final class Backend {
  private final String id;
  private final Optional<Backend> self;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final LatencyEwma latency;
  private volatile int weight;
  private volatile boolean healthy = true;

  private Backend(String id, int weight, LatencyEwma latency) {
    this.id = id;
    this.weight = checkWeight(weight);
    this.latency = latency;
    this.self = Optional.of(this);
  }

  /** A healthy backend with the given identity and weight (at least 1). */
  public static Backend of(String id, int weight) {
    if (id.isBlank()) {
      throw new IllegalArgumentException("backend id must not be blank");
    }
    return new Backend(id, weight, new LatencyEwma(LatencyEwma.DEFAULT_DECAY_NANOS));
  }

  /** A healthy backend of weight 1. */
  public static Backend of(String id) {
    return of(id, 1);
  }

  public String id() {
    return id;
  }

  public int weight() {
    return weight;
  }

  /** Changes the weight at runtime; balancers see it on their next pick or rebuild. */
  public void setWeight(int weight) {
    this.weight = checkWeight(weight);
  }

  public boolean healthy() {
    return healthy;
  }

  public void setHealthy(boolean healthy) {
    this.healthy = healthy;
  }

  /** Requests sent to this backend and not yet finished. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Call when a request is dispatched to this backend. */
  public void requestStarted() {
    inFlight.incrementAndGet();
  }

  /**
   * Call when a request to this backend ends (response, error or connect failure).
   *
   * @param nowNanos the caller's clock at completion
   * @param latencyNanos the observed latency of this request
   */
  public void requestFinished(long nowNanos, long latencyNanos) {
    inFlight.decrementAndGet();
    latency.observe(nowNanos, latencyNanos);
  }

  /** The peak-sensitive EWMA of observed latency, decayed to {@code nowNanos}. */
  public double latencyEwmaNanos(long nowNanos) {
    return latency.value(nowNanos);
  }

  /** This backend wrapped once, so that balancers return it without allocating. */
  Optional<Backend> asOptional() {
    return self;
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
