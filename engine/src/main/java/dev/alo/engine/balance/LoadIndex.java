package dev.alo.engine.balance;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;
import java.util.Arrays;

/**
 * A tournament tree over one membership snapshot that answers least connections' question in O(log
 * n): the healthy backend with the least in-flight ÷ weight, the first such at or after a position
 * (wrapping round). Leaves hold a copy of each backend's packed state (weight if healthy, in
 * flight); every inner node holds the index of its subtree's lightest leaf, the leftmost on a tie.
 * Comparisons are exact (cross-multiplied 64-bit products); weight 0 (unhealthy, or a padding leaf)
 * never wins.
 *
 * <p>Kept current by the backends themselves: each registers a {@link Watch} and calls {@link
 * #changed(int)} after every change of its state. That only sets the backend's bit in a dirty
 * bitmap (lock-free, and no write at all when the bit is already set), so the request path stays
 * cheap and several changes between two picks cost one update. A pick, under this index's lock,
 * first takes the dirty bits (clearing each word atomically) and re-reads those backends' states
 * into their leaves and an idle bitmap. While some healthy backend is idle, the answer is the first
 * idle one from the round-robin position, found in the bitmap (n / 64 words); the changed leaves'
 * paths are left stale meanwhile. Otherwise the stale paths are fixed (O(log n) each, or one O(n)
 * rebuild when many are stale) and the pick climbs the tree once. Exactness: a backend changes its
 * state before setting its bit, and the pick clears the bit before re-reading the state, so every
 * change completed before a pick starts is in that pick; a change whose bit is set after the clear
 * stays marked for the next pick.
 */
final class LoadIndex {
  private static final long IN_FLIGHT_MASK = 0xFFFF_FFFFL;
  private static final VarHandle WORD = MethodHandles.arrayElementVarHandle(long[].class);

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

  /** One bit per member: its state changed since the last pick took the bit. */
  private final long[] dirty;

  /** One bit per member: healthy with nothing in flight (as of {@link #states}). */
  private final long[] idle;

  /** One bit per member whose leaf changed but whose path above is not recomputed yet. */
  private final long[] stale;

  private int staleCount;

  /** The index of the previous pick, -1 before the first. */
  private int last = -1;

  LoadIndex(Backend[] members) {
    this.members = members;
    int n = members.length;
    this.size = n <= 1 ? 1 : Integer.highestOneBit((n - 1) << 1);
    this.states = new long[size];
    this.winners = new int[2 * size];
    this.watches = new Watch[n];
    this.dirty = new long[(n + 63) >>> 6];
    this.idle = new long[dirty.length];
    this.stale = new long[dirty.length];
    for (int i = 0; i < n; i++) {
      watches[i] = new Watch(this, i);
    }
    build();
  }

  /**
   * Starts following the members: registers the watches, then reads every state and rebuilds. A
   * change before its backend's registration is in the state read; one after it marks the backend.
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

  /**
   * Called by the backend at {@code position} after its state changed, from any thread: marks it
   * for the next pick.
   */
  void changed(int position) {
    int word = position >>> 6;
    long bit = 1L << position; // the shift distance is taken modulo 64
    if (((long) WORD.getVolatile(dirty, word) & bit) == 0) {
      WORD.getAndBitwiseOr(dirty, word, bit);
    }
  }

  /** Takes the dirty bits and brings those leaves up to date. Under the lock. */
  private void applyChanges() {
    for (int word = 0; word < dirty.length; word++) {
      if ((long) WORD.getVolatile(dirty, word) != 0) {
        long bits = (long) WORD.getAndSet(dirty, word, 0L);
        while (bits != 0) {
          update((word << 6) + Long.numberOfTrailingZeros(bits));
          bits &= bits - 1;
        }
      }
    }
  }

