package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;

/**
 * Uniformly random over the healthy backends, ignoring weights and load. A few random draws are
 * tried first; if they all land on unhealthy backends, one healthy backend is drawn by rank, so the
 * choice stays uniform over the healthy ones however many are down.
 */
final class RandomBalancer implements Balancer {
  static final int ATTEMPTS = 3;

  private final Supplier<RandomGenerator> random;
  private volatile Backend[] backends = Members.NONE;

  RandomBalancer(Supplier<RandomGenerator> random) {
    this.random = random;
  }

  @Override
  public String name() {
    return "random";
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
    if (n == 0) {
      return Optional.empty();
    }
    RandomGenerator rnd = random.get();
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      // 32 random bits scaled by multiplication (Lemire): uniform to within n / 2^32.
      Backend b = all[(int) (((rnd.nextLong() >>> 32) * n) >>> 32)];
      if (b.healthy()) {
        return b.asOptional();
      }
    }
    while (true) {
      int healthy = Members.healthyCount(all);
      if (healthy == 0) {
        return Optional.empty();
      }
      int at = Members.healthyAt(all, rnd.nextInt(healthy));
      if (at >= 0) {
        return all[at].asOptional();
      }
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
