package dev.alo.engine.balance;

import java.lang.ref.WeakReference;

/**
 * A tournament tree over one membership snapshot that answers least connections' question in O(log
 * n): the healthy backend with the least in-flight ÷ weight, the first such at or after a position
 * (wrapping round). Leaves hold a copy of each backend's packed state (weight if healthy, in
 * flight); every inner node holds the index of its subtree's lightest leaf, the leftmost on a tie.
 * Comparisons are exact (cross-multiplied 64-bit products); weight 0 (unhealthy, or a padding leaf)
 * never wins.
 *
 * <p>Kept current by the backends themselves: each registers a {@link Watch} and calls {@link
 * #changed(int, Backend)} after every change of its state. The callback re-reads the backend's
 * state under this index's lock rather than trusting a value passed along, so concurrent changes
 * reported out of order still leave the leaf at the latest state: the last callback for a backend
 * takes the lock after its last change. One lock guards the tree and the round-robin position;
 * updates and picks each hold it for one root-to-leaf path.
 */
final class LoadIndex {
  private static final long IN_FLIGHT_MASK = 0xFFFF_FFFFL;

  /** One backend's registration: weak, so a dropped balancer does not stay reachable. */
  static final class Watch extends WeakReference<LoadIndex> {
    final int position;

    Watch(LoadIndex index, int position) {
      super(index);
      this.position = position;
    }
  }

  private final Backend[] members;
  private final Watch[] watches;

  /** Leaves: a power of two, at least 1. */
  private final int size;

  /** Per leaf: the backend's state as last seen (0 for padding: weight 0, never picked). */
  private final long[] states;

  /** Per node (1 is the root, leaves at size..2·size-1): the index of the subtree's lightest. */
  private final int[] winners;

  /** The index of the previous pick, -1 before the first. */
  private int last = -1;

  LoadIndex(Backend[] members) {
    this.members = members;
    int n = members.length;
    this.size = n <= 1 ? 1 : Integer.highestOneBit((n - 1) << 1);
    this.states = new long[size];
    this.winners = new int[2 * size];
    this.watches = new Watch[n];
    for (int i = 0; i < n; i++) {
      watches[i] = new Watch(this, i);
    }
    build();
  }

  /**
   * Starts following the members: registers the watches, then reads every state and rebuilds. A
   * change before its backend's registration is in the state read; one after it calls back.
   */
  void attach() {
    for (int i = 0; i < members.length; i++) {
      members[i].watch(watches[i]);
    }
    synchronized (this) {
      build();
    }
  }

  /** Stops following the members (after the balancer switched to another index). */
  void detach() {
    for (int i = 0; i < members.length; i++) {
      members[i].unwatch(watches[i]);
    }
  }

  Backend[] members() {
    return members;
  }

  /** Called by the backend at {@code position} after its state changed. */
  synchronized void changed(int position, Backend backend) {
    long s = backend.state();
    if (states[position] == s) {
      return;
    }
    states[position] = s;
    for (int node = (position + size) >>> 1; node > 0; node >>>= 1) {
      int left = winners[2 * node];
      int right = winners[2 * node + 1];
      int winner = lighter(right, left) ? right : left;
      if (winners[node] == winner && winner != position) {
        return; // same winner, same load: nothing above changes
      }
      winners[node] = winner;
    }
  }

  /**
   * The least loaded healthy member, the first at or after the one following the previous pick
   * (wrapping round), which becomes the previous pick; -1 if none is healthy.
   */
  synchronized int pick() {
    int best = winners[1];
    if (states[best] >>> 32 == 0) {
      return -1;
    }
    int from = last + 1;
    if (from > 0 && from < members.length) {
      // The lightest of [from, size): climb from the leaf, taking in each right sibling (all of
      // it lies further right), so an earlier candidate keeps a tie.
      int candidate = from;
      for (int node = from + size; node > 1; node >>>= 1) {
        if ((node & 1) == 0) {
          int right = winners[node + 1];
          if (lighter(right, candidate)) {
            candidate = right;
          }
        }
      }
      if (!lighter(best, candidate)) {
        best = candidate; // as light as the overall lightest: the first after the previous pick
      }
    }
    last = best;
    return best;
  }

  /** Whether leaf {@code a} is strictly less loaded than leaf {@code b}. */
  private boolean lighter(int a, int b) {
    long sa = states[a];
    long wa = sa >>> 32;
    if (wa == 0) {
      return false;
    }
    long sb = states[b];
    long wb = sb >>> 32;
    return wb == 0 || (sa & IN_FLIGHT_MASK) * wb < (sb & IN_FLIGHT_MASK) * wa;
  }

  /** Reads every member's state and recomputes all nodes. Caller holds the lock (or owns this). */
  private void build() {
    for (int i = 0; i < members.length; i++) {
      states[i] = members[i].state();
    }
    for (int i = 0; i < size; i++) {
      winners[size + i] = i;
    }
    for (int node = size - 1; node > 0; node--) {
      int left = winners[2 * node];
      int right = winners[2 * node + 1];
      winners[node] = lighter(right, left) ? right : left;
    }
  }
}