  /**
   * Re-reads one member's state into its leaf and idle bit; the path above is recomputed later,
   * when a pick needs the tree (see {@link #pick()}).
   */
  private void update(int position) {
    long s = members[position].state();
    if (states[position] == s) {
      return;
    }
    states[position] = s;
    int word = position >>> 6;
    long bit = 1L << position;
    if (s >>> 32 != 0 && (s & IN_FLIGHT_MASK) == 0) {
      idle[word] |= bit;
    } else {
      idle[word] &= ~bit;
    }
    if ((stale[word] & bit) == 0) {
      stale[word] |= bit;
      staleCount++;
    }
  }

  /** Recomputes the paths above the stale leaves (all nodes when there are many). */
  private void fixStalePaths() {
    if (staleCount > (members.length >>> 3) + 1) {
      rebuildNodes();
    } else if (staleCount == 1) {
      // Every other node is current: stop as soon as a winner, and so its load, is unchanged.
      for (int word = 0; word < stale.length; word++) {
        if (stale[word] != 0) {
          int position = (word << 6) + Long.numberOfTrailingZeros(stale[word]);
          for (int node = (position + size) >>> 1; node > 0; node >>>= 1) {
            int winner = winnerOf(node);
            if (winners[node] == winner && winner != position) {
              break;
            }
            winners[node] = winner;
          }
          break;
        }
      }
    } else {
      // Whole paths: a node's last recomputation comes after every stale path below it is fixed.
      for (int word = 0; word < stale.length; word++) {
        for (long bits = stale[word]; bits != 0; bits &= bits - 1) {
          int position = (word << 6) + Long.numberOfTrailingZeros(bits);
          for (int node = (position + size) >>> 1; node > 0; node >>>= 1) {
            winners[node] = winnerOf(node);
          }
        }
      }
    }
    Arrays.fill(stale, 0L);
    staleCount = 0;
  }

  /**
   * The least loaded healthy member, the first at or after the one following the previous pick
   * (wrapping round), which becomes the previous pick; -1 if none is healthy. While some healthy
   * member is idle, that is the first idle one from there, found in the idle bitmap without the
   * tree; otherwise the tree answers, its stale paths fixed first.
   */
  synchronized int pick() {
    applyChanges();
    int n = members.length;
    int from = last + 1;
    if (from >= n) {
      from = 0;
    }
    int best = nextIdle(from);
    if (best < 0 && from > 0) {
      best = nextIdle(0);
    }
    if (best >= 0) {
      last = best;
      return best;
    }
    if (staleCount > 0) {
      fixStalePaths();
    }
    best = winners[1];
    if (states[best] >>> 32 == 0) {
      return -1;
    }
    if (from > 0) {
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

  /** The first idle member at or after {@code from}, or -1. */
  private int nextIdle(int from) {
    int word = from >>> 6;
    if (word >= idle.length) {
      return -1;
    }
    long bits = idle[word] & (-1L << from);
    while (true) {
      if (bits != 0) {
        return (word << 6) + Long.numberOfTrailingZeros(bits);
      }
      if (++word == idle.length) {
        return -1;
      }
      bits = idle[word];
    }
  }

  /** The lighter of a node's two children's winners, the left on a tie. */
  private int winnerOf(int node) {
    int left = winners[2 * node];
    int right = winners[2 * node + 1];
    return lighter(right, left) ? right : left;
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

  /** Reads every member's state and recomputes everything. Caller holds the lock (or owns this). */
  private void build() {
    Arrays.fill(idle, 0L);
    for (int i = 0; i < members.length; i++) {
      long s = members[i].state();
      states[i] = s;
      if (s >>> 32 != 0 && (s & IN_FLIGHT_MASK) == 0) {
        idle[i >>> 6] |= 1L << i;
      }
    }
    for (int i = 0; i < size; i++) {
      winners[size + i] = i;
    }
    rebuildNodes();
    Arrays.fill(stale, 0L);
    staleCount = 0;
  }

  /** Recomputes every inner node from the leaves. */
  private void rebuildNodes() {
    for (int node = size - 1; node > 0; node--) {
      winners[node] = winnerOf(node);
    }
  }
}
