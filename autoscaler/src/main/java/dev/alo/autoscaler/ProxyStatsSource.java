package dev.alo.autoscaler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The load from the proxy's admin {@code /stats}: each backend's request rate from the growth of
 * its request counter since the previous reading (the proxy's last-second rate for a backend seen
 * for the first time, or whose counter restarted), its in-flight requests and latency.
 */
final class ProxyStatsSource implements MetricSource {
  private final AdminClient admin;
  private final LongSupplier nanoClock;
  private Map<String, Long> previous = Map.of();
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
    double seconds = (now - previousNanos) / 1e9;
    Map<String, Long> counts = new HashMap<>();
    List<BackendLoad> loads = new ArrayList<>();
    for (AdminClient.Counters c : stats) {
      counts.put(c.id(), c.requests());
      Long before = previous.get(c.id());
      double rate =
          before == null || before > c.requests() || seconds <= 0
              ? c.requestsPerSecond()
              : (c.requests() - before) / seconds;
      loads.add(
          new BackendLoad(c.id(), c.state(), c.healthy(), c.inFlight(), rate, c.latencyEwmaMs()));
    }
    previous = counts;
    previousNanos = now;
    return new MetricReading(loads);
  }
}
