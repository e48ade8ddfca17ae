package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** Plain round robin: the next healthy backend after the previous pick. */
final class RoundRobinBalancer implements Balancer {
  private final AtomicLong next = new AtomicLong();
  private volatile Backend[] backends = new Backend[0];

  @Override
  public String name() {
    return "round-robin";
  }

  @Override
  public void setBackends(List<Backend> backends) {
    this.backends = backends.toArray(new Backend[0]);
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
    for (int i = 0; i < n; i++) {
      Backend b = all[(int) Long.remainderUnsigned(start + i, n)];
      if (b.healthy()) {
        if (i > 0) {
          next.addAndGet(i);
        }
        return b.asOptional();
      }
    }
    return Optional.empty();
  }
}
