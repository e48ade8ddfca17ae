package dev.alo.engine.balance;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code ip-hash}: consistent hashing with Google's Maglev lookup table (65,537 entries, a prime).
 *
 * <p>Each backend derives a permutation of the table from a hash of its id (an offset and a skip);
 * backends take turns claiming their next free entry, a backend of weight {@code w} taking {@code w
 * / maxWeight} turns per round, until the table is full. A key is mixed and mapped to one entry;
 * the entry's backend serves it. Why Maglev rather than a ketama ring: a pick is one array read
 * (O(1), no binary search over hundreds of points per backend), the table spreads keys almost
 * exactly by weight (each backend owns its share of entries to within one), and it is small and
 * quick to rebuild (256 KiB, about a millisecond). The price is slightly more than minimal
 * disruption: when one of N backends leaves, its keys move and a few others reshuffle, still about
 * 1/N of all keys.
 *
 * <p>The table depends on membership and weights only. An unhealthy backend is skipped
 * deterministically: the key goes to the backend of the next table entry that is healthy, so its
 * clients spread over the others and come back when it recovers, while other clients never move.
 *
 * <p>With a bounded-load factor {@code c} (Mirrokni, Thorup and Zadimoghaddam, "Consistent Hashing
 * with Bounded Loads"), a backend accepts a request only while its in-flight count is below {@code
 * ceil(c × (total in flight + 1) × weight / total weight)} over the healthy backends; otherwise the
 * walk continues to the next entry. That costs one pass over the membership per pick to total the
 * in-flight counts.
 */
final class MaglevBalancer implements Balancer {
  static final int TABLE_SIZE = 65_537;

  /** Steps of the walk after which the balancer checks whether any backend is healthy at all. */
  private static final int CHECK_ANY_HEALTHY_AFTER = 16;

  private final double boundedLoad;
  private volatile Table table = Table.build(Members.NONE, Backend.changes());

  /** The lookup table for one membership and its weights, current as of {@code version}. */
  private static final class Table {
    final Backend[] members;
    final int[] weights;
    final long version;
    final int[] slots;

    Table(Backend[] members, int[] weights, long version, int[] slots) {
      this.members = members;
      this.weights = weights;
      this.version = version;
      this.slots = slots;
    }

    static Table build(Backend[] members, long version) {
      int n = members.length;
      int[] weights = new int[n];
      for (int i = 0; i < n; i++) {
        weights[i] = members[i].weight();
      }
      return new Table(members, weights, version, n == 0 ? new int[0] : populate(members, weights));
    }
  }

