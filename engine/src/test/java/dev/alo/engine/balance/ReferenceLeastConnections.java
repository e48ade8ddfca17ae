package dev.alo.engine.balance;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The definition of least connections as a plain O(n) scan (nginx's), against which the indexed
 * balancer is checked: the healthy backend with the least in-flight ÷ weight, the first such after
 * the previous pick's position, wrapping round.
 */
final class ReferenceLeastConnections {
  private List<Backend> backends = List.of();
  private int last = -1;

  void setBackends(List<Backend> backends) {
    this.backends = List.copyOf(backends);
    last = -1;
  }

  /** The pick, or null when no backend is healthy. */
  @Nullable Backend pick() {
    int n = backends.size();
    int from = last + 1 >= n ? 0 : last + 1;
    int best = -1;
    for (int k = 0; k < n; k++) {
      int i = (from + k) % n;
      if (backends.get(i).healthy() && (best < 0 || lighter(backends.get(i), backends.get(best)))) {
        best = i;
      }
    }
    if (best < 0) {
      return null;
    }
    last = best;
    return backends.get(best);
  }

  /** The pick that follows {@code previous} (by position), without changing this reference. */
  static @Nullable Backend after(List<Backend> backends, Backend previous) {
    ReferenceLeastConnections ref = new ReferenceLeastConnections();
    ref.setBackends(backends);
    ref.last = backends.indexOf(previous);
    return ref.pick();
  }

  private static boolean lighter(Backend a, Backend b) {
    return (long) a.inFlight() * b.weight() < (long) b.inFlight() * a.weight();
  }
}
