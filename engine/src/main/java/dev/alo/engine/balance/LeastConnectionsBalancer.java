package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

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
    int bestIndex = -1;
    long bestLoad = 1; // with bestWeight 0: an infinite load, beaten by any healthy backend
    long bestWeight = 0;
    for (int k = 0; k < n; k++) {
      long state = all[at].state();
      long w = state >>> 32;
      long load = state & 0xFFFF_FFFFL;
      if (w > 0 && load * bestWeight < bestLoad * w) {
        bestIndex = at;
        bestLoad = load;
        bestWeight = w;
        if (load == 0) {
          break; // nothing is less loaded; later ties lose to the earlier one anyway
        }
      }
      if (++at == n) {
        at = 0;
      }
    }
    if (bestIndex < 0) {
      return Optional.empty();
    }
    last.setOpaque(bestIndex);
    return all[bestIndex].asOptional();
  }

  @Override
  public String toString() {
    return name();
  }
}
