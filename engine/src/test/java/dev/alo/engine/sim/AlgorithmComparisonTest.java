package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The balancing algorithms in queueing situations whose answers are known. */
class AlgorithmComparisonTest {

  static BalancerFactory named(String name) {
    return (clock, seed) -> Balancer.byName(name, BalancerOptions.seeded(seed, clock));
  }

  static SimulationResult supermarket(String algorithm) {
    List<ServerSpec> servers =
        Collections.nCopies(100, ServerSpec.of(1, 1, ServiceTime.exponential(1)));
    SimulationConfig config =
        SimulationConfig.builder(servers, Arrivals.poisson(90))
            .maxRequests(3_000_000)
            .seed(21)
            .build();
    return Simulator.run(config, named(algorithm));
  }

  @Test
  void supermarketModel_100ServersAtLoad0point9_randomTenP2cNear2point61LeastConnectionsBelow() {
    double random = supermarket("random").meanResponse();
    double p2c = supermarket("p2c").meanResponse();
    double lc = supermarket("least-connections").meanResponse();
    // Random: 100 independent M/M/1 queues at rho 0.9, W = 10.
    assertThat(random).isCloseTo(10, within(0.3));
    // Two choices: 2.61 as n -> infinity (Mitzenmacher); finite n runs a little higher.
    assertThat(p2c).isBetween(2.55, 2.9);
    // Joining the shortest queue does better still.
    assertThat(lc).isLessThan(p2c);
  }

  static SimulationResult twoSpeeds(String algorithm) {
    // Service rates 2 and 1 (speed 2 and 1 with mean 1 s); total arrival rate 2.4 of capacity 3.
    ServiceTime exp = ServiceTime.exponential(1);
    SimulationConfig config =
        SimulationConfig.builder(
                List.of(ServerSpec.of(1, 2, exp), ServerSpec.of(1, 1, exp)), Arrivals.poisson(2.4))
            .duration(20_000)
            .sampleInterval(1_000)
            .seed(22)
            .build();
    return Simulator.run(config, named(algorithm));
  }

  @Test
  void twoSpeeds_weightedRoundRobinAndLeastConnections_stayStableWhereRoundRobinDoesNot() {
    SimulationResult rr = twoSpeeds("round-robin");
    double[] rrSlow = rr.series().inFlight(1);
    // The slow server gets 1.2/s and serves 1/s: its queue grows by about 0.2 per second.
    assertThat(rrSlow[19]).isGreaterThan(3_000);
    for (int k = 5; k < 20; k++) {
      assertThat(rrSlow[k]).as("round robin, interval %s", k).isGreaterThan(rrSlow[k - 5] + 500);
    }
    assertThat(rr.series().inFlight(0)[19]).as("round robin, fast server").isLessThan(50);
    for (String algorithm : List.of("weighted-round-robin", "least-connections")) {
      SimulationResult r = twoSpeeds(algorithm);
      for (int server = 0; server < 2; server++) {
        double[] inFlight = r.series().inFlight(server);
        for (double v : inFlight) {
          assertThat(v).as("%s, server %s", algorithm, server + 1).isLessThan(20);
        }
      }
      assertThat(r.meanResponse()).as(algorithm).isLessThan(5);
      assertThat(r.utilizationSpread().jainFairness()).as(algorithm).isGreaterThan(0.95);
    }
  }

  @Test
  void prototypeScenario_fourAlgorithms_runAndLoadIsTheUtilisation() {
    SimulationConfig config = PrototypeScenario.config(4, 60, 20_000, 3);
    for (String algorithm : PrototypeScenario.ALGORITHMS) {
      SimulationResult r = Simulator.run(config, named(algorithm));
      assertThat(r.completed()).as(algorithm).isEqualTo(20_000);
      assertThat(r.utilizationSpread().mean()).as(algorithm).isCloseTo(0.6, within(0.03));
    }
  }

  @Test
  void prototypeScenario_outOfRange_isRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> PrototypeScenario.config(1, 50, 100, 1))
        .hasMessageContaining("2..10");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PrototypeScenario.config(3, 5, 100, 1))
        .hasMessageContaining("10..100");
  }
}
