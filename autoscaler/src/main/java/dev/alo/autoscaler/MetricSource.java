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
}
