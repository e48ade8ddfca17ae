package dev.alo.autoscaler;

import java.util.List;
import java.util.Set;

/**
 * One reading of the proxy's load.
 *
 * @param backends every backend the proxy reported, draining ones included
 */
public record MetricReading(List<BackendLoad> backends) {
  public MetricReading {
    backends = List.copyOf(backends);
  }

  /** Requests per second finished over all backends. */
  public double requestsPerSecond() {
    return backends.stream().mapToDouble(BackendLoad::requestsPerSecond).sum();
  }

  /** Requests in flight over all backends. */
  public int inFlight() {
    return backends.stream().mapToInt(BackendLoad::inFlight).sum();
  }

  /** The healthy backends. */
  public List<BackendLoad> healthy() {
    return backends.stream().filter(BackendLoad::healthy).toList();
  }

  /** The healthy backends among {@code ids}: those whose load this reading knows. */
  public List<BackendLoad> healthyAmong(Set<String> ids) {
    return backends.stream().filter(b -> b.healthy() && ids.contains(b.id())).toList();
  }
}
