package dev.alo.autoscaler;

import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One reading of the proxy's load: per backend (the proxy's admin {@code /stats}), or only as a
 * total (a Prometheus query), which the loop then spreads over the target's ready replicas.
 *
 * @param backends every backend the proxy reported, draining ones included; empty for a total
 * @param total the load of all ready replicas together, when the source reads only that
 */
public record MetricReading(List<BackendLoad> backends, OptionalDouble total) {
  public MetricReading {
    backends = List.copyOf(backends);
    if (total.isPresent() && !(total.getAsDouble() >= 0 && Double.isFinite(total.getAsDouble()))) {
      throw new IllegalArgumentException(
          "total load: " + total.getAsDouble() + " (expected: finite and >= 0)");
    }
  }

  /** A reading per backend. */
  public MetricReading(List<BackendLoad> backends) {
    this(backends, OptionalDouble.empty());
  }

  /** A reading of the total load only, in the unit of the replicas' capacity. */
  public static MetricReading ofTotal(double load) {
    return new MetricReading(List.of(), OptionalDouble.of(load));
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
