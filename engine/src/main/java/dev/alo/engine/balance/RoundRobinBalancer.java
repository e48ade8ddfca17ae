package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Plain round robin: the next healthy backend after the previous pick, ignoring weights. */
final class RoundRobinBalancer implements Balancer {
  private final AtomicLong next = new AtomicLong();
  private volatile Backend[] backends = Members.NONE;

  @Override
  public String name() {
    return "round-robin";
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
    long start = next.getAndIncrement();
    int first = (int) Long.remainderUnsigned(start, n);
    for (int i = 0, at = first; i < n; i++) {
      Backend b = all[at];
      if (b.healthy()) {
        if (i > 0) {
          next.addAndGet(i);
        }
        return b.asOptional();
      }
      if (++at == n) {
        at = 0;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name();
  }
}
