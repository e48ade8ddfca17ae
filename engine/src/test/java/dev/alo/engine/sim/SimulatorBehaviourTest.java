package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.balance.Balancer;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorBehaviourTest {
  static final BalancerFactory RR = (clock, seed) -> Balancer.roundRobin();

  static ServerSpec expServer(int workers, double speed) {
    return ServerSpec.of(workers, speed, ServiceTime.exponential(1));
  }

  static SimulationConfig.Builder poisson(List<ServerSpec> servers, double rate, long requests) {
    return SimulationConfig.builder(servers, Arrivals.poisson(rate)).maxRequests(requests);
  }

  @Test
  void run_sameSeed_identicalResults() {
    SimulationConfig config =
        poisson(List.of(expServer(1, 1), expServer(2, 1.5)), 2, 50_000).seed(7).build();
    SimulationResult a = Simulator.run(config, RR);
    SimulationResult b = Simulator.run(config, RR);
    assertThat(a.servers()).isEqualTo(b.servers());
    assertThat(a.meanResponse()).isEqualTo(b.meanResponse());
    assertThat(a.p99()).isEqualTo(b.p99());
    assertThat(a.duration()).isEqualTo(b.duration());
    assertThat(a.series().utilization(1)).isEqualTo(b.series().utilization(1));
  }

  @Test
  void run_otherSeed_differentResults() {
    List<ServerSpec> servers = List.of(expServer(1, 1), expServer(1, 1));
    SimulationResult a = Simulator.run(poisson(servers, 1, 10_000).seed(1).build(), RR);
    SimulationResult b = Simulator.run(poisson(servers, 1, 10_000).seed(2).build(), RR);
    assertThat(a.meanResponse()).isNotEqualTo(b.meanResponse());
  }

  @Test
  void run_mm1_utilizationAndMeanInFlightMatchTheory() {
    SimulationResult r =
        Simulator.run(poisson(List.of(expServer(1, 1)), 0.5, 400_000).seed(3).build(), RR);
    ServerResult s = r.servers().get(0);
    assertThat(s.utilization()).isCloseTo(0.5, within(0.01));
    assertThat(s.meanInFlight()).isCloseTo(1.0, within(0.04));
    assertThat(r.throughput()).isCloseTo(0.5, within(0.01));
    assertThat(r.completed()).isEqualTo(400_000);
    assertThat(r.p50()).isCloseTo(2 * Math.log(2), within(0.03)); // sojourn ~ Exp(mu - lambda)
  }

  @Test
  void run_speedFactor_dividesServiceTime() {
    // Speed 2 with mean 1 s is an M/M/1 with mu = 2: at lambda = 1, W = 1 / (2 - 1) = 1.
    SimulationResult r =
        Simulator.run(poisson(List.of(expServer(1, 2)), 1, 400_000).seed(4).build(), RR);
    assertThat(r.meanResponse()).isCloseTo(1.0, within(0.03));
  }

  @Test
  void run_deterministicService_matchesPollaczekKhinchine() {
    // M/D/1 at rho 0.8: W = 1 + rho / (2 (1 - rho)) = 3.
    SimulationResult r =
        Simulator.run(
            poisson(List.of(ServerSpec.of(1, 1, ServiceTime.deterministic(1))), 0.8, 600_000)
                .seed(5)
                .build(),
            RR);
    assertThat(r.meanResponse()).isCloseTo(3.0, within(0.09));
  }

  @Test
  void run_logNormalService_matchesPollaczekKhinchine() {
    // M/G/1 at rho 0.5, E[S] = 1, cv 0.5: W = 1 + lambda E[S^2] / (2 (1 - rho)) = 1.625.
    SimulationResult r =
        Simulator.run(
            poisson(List.of(ServerSpec.of(1, 1, ServiceTime.logNormal(1, 0.5))), 0.5, 400_000)
                .seed(6)
                .build(),
            RR);
    assertThat(r.meanResponse()).isCloseTo(1.625, within(0.03));
  }

  @Test
  void run_replay_givesExactSojourns() {
    // One worker, 1 s each: the requests at 0, 0.5 and 1 leave at 1, 2 and 3.
    SimulationConfig config =
        SimulationConfig.builder(
                List.of(ServerSpec.of(1, 1, ServiceTime.deterministic(1))),
                Arrivals.replay(new double[] {0, 0.5, 1}))
            .build();
    SimulationResult r = Simulator.run(config, RR);
    assertThat(r.completed()).isEqualTo(3);
    assertThat(r.meanResponse()).isCloseTo(1.5, within(1e-9));
    assertThat(r.duration()).isCloseTo(3, within(1e-9));
    assertThat(r.servers().get(0).maxInFlight()).isEqualTo(2);
    assertThat(r.servers().get(0).utilization()).isCloseTo(1, within(1e-9));
  }

  @Test
  void run_noQueue_dropsAsErlangB() {
    // M/M/1/1 with offered load a = 1: blocking probability a / (1 + a) = 0.5.
    SimulationResult r =
        Simulator.run(
            poisson(List.of(expServer(1, 1).withQueueCapacity(0)), 1, 200_000).seed(8).build(), RR);
    assertThat((double) r.dropped() / r.arrivals()).isCloseTo(0.5, within(0.01));
    assertThat(r.dropped() + r.completed()).isEqualTo(r.arrivals());
    assertThat(r.servers().get(0).maxInFlight()).isEqualTo(1);
  }

  @Test
  void run_boundedQueue_neverHoldsMoreThanWorkersPlusCapacity() {
    SimulationResult r =
        Simulator.run(
            poisson(List.of(expServer(2, 1).withQueueCapacity(5)), 3, 50_000).seed(9).build(), RR);
    assertThat(r.servers().get(0).maxInFlight()).isEqualTo(7);
    assertThat(r.dropped()).isPositive();
  }

  @Test
  void run_failureAndRecovery_serverGetsNoWorkWhileDownAndLosesItsInFlightRequests() {
    List<ServerSpec> servers = Collections.nCopies(2, expServer(1, 1));
    SimulationConfig config =
        poisson(servers, 1.6, 1_000_000)
            .duration(300)
            .sampleInterval(10)
            .failure(new Failure(0, 100, 200))
            .seed(10)
            .build();
    SimulationResult r = Simulator.run(config, RR);
    double[] times = r.series().times();
    double[] util = r.series().utilization(0);
    double[] other = r.series().utilization(1);
    for (int k = 0; k < times.length; k++) {
      if (times[k] > 100 && times[k] <= 200) {
        assertThat(util[k]).as("s1 at %s", times[k]).isZero();
        assertThat(other[k]).as("s2 at %s", times[k]).isGreaterThan(0.9); // alone at rate 1.6
      }
      if (times[k] > 210 && times[k] <= 300) {
        assertThat(util[k]).as("s1 after recovery at %s", times[k]).isPositive();
      }
    }
    assertThat(r.failed()).isEqualTo(r.servers().get(0).failed()).isPositive();
    assertThat(r.completed() + r.failed()).isEqualTo(r.arrivals());
  }

  @Test
  void run_everyServerDown_requestsAreUnroutedAndAllAccountedFor() {
    SimulationConfig config =
        poisson(List.of(expServer(1, 1)), 0.5, 1_000_000)
            .duration(100)
            .failure(Failure.permanent(0, 50))
            .seed(14)
            .build();
    SimulationResult r = Simulator.run(config, RR);
    assertThat(r.unrouted()).isBetween(10L, 45L); // about 25 arrivals in the last 50 s
    assertThat(r.completed() + r.failed() + r.unrouted()).isEqualTo(r.arrivals());
  }

  @Test
  void run_slowHealthChecks_sendRequestsToTheDeadServerUntilTheCheck() {
    List<ServerSpec> servers = Collections.nCopies(2, expServer(1, 1));
    SimulationConfig.Builder base =
        poisson(servers, 1, 1_000_000).duration(200).failure(Failure.permanent(0, 100.5));
    long instant = Simulator.run(base.seed(11).build(), RR).failed();
    long slow = Simulator.run(base.seed(11).healthCheckInterval(10).build(), RR).failed();
    // About 9.5 s at rate 1 with every other request going to s1: some 5 more failures.
    assertThat(slow).isGreaterThan(instant);
  }

  @Test
  void run_controller_seesTheArrivalRateAndUtilisationOfTheLastInterval() {
    List<Double> rates = new java.util.ArrayList<>();
    List<Double> utils = new java.util.ArrayList<>();
    PoolController observer =
        pool -> {
          rates.add(pool.arrivalRate());
          utils.add(pool.utilization());
          assertThat(pool.serving()).isEqualTo(2);
          assertThat(pool.inFlight()).isNotNegative();
        };
    SimulationConfig config =
        poisson(List.of(expServer(1, 1), expServer(1, 1)), 1.2, 1_000_000)
            .duration(5_000)
            .controller(observer, 50, 0)
            .seed(15)
            .build();
    Simulator.run(config, RR);
    double meanRate = rates.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double meanUtil = utils.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    assertThat(rates.size()).isGreaterThanOrEqualTo(99);
    assertThat(meanRate).isCloseTo(1.2, within(0.06));
    assertThat(meanUtil).isCloseTo(0.6, within(0.04));
    assertThat(utils).allSatisfy(u -> assertThat(u).isBetween(0.0, 1.0));
  }

  @Test
  void run_controller_addsAServerAfterTheDelayAndDrainsItLater() {
    List<ServerSpec> servers = List.of(expServer(1, 1));
    PoolController script =
        pool -> {
          if (pool.now() == 10) {
            pool.addServer(expServer(1, 1));
            assertThat(pool.provisioning()).isEqualTo(1);
          } else if (pool.now() == 100) {
            assertThat(pool.serving()).isEqualTo(2);
            assertThat(pool.removeServer()).isTrue();
            assertThat(pool.removeServer()).isFalse();
          }
        };
    SimulationConfig config =
        poisson(servers, 0.8, 1_000_000)
            .duration(200)
            .sampleInterval(5)
            .controller(script, 10, 30)
            .seed(12)
            .build();
    SimulationResult r = Simulator.run(config, RR);
    ServerResult added = r.servers().get(1);
    assertThat(added.addedAt()).isEqualTo(40);
    assertThat(added.removedAt()).isGreaterThanOrEqualTo(100).isLessThan(140);
    assertThat(added.requests()).isEqualTo(added.completed()).isPositive();
    double[] times = r.series().times();
    double[] util = r.series().utilization(1);
    for (int k = 0; k < times.length; k++) {
      if (times[k] <= 40 || times[k] > 150) {
        assertThat(util[k]).as("s2 at %s", times[k]).isNaN();
      }
    }
    assertThat(r.completed()).isEqualTo(r.arrivals());
  }

  @Test
  void run_backendWeights_followServerCapacity() {
    List<Integer> weights = new java.util.ArrayList<>();
    BalancerFactory spy =
        (clock, seed) -> {
          Balancer rr = Balancer.roundRobin();
          return new Balancer() {
            @Override
            public String name() {
              return rr.name();
            }

            @Override
            public void setBackends(List<dev.alo.engine.balance.Backend> backends) {
              backends.forEach(b -> weights.add(b.weight()));
              rr.setBackends(backends);
            }

            @Override
            public List<dev.alo.engine.balance.Backend> backends() {
              return rr.backends();
            }

            @Override
            public java.util.Optional<dev.alo.engine.balance.Backend> pick(long key) {
              return rr.pick(key);
            }
          };
        };
    Simulator.run(
        poisson(List.of(expServer(1, 1.5), expServer(1, 1), expServer(2, 1.5)), 1, 10).build(),
        spy);
    assertThat(weights).containsExactly(3, 2, 6);
  }
}
