package dev.alo.engine.sim;

import java.util.function.DoubleConsumer;

/**
 * Runs a simulation: {@code Simulator.run(config, factory)}. Deterministic: the same configuration
 * (seed included) and algorithm give the same result. Arrival times, affinity keys and each
 * request's work are drawn from streams independent of the balancer, so every algorithm sees the
 * same arrivals and the same work (common random numbers) and comparisons are fair.
 *
 * <p>What the balancer sees is what a proxy sees: its {@link dev.alo.engine.balance.Backend}s'
 * in-flight counts (requests sent and not yet answered, queued or in service) and observed
 * latencies (the sojourn time, reported at completion), plus health. Health is modelled as a
 * periodic check (see {@link SimulationConfig.Builder#healthCheckInterval(double)}): when a server
 * fails, the requests at it fail at that instant; until the next check marks it down, requests
 * picked for it fail at once (connection refused, latency 0). A request refused by a full queue
 * never counts as in flight.
 */
public final class Simulator {
  private Simulator() {}

  public static SimulationResult run(SimulationConfig config, BalancerFactory factory) {
    return run(config, factory, share -> {});
  }

  /**
   * Runs a simulation and tells {@code progress}, at the end of each interval of the load series
   * (about 100 times over the arrivals), the share of the arrivals done (0 to 1, by count or by
   * simulated time, whichever is further); the requests still in the system drain after it reaches
   * 1.
   */
  public static SimulationResult run(
      SimulationConfig config, BalancerFactory factory, DoubleConsumer progress) {
    return new SimulationRun(config, factory, progress).run();
  }
}
