package dev.alo.engine.balance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * nginx's smooth weighted round robin: on each pick every healthy backend's current weight grows by
 * its weight, the largest current weight wins (the first in order on a tie) and is lowered by the
 * total. Weights 5, 1, 1 give {@code a a b a c a a}, spreading the light backends between the heavy
 * one's picks instead of sending bursts.
 *
 * <p>The sequence is periodic (each backend is picked exactly its weight times per period of
 * total-weight picks, weights reduced by their gcd), so the balancer precomputes one period when
 * membership, a weight or a health flag changes, and a pick is then one atomic increment and an
 * array read (with equal weights the period is the healthy backends in order, built in one pass
 * however many there are). When a period would be too long or too costly to compute (huge or very
 * uneven weights over many backends), it runs nginx's loop directly under a lock instead. After a
 * weight or health change the new period starts from its beginning (nginx keeps its current
 * weights).
 */
final class WeightedRoundRobinBalancer implements Balancer {
  /** Longest precomputed period. */
  static final long MAX_PERIOD = 1 << 20;

  /** Most steps (period length × active backends) spent computing a period. */
  static final long MAX_BUILD_STEPS = 1L << 24;

  private final AtomicLong next = new AtomicLong();
  private volatile State state = State.build(Members.NONE);

  /**
   * One membership with the schedule for the weights (0 when unhealthy) seen at {@code version};
   * {@code period} is null when the schedule is computed per pick into {@code current}.
   */
  private static final class State {
    final Backend[] members;
    final int[] weights;
    final long version;
    final Backend @Nullable [] period;
    final long[] current;

    State(
        Backend[] members,
        int[] weights,
        long version,
        Backend @Nullable [] period,
        long[] current) {
      this.members = members;
      this.weights = weights;
      this.version = version;
      this.period = period;
      this.current = current;
    }

    /** The same schedule, current as of a later version (a change that did not concern it). */
    State at(long laterVersion) {
      return new State(members, weights, laterVersion, period, current);
    }

    static int[] pickWeights(Backend[] members) {
      int[] weights = new int[members.length];
      for (int i = 0; i < members.length; i++) {
        weights[i] = members[i].pickWeight();
      }
      return weights;
    }

    static State build(Backend[] members) {
      long version = Backend.changes(); // read before the weights: a later change forces a rebuild
      return build(members, pickWeights(members), version);
    }

    static State build(Backend[] members, int[] seen, long version) {
      int n = members.length;
      int[] weights = seen.clone();
      long gcd = 0;
      long total = 0;
      int active = 0;
      for (int i = 0; i < n; i++) {
        if (weights[i] > 0) {
          gcd = gcd(gcd, weights[i]);
          total += weights[i];
          active++;
        }
      }
      if (active == 0) {
        return new State(members, seen, version, Members.NONE, new long[n]);
      }
      total /= gcd;
      if (total == active) {
        // Equal weights: every step picks the next active backend in order (the first on a tie
        // is the one whose current weight was lowered longest ago), so the period is that order.
        Backend[] period = new Backend[active];
        int k = 0;
        for (int i = 0; i < n; i++) {
          if (weights[i] > 0) {
            period[k++] = members[i];
          }
        }
        return new State(members, seen, version, period, new long[n]);
      }
      if (total > MAX_PERIOD || total * active > MAX_BUILD_STEPS) {
        return new State(members, seen, version, null, new long[n]);
      }
      for (int i = 0; i < n; i++) {
        weights[i] = (int) (weights[i] / gcd);
      }
      long[] current = new long[n];
      Backend[] period = new Backend[(int) total];
      for (int step = 0; step < period.length; step++) {
        period[step] = members[smoothStep(weights, current, total)];
      }
      return new State(members, seen, version, period, new long[n]);
    }
  }

  @Override
  public String name() {
    return "weighted-round-robin";
  }

  @Override
  public void setBackends(List<Backend> backends) {
    Backend[] members = Members.snapshot(backends);
    synchronized (this) {
      state = State.build(members);
      next.set(0);
    }
  }

  @Override
  public List<Backend> backends() {
    return List.of(state.members);
  }

  @Override
  public Optional<Backend> pick(long key) {
    State s = state;
    if (s.version != Backend.changes()) {
      s = rebuild();
    }
    Backend[] period = s.period;
    if (period != null) {
      if (period.length == 0) {
        return Optional.empty();
      }
      Backend b = period[(int) Long.remainderUnsigned(next.getAndIncrement(), period.length)];
      if (b.healthy()) {
        return b.asOptional();
      }
      // Health changed since the read of the version: fall through to the exact loop once.
    }
    return pickSmooth(s);
  }

  /**
   * Rebuilds the period if a member's weight or health changed; keeps it (and its phase) if not.
   */
  private synchronized State rebuild() {
    State s = state;
    long version = Backend.changes();
    if (s.version != version) {
      int[] weights = State.pickWeights(s.members);
      s =
          Arrays.equals(weights, s.weights)
              ? s.at(version)
              : State.build(s.members, weights, version);
      state = s;
    }
    return s;
  }

  private static Optional<Backend> pickSmooth(State s) {
    Backend[] members = s.members;
    long[] current = s.current;
    synchronized (current) {
      int best = -1;
      long total = 0;
      for (int i = 0; i < members.length; i++) {
        int w = members[i].pickWeight();
        if (w > 0) {
          current[i] += w;
          total += w;
          if (best < 0 || current[i] > current[best]) {
            best = i;
          }
        }
      }
      if (best < 0) {
        return Optional.empty();
      }
      current[best] -= total;
      return members[best].asOptional();
    }
  }

  /** One step of nginx's smooth weighted round robin over fixed weights (0 = skipped). */
  private static int smoothStep(int[] weights, long[] current, long total) {
    int best = -1;
    for (int i = 0; i < weights.length; i++) {
      if (weights[i] > 0) {
        current[i] += weights[i];
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
    }
    current[best] -= total;
    return best;
  }

  private static long gcd(long a, long b) {
    while (b != 0) {
      long t = a % b;
      a = b;
      b = t;
    }
    return a;
  }

  @Override
  public String toString() {
    return name();
  }
}