  /**
   * @param boundedLoad 0 for plain consistent hashing, else the bounded-load factor (> 1)
   */
  MaglevBalancer(double boundedLoad) {
    if (boundedLoad != 0 && !(boundedLoad > 1 && boundedLoad < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(
          "bounded-load factor: " + boundedLoad + " (expected: > 1, e.g. 1.25)");
    }
    this.boundedLoad = boundedLoad;
  }

  @Override
  public String name() {
    return "ip-hash";
  }

  @Override
  public void setBackends(List<Backend> backends) {
    if (backends.size() > TABLE_SIZE) {
      throw new IllegalArgumentException(
          "ip-hash: " + backends.size() + " backends (expected: at most " + TABLE_SIZE + ")");
    }
    Backend[] members = Members.snapshot(backends);
    synchronized (this) {
      table = Table.build(members, Backend.changes());
    }
  }

  @Override
  public List<Backend> backends() {
    return List.of(table.members);
  }

  @Override
  public Optional<Backend> pick(long key) {
    Table t = table;
    if (t.version != Backend.changes()) {
      t = refresh();
    }
    Backend[] members = t.members;
    if (members.length == 0) {
      return Optional.empty();
    }
    int slot = (int) Math.unsignedMultiplyHigh(KeyHash.mix(key), TABLE_SIZE);
    return boundedLoad == 0 ? pickPlain(t, slot) : pickBounded(t, slot);
  }

  private static Optional<Backend> pickPlain(Table t, int start) {
    Backend[] members = t.members;
    int[] slots = t.slots;
    int slot = start;
    for (int step = 0; step < TABLE_SIZE; step++) {
      Backend b = members[slots[slot]];
      if (b.healthy()) {
        return b.asOptional();
      }
      if (step == CHECK_ANY_HEALTHY_AFTER && Members.healthyCount(members) == 0) {
        return Optional.empty();
      }
      if (++slot == TABLE_SIZE) {
        slot = 0;
      }
    }
    return firstHealthy(members);
  }

  private Optional<Backend> pickBounded(Table t, int start) {
    Backend[] members = t.members;
    long inFlight = 0;
    long weights = 0;
    for (Backend b : members) {
      long state = b.state();
      long w = state >>> 32;
      if (w > 0) {
        inFlight += state & 0xFFFF_FFFFL;
        weights += w;
      }
    }
    if (weights == 0) {
      return Optional.empty();
    }
    double perWeight = boundedLoad * (inFlight + 1) / weights;
    int[] slots = t.slots;
    int slot = start;
    for (int step = 0; step < TABLE_SIZE; step++) {
      Backend b = members[slots[slot]];
      long state = b.state();
      long w = state >>> 32;
      if (w > 0 && (state & 0xFFFF_FFFFL) < Math.ceil(perWeight * w)) {
        return b.asOptional();
      }
      if (++slot == TABLE_SIZE) {
        slot = 0;
      }
    }
    // Every healthy backend is at its bound: only possible while counters move under us.
    return pickPlain(t, start);
  }

  /** Rebuilds the table if a weight changed; a health change alone keeps it. */
  private synchronized Table refresh() {
    Table t = table;
    long version = Backend.changes();
    if (t.version == version) {
      return t;
    }
    Backend[] members = t.members;
    int[] weights = new int[members.length];
    for (int i = 0; i < members.length; i++) {
      weights[i] = members[i].weight();
    }
    t =
        Arrays.equals(weights, t.weights)
            ? new Table(members, t.weights, version, t.slots)
            : Table.build(members, version);
    table = t;
    return t;
  }

  /** Maglev's population: backends claim entries in turn along their own permutations. */
  private static int[] populate(Backend[] members, int[] weights) {
    int n = members.length;
    int[] position = new int[n];
    int[] skip = new int[n];
    int[] credit = new int[n];
    int maxWeight = 1;
    for (int i = 0; i < n; i++) {
      long h = KeyHash.chars(members[i].id());
      position[i] = (int) Long.remainderUnsigned(h, TABLE_SIZE);
      skip[i] = (int) Long.remainderUnsigned(KeyHash.mix(h), TABLE_SIZE - 1) + 1;
      maxWeight = Math.max(maxWeight, weights[i]);
    }
    int[] slots = new int[TABLE_SIZE];
    Arrays.fill(slots, -1);
    int filled = 0;
    while (true) {
      for (int i = 0; i < n; i++) {
        credit[i] += weights[i];
        if (credit[i] < maxWeight) {
          continue;
        }
        credit[i] -= maxWeight;
        int c = position[i];
        while (slots[c] >= 0) {
          c += skip[i];
          if (c >= TABLE_SIZE) {
            c -= TABLE_SIZE;
          }
        }
        slots[c] = i;
        c += skip[i];
        position[i] = c >= TABLE_SIZE ? c - TABLE_SIZE : c;
        if (++filled == TABLE_SIZE) {
          return slots;
        }
      }
    }
  }

  private static Optional<Backend> firstHealthy(Backend[] members) {
    for (Backend b : members) {
      if (b.healthy()) {
        return b.asOptional();
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return boundedLoad == 0 ? name() : name() + "(bounded load " + boundedLoad + ")";
  }
}
