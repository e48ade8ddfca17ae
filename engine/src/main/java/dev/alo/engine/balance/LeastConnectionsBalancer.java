package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Weighted least connections: the healthy backend with the fewest requests in flight per unit of
 * weight ({@code inFlight / weight}, compared exactly by cross-multiplication). Ties are broken
 * round robin: the scan starts just after the previously picked backend, so among equally loaded
 * backends the next one in order wins. One pass over the membership per pick.
 */
final class LeastConnectionsBalancer implements Balancer {
  private final AtomicInteger last = new AtomicInteger(-1);
  private volatile Backend[] backends = Members.NONE;

  @Override
  public String name() {
    return "least-connections";
  }

  @Override
  public void setBackends(List<Backend> backends) {
    this.backends = Members.snapshot(backends);
    last.set(-1);
  }

  @Override
  public List<Backend> backends() {
    return List.of(backends);
  }

  @Override
  public Optional<Backend> pick(long key) {
    Backend[] all = backends;
    int n = all.length;
    int at = last.getOpaque() + 1;
    if (at >= n || at < 0) {
      at = 0;
    }
    @Nullable Backend best = null;
    int bestIndex = -1;
    long bestLoad = 0;
    long bestWeight = 1;
    for (int i = 0; i < n; i++) {
      Backend b = all[at];
      int w = b.pickWeight();
      if (w > 0) {
        long load = b.inFlight();
        if (best == null || load * bestWeight < bestLoad * w) {
          best = b;
          bestIndex = at;
          bestLoad = load;
          bestWeight = w;
        }
      }
      if (++at == n) {
        at = 0;
      }
    }
    if (best == null) {
      return Optional.empty();
    }
    last.setOpaque(bestIndex);
    return best.asOptional();
  }

  @Override
  public String toString() {
    return name();
  }
}
