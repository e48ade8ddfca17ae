package dev.alo.engine.sim;

import java.util.Collections;
import java.util.List;

/**
 * The scenario of ALO's prototype, with real queueing: 2 to 10 identical single-worker servers with
 * exponential service (mean 1 s), Poisson arrivals at a rate that makes the mean utilisation the
 * "average request load" of 10 to 100 %, at least 100 requests, compared over the prototype's four
 * algorithms.
 */
public final class PrototypeScenario {
  /** The prototype's algorithms, by canonical name. */
  public static final List<String> ALGORITHMS =
      List.of("round-robin", "least-connections", "ip-hash", "weighted-round-robin");

  private PrototypeScenario() {}

  /**
   * The scenario's configuration.
   *
   * @throws IllegalArgumentException for servers outside 2..10, load outside 10..100 or fewer than
   *     100 requests
   */
  public static SimulationConfig config(int servers, int loadPercent, long requests, long seed) {
    if (servers < 2 || servers > 10) {
      throw new IllegalArgumentException("servers: " + servers + " (expected: 2..10)");
    }
    if (loadPercent < 10 || loadPercent > 100) {
      throw new IllegalArgumentException("load: " + loadPercent + " % (expected: 10..100)");
    }
    if (requests < 100) {
      throw new IllegalArgumentException("requests: " + requests + " (expected: >= 100)");
    }
    List<ServerSpec> specs =
        Collections.nCopies(servers, ServerSpec.of(1, 1, ServiceTime.exponential(1)));
    return SimulationConfig.builder(specs, Arrivals.poisson(servers * loadPercent / 100.0))
        .maxRequests(requests)
        .seed(seed)
        .build();
  }
}
