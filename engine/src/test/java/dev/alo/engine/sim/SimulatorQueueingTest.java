package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.balance.Balancer;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The simulator against exact M/M/1 and M/M/c results (Erlang C). */
class SimulatorQueueingTest {
  static final BalancerFactory RR = (clock, seed) -> Balancer.roundRobin();

  static double meanResponse(int workers, double rho, long requests, long seed) {
    double lambda = rho * workers;
    SimulationConfig config =
        SimulationConfig.builder(
                List.of(ServerSpec.of(workers, 1, ServiceTime.exponential(1))),
                Arrivals.poisson(lambda))
            .maxRequests(requests)
            .seed(seed)
            .build();
    return Simulator.run(config, RR).meanResponse();
  }

  @ParameterizedTest(name = "M/M/{0} at rho {1}")
  @CsvSource({
    "1, 0.5, 400000",
    "1, 0.8, 2000000",
    "1, 0.9, 3000000",
    "4, 0.5, 400000",
    "4, 0.8, 1000000",
    "4, 0.9, 2000000"
  })
  void meanResponse_mmc_within3PercentOfErlangC(int workers, double rho, long requests) {
    double exact = Queueing.mmcMeanResponse(workers, rho * workers, 1);
    double sim = meanResponse(workers, rho, requests, 42);
    assertThat(sim).isCloseTo(exact, within(0.03 * exact));
  }
}
