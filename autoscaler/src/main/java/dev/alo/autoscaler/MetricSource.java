package dev.alo.autoscaler;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;

/** Where the control loop reads the load from, once per control interval. */
public interface MetricSource {
  /**
   * The load now.
   *
   * @throws MetricUnavailableException when it cannot be read (the loop then holds)
   */
  MetricReading read();

  /**
   * The proxy's admin endpoint ({@code GET /stats} under {@code admin}, e.g. {@code
   * http://127.0.0.1:9100}): request rates from successive request counters, timed on {@code
   * nanoClock} ({@code System::nanoTime} in production).
   */
  static MetricSource proxyAdmin(URI admin, Duration timeout, LongSupplier nanoClock) {
    return new ProxyStatsSource(new AdminClient(admin, Optional.empty(), timeout), nanoClock);
  }

  /**
   * A Prometheus instant query ({@code GET /api/v1/query} under {@code base}, e.g. {@code
   * http://127.0.0.1:9090}): the load is the sum of the resulting vector's sample values, or the
   * scalar, in the unit of a replica's capacity, for all ready replicas together. The loop spreads
   * it over the target's ready replicas (a Prometheus query does not say which replica served
   * what). An HTTP error, a query Prometheus refuses, no series, or a value that is NaN, infinite
   * or negative makes the metric unreadable, so the loop holds.
   */
  static MetricSource prometheus(URI base, String query, Duration timeout) {
    return new PrometheusSource(base, query, timeout);
  }
}
