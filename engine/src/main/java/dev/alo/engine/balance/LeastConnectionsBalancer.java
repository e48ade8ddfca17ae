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
    int from = last.getOpaque() + 1;
    if (from >= n || from < 0) {
      from = 0;
    }
    int bestIndex = -1;
    long bestLoad = 1; // with bestWeight 0: an infinite load, beaten by any healthy backend
    long bestWeight = 0;
    // [from, n) then [0, from): of equally loaded backends, the first after the last pick wins.
    int i = from;
    int end = n;
    scan:
    for (int pass = 0; pass < 2; pass++) {
      for (; i < end; i++) {
        long state = all[i].state();
        long w = state >>> 32;
        long load = state & 0xFFFF_FFFFL;
        if (w > 0 && load * bestWeight < bestLoad * w) {
          bestIndex = i;
          bestLoad = load;
          bestWeight = w;
          if (load == 0) {
            break scan; // nothing is less loaded, and later ties lose to this one
          }
        }
      }
      i = 0;
      end = from;
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
