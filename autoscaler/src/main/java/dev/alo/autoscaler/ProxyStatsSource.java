package dev.alo.autoscaler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The load from the proxy's admin {@code /stats}: each backend's request rate from the growth of
 * its request counter since the previous reading (a backend added since then, or whose counter
 * restarted, counts from 0; the first reading of all has no previous one and takes the proxy's
 * last-second rate), its in-flight requests and latency.
 */
final class ProxyStatsSource implements MetricSource {
  private final AdminClient admin;
  private final LongSupplier nanoClock;
  private @Nullable Map<String, Long> previous;
  private long previousNanos;

  ProxyStatsSource(AdminClient admin, LongSupplier nanoClock) {
    this.admin = admin;
    this.nanoClock = nanoClock;
  }

  @Override
  public synchronized MetricReading read() {
    List<AdminClient.Counters> stats;
    try {
      stats = admin.stats();
    } catch (AdminRequestException e) {
      throw new MetricUnavailableException(e.detail(), e);
    }
    long now = nanoClock.getAsLong();
    Map<String, Long> last = previous;
    boolean first = last == null;
    Map<String, Long> before = last == null ? Map.of() : last;
    double seconds = (now - previousNanos) / 1e9;
    Map<String, Long> counts = new HashMap<>();
    List<BackendLoad> loads = new ArrayList<>();
    for (AdminClient.Counters c : stats) {
      counts.put(c.id(), c.requests());
      long from = before.getOrDefault(c.id(), 0L);
      double rate =
          first || seconds <= 0
              ? c.requestsPerSecond()
              : (c.requests() - (from > c.requests() ? 0 : from)) / seconds;
      loads.add(
          new BackendLoad(c.id(), c.state(), c.healthy(), c.inFlight(), rate, c.latencyEwmaMs()));
    }
    previous = counts;
    previousNanos = now;
    return new MetricReading(loads);
  }
}
