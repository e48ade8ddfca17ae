package dev.alo.engine.sim;

import static dev.alo.engine.sim.SimulatorBehaviourTest.RR;
import static dev.alo.engine.sim.SimulatorBehaviourTest.expServer;
import static dev.alo.engine.sim.SimulatorBehaviourTest.poisson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run's memory and time depend on: the requests and servers, not the rate. */
class SimulatorMemoryTest {

  @Test
  void run_burstAtAHugeRate_drainsWithABoundedSeriesInAMoment() {
    // A thousand arrivals within a microsecond, then some 330 s of draining: sampled every
    // hundredth of the arrival period that would be 3e10 intervals.
    SimulationResult r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(20),
            () ->
                Simulator.run(
                    poisson(Collections.nCopies(3, expServer(1, 1)), 1e9, 1_000).seed(5).build(),
                    RR));
    assertThat(r.completed()).isEqualTo(1_000);
    assertThat(r.duration()).isGreaterThan(250);
    double[] times = r.series().times();
    assertThat(times.length).isBetween(2, LoadSeries.MAX_INTERVALS);
    assertThat(times[times.length - 1]).isBetween(0.9 * r.duration(), r.duration());
    for (double u : r.series().utilization(0)) {
      assertThat(u).isBetween(0.0, 1 + 1e-9);
    }
  }

  @Test
  void run_seriesBeyondItsCap_mergesIntoWhatTheCoarserIntervalGives() {
    // Interval 2 s over ~1000 s: 200 intervals at 400 s become 100 of 4 s, and at 800 s 100 of
    // 8 s. A server that joins at 13 s and leaves mid-run covers intervals in part.
    SimulationResult fine = withAServerComingAndGoing(2);
    SimulationResult coarse = withAServerComingAndGoing(8);
    assertThat(fine.completed()).isEqualTo(coarse.completed());
    assertThat(fine.series().times()).containsExactly(coarse.series().times());
    for (int s = 0; s < 3; s++) {
      double[] a = fine.series().utilization(s);
      double[] b = coarse.series().utilization(s);
      double[] fa = fine.series().inFlight(s);
      double[] fb = coarse.series().inFlight(s);
      for (int k = 0; k < a.length; k++) {
        if (Double.isNaN(b[k])) {
          assertThat(a[k]).as("server %s interval %s", s, k).isNaN();
          assertThat(fa[k]).as("server %s interval %s", s, k).isNaN();
        } else {
          assertThat(a[k]).as("server %s interval %s", s, k).isCloseTo(b[k], within(1e-9));
          assertThat(fa[k]).as("server %s interval %s", s, k).isCloseTo(fb[k], within(1e-9));
        }
      }
    }
    assertThat(fine.servers().get(2).addedAt()).isEqualTo(13);
  }

  private static SimulationResult withAServerComingAndGoing(double interval) {
    PoolController script =
        pool -> {
          if (pool.now() == 10) {
            pool.addServer(expServer(1, 1));
          } else if (pool.now() == 500) {
            assertThat(pool.removeServer()).isTrue();
          }
        };
    SimulationConfig config =
        poisson(List.of(expServer(1, 1), expServer(1, 1)), 1.6, 1_000_000)
            .duration(1_000)
            .sampleInterval(interval)
            .controller(script, 10, 3)
            .seed(17)
            .build();
    return Simulator.run(config, RR);
  }

  @Test
  void run_manyLightlyUsedServers_costWhatTheirRequestsCost() {
    // A histogram per server took some 170 KB each: 50,000 servers needed 8 GB.
    List<ServerSpec> pool = Collections.nCopies(50_000, expServer(1, 1));
    SimulationResult r =
        Simulator.run(
            poisson(pool, 25_000, 50_000).seed(6).build(), (clock, seed) -> RR.create(clock, seed));
    assertThat(r.completed()).isEqualTo(50_000);
    assertThat(r.servers()).hasSize(50_000);
    assertThat(r.servers().get(0).p50()).isPositive();
    assertThat(r.series().times().length).isLessThanOrEqualTo(LoadSeries.maxIntervals(50_000));
  }

  @Test
  void maxIntervals_boundsTheValuesOfLargePools() {
    assertThat(LoadSeries.maxIntervals(1)).isEqualTo(200);
    assertThat(LoadSeries.maxIntervals(5_000)).isEqualTo(200);
    assertThat(LoadSeries.maxIntervals(10_000)).isEqualTo(100);
    assertThat(LoadSeries.maxIntervals(100_000)).isEqualTo(10);
    assertThat(LoadSeries.maxIntervals(1_000_000)).isEqualTo(8);
  }

  @Test
  void run_progress_risesToOneByTheEndOfTheArrivals() {
    List<Double> seen = new ArrayList<>();
    Simulator.run(
        poisson(List.of(expServer(1, 1), expServer(1, 1)), 1, 300_000).seed(3).build(),
        RR,
        seen::add);
    assertThat(seen).isNotEmpty().isSorted();
    assertThat(seen.get(0)).isGreaterThan(0);
    assertThat(seen.get(seen.size() - 1)).isGreaterThan(0.5).isLessThanOrEqualTo(1);
  }
}
