package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Weighted least connections: the healthy backend with the fewest requests in flight per unit of
 * weight ({@code inFlight / weight}, compared exactly by cross-multiplication). Ties are broken
 * round robin: of equally loaded backends, the first after the previously picked one (in membership
 * order, wrapping round) wins. These are exactly the picks of nginx's full scan.
 *
 * <p>Instead of scanning, the balancer keeps a {@link LoadIndex}, a tournament tree over the
 * membership. Every request start and finish, weight and health change marks its backend in the
 * index's dirty bitmap (no lock; nothing written when already marked); the next pick, under the
 * index's lock, re-reads the marked backends, answers from an idle-backend bitmap while one is
 * idle, and otherwise fixes the changed paths (O(log n) each) and climbs the tree once: O(log n)
 * per pick and per change, with changes between two picks coalesced. The picks stay exact however
 * the load changes, from however many threads, and when several balancers share the same backends
 * (each has its own index and bitmap). {@link #setBackends(List)} builds a new index, registers it
 * with the new members and unregisters the old one.
 *
 * <p>Up to {@value #SCAN_LIMIT} backends the balancer scans instead (nginx's loop, lock-free, with
 * the early exit at an idle backend) and registers nothing on the backends: at that size the scan
 * is already fast and requests pay nothing for an index.
 *
 * <p>Considered and rejected: a faster scan over a contiguous copy of the states still reads all n
 * states per pick (hundreds of ns at 1,000 backends); updating the tree under its lock on every
 * change made each request take three lock round trips and cost the simulator about a third of its
 * speed.
 */
final class LeastConnectionsBalancer implements Balancer {
  /** The largest membership picked by scanning rather than through a {@link LoadIndex}. */
  static final int SCAN_LIMIT = 16;

  /** How one membership is picked from: a scan or an index. */
  private interface Picker {
    Backend[] members();

    /** The index of the pick, -1 if no member is healthy. */
    int pick();

    void detach();
  }

  private volatile Picker picker = new Scan(Members.NONE);

  @Override
  public String name() {
    return "least-connections";
  }

  @Override
  public synchronized void setBackends(List<Backend> backends) {
    Backend[] members = Members.snapshot(backends);
    Picker next;
    if (members.length > SCAN_LIMIT) {
      LoadIndex index = new LoadIndex(members);
      index.attach();
      next = new Indexed(index);
    } else {
      next = new Scan(members);
    }
    Picker old = picker;
    picker = next;
    old.detach();
  }

  @Override
  public List<Backend> backends() {
    return List.of(picker.members());
  }

  @Override
  public Optional<Backend> pick(long key) {
    Picker current = picker;
    int i = current.pick();
    return i < 0 ? Optional.empty() : current.members()[i].asOptional();
  }

  @Override
  public String toString() {
    return name();
  }

  private record Indexed(LoadIndex index) implements Picker {
    @Override
    public Backend[] members() {
      return index.members();
    }

    @Override
    public int pick() {
      return index.pick();
    }

    @Override
    public void detach() {
      index.detach();
    }
  }

  /** nginx's scan over a small membership: from just after the previous pick, wrapping round. */
  private static final class Scan implements Picker {
    private final Backend[] members;
    private final AtomicInteger last = new AtomicInteger(-1);

    Scan(Backend[] members) {
      this.members = members;
    }

    @Override
    public Backend[] members() {
      return members;
    }

    @Override
    public void detach() {}

    @Override
    public int pick() {
      Backend[] all = members;
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
      if (bestIndex >= 0) {
        last.setOpaque(bestIndex);
      }
      return bestIndex;
    }
  }
}
