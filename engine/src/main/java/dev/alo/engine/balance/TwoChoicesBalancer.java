package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * The power of two random choices: draw two distinct healthy backends uniformly at random and send
 * the request to the less loaded one (the first drawn on a tie). Two measures of load:
 *
 * <ul>
 *   <li>{@code p2c}: requests in flight per unit of weight;
 *   <li>{@code peak-ewma} (Finagle, Linkerd): the peak-EWMA latency × (in flight + 1), per unit of
 *       weight. A backend with no latency sample yet costs 0 while idle (so it gets probed) and a
 *       large penalty plus its in-flight count once a request is outstanding (so it is not flooded
 *       before its first answer).
 * </ul>
 *
 * <p>A few pairs are drawn first; if none is all healthy, a pair is drawn by rank among the healthy
 * backends, so the pair stays uniform over healthy pairs however many backends are down.
 */
final class TwoChoicesBalancer implements Balancer {
  static final int ATTEMPTS = 3;

  /** The cost of a backend without a latency sample while a request to it is outstanding. */
  static final double UNSAMPLED_PENALTY_NANOS = 1e15;

  private final String name;
  private final Supplier<RandomGenerator> random;
  private final LongSupplier nanoTime;
  private final boolean latencyAware;
  private volatile Backend[] backends = Members.NONE;

  private TwoChoicesBalancer(
      String name, Supplier<RandomGenerator> random, LongSupplier nanoTime, boolean latency) {
    this.name = name;
    this.random = random;
    this.nanoTime = nanoTime;
    this.latencyAware = latency;
  }

  static TwoChoicesBalancer leastLoaded(Supplier<RandomGenerator> random) {
    return new TwoChoicesBalancer("p2c", random, () -> 0L, false);
  }

  static TwoChoicesBalancer peakEwma(Supplier<RandomGenerator> random, LongSupplier nanoTime) {
    return new TwoChoicesBalancer("peak-ewma", random, nanoTime, true);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void setBackends(List<Backend> backends) {
    this.backends = Members.snapshot(backends);
  }

  @Override
  public List<Backend> backends() {
    return List.of(backends);
  }

  @Override
  public Optional<Backend> pick(long key) {
    Backend[] all = backends;
    int n = all.length;
    if (n <= 1) {
      return n == 1 && all[0].healthy() ? all[0].asOptional() : Optional.empty();
    }
    RandomGenerator rnd = random.get();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      // Both indices from one 64-bit draw: 32 random bits each, scaled by multiplication (Lemire),
      // uniform to within n / 2^32.
      long r = rnd.nextLong();
      int i = (int) (((r >>> 32) * n) >>> 32);
      int j = (int) (((r & 0xFFFF_FFFFL) * (n - 1)) >>> 32);
      if (j >= i) {
        j++;
      }
      Backend a = all[i];
      Backend b = all[j];
      if (a.healthy() && b.healthy()) {
        return lighter(a, b).asOptional();
      }
    }
    while (true) {
      int healthy = Members.healthyCount(all);
      if (healthy == 0) {
        return Optional.empty();
      }
      if (healthy == 1) {
        int only = Members.healthyAt(all, 0);
        if (only >= 0) {
          return all[only].asOptional();
        }
        continue;
      }
      int ri = rnd.nextInt(healthy);
      int rj = rnd.nextInt(healthy - 1);
      if (rj >= ri) {
        rj++;
      }
      int i = Members.healthyAt(all, ri);
      int j = Members.healthyAt(all, rj);
      if (i >= 0 && j >= 0) {
        return lighter(all[i], all[j]).asOptional();
      }
    }
  }

  /** The less loaded of the two; {@code a} on a tie. */
  private Backend lighter(Backend a, Backend b) {
    if (latencyAware) {
      if (a.hasLatencySample() && b.hasLatencySample()) {
        // cost(b) / wb < cost(a) / wa, without reading the clock (see LatencyEwma.lower)
        long sa = a.state();
        long sb = b.state();
        double kb = (double) ((sb & 0xFFFF_FFFFL) + 1) * (sa >>> 32);
        double ka = (double) ((sa & 0xFFFF_FFFFL) + 1) * (sb >>> 32);
        return LatencyEwma.lower(b.latency(), kb, a.latency(), ka, nanoTime) ? b : a;
      }
      long now = nanoTime.getAsLong();
      return cost(b, now) * a.weight() < cost(a, now) * b.weight() ? b : a;
    }
    long sa = a.state();
    long sb = b.state();
    return (sb & 0xFFFF_FFFFL) * (sa >>> 32) < (sa & 0xFFFF_FFFFL) * (sb >>> 32) ? b : a;
  }

  /** Finagle's and Linkerd's peak-EWMA load of one backend (not yet divided by its weight). */
  static double cost(Backend backend, long nowNanos) {
    int inFlight = backend.inFlight();
    if (!backend.hasLatencySample()) {
      return inFlight == 0 ? 0 : UNSAMPLED_PENALTY_NANOS + inFlight;
    }
    return backend.latencyEwmaNanos(nowNanos) * (inFlight + 1);
  }

  @Override
  public String toString() {
    return name;
  }
}
