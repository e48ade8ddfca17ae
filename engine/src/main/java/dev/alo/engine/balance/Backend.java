package dev.alo.engine.balance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>Balancers that index backends by load (least connections) register a {@link LoadIndex.Watch}
 * per backend; every change of the in-flight count, weight or health tells the index after the
 * change (it marks the backend as changed for its next pick, without locking). The watches are held
 * in a copy-on-write array (empty, hence almost free, when no such balancer uses the backend) and
 * reference their index weakly, so a balancer that is dropped without being emptied does not stay
 * reachable from its backends.
 */
public final class Backend {
  private static final VarHandle STATE;
  private static final VarHandle WATCHES;
  private static final LoadIndex.Watch[] NO_WATCHES = new LoadIndex.Watch[0];
  private static final long IN_FLIGHT_MASK = 0xFFFF_FFFFL;

  /** Bumped on every weight or health change of any backend (see {@link #changes()}). */
  private static final AtomicLong CHANGES = new AtomicLong();

  static {
    try {
      MethodHandles.Lookup lookup = MethodHandles.lookup();
      STATE = lookup.findVarHandle(Backend.class, "state", long.class);
      WATCHES = lookup.findVarHandle(Backend.class, "watches", LoadIndex.Watch[].class);
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

  /** The load indexes to call back on every change of {@link #state}; copy-on-write. */
  private volatile LoadIndex.Watch[] watches = NO_WATCHES;

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
    loadChanged();
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
    if ((s & IN_FLIGHT_MASK) != 0) {
      loadChanged();
    }
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
    loadChanged();
  }

  /** Registers a load index's watch: from now on, every change of the state calls it back. */
  void watch(LoadIndex.Watch watch) {
    LoadIndex.Watch[] current;
    LoadIndex.Watch[] next;
    do {
      current = watches;
      next = without(current, null);
      next = Arrays.copyOf(next, next.length + 1);
      next[next.length - 1] = watch;
    } while (!WATCHES.compareAndSet(this, current, next));
  }

  /** The registered watches (for tests). */
  int watchCount() {
    return watches.length;
  }

  /** Removes a watch (and any whose index was garbage collected). */
  void unwatch(LoadIndex.Watch watch) {
    LoadIndex.Watch[] current;
    LoadIndex.Watch[] next;
    do {
      current = watches;
      next = without(current, watch);
    } while (next != current && !WATCHES.compareAndSet(this, current, next));
  }

  /** The watches other than {@code removed} and those cleared; the same array if that is all. */
  private static LoadIndex.Watch[] without(
      LoadIndex.Watch[] watches, LoadIndex.@Nullable Watch removed) {
    int keep = 0;
    for (LoadIndex.Watch w : watches) {
      if (w != removed && !w.refersTo(null)) {
        keep++;
      }
    }
    if (keep == watches.length) {
      return watches;
    }
    LoadIndex.Watch[] next = new LoadIndex.Watch[keep];
    int i = 0;
    for (LoadIndex.Watch w : watches) {
      if (w != removed && !w.refersTo(null)) {
        next[i++] = w;
      }
    }
    return next;
  }

  /** Tells every load index watching this backend that its state changed. */
  private void loadChanged() {
    LoadIndex.Watch[] ws = watches;
    for (LoadIndex.Watch w : ws) {
      LoadIndex index = w.get();
      if (index != null) {
        index.changed(w.position);
      } else {
        unwatch(w); // its balancer is gone: prune (rare, so the copy does not matter)
      }
    }
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
