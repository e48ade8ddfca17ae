package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class LeastConnectionsBalancerTest {

  @Test
  void pick_weighted_comparesInFlightPerUnitOfWeight() {
    List<Backend> backends = Fixtures.weighted(1, 3);
    Fixtures.load(backends.get(0), 2); // 2 per unit of weight
    Fixtures.load(backends.get(1), 4); // 1.33 per unit of weight
    Balancer lc = Balancer.leastConnections();
    lc.setBackends(backends);
    assertThat(Fixtures.pick(lc, 0)).isSameAs(backends.get(1));
    Fixtures.load(backends.get(1), 3); // 7/3 > 2
    assertThat(Fixtures.pick(lc, 0)).isSameAs(backends.get(0));
  }

  @Test
  void pick_ties_areBrokenRoundRobin() {
    List<Backend> backends = Fixtures.backends(4);
    Fixtures.load(backends.get(2), 1);
    Balancer lc = Balancer.leastConnections();
    lc.setBackends(backends);
    StringBuilder seq = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      seq.append(Fixtures.pick(lc, 0).id()).append(' ');
    }
    assertThat(seq.toString()).isEqualTo("b0 b1 b3 b0 b1 b3 b0 ");
  }

  @Test
  void pick_requestsStartedOnEachPick_spreadsEvenly() {
    List<Backend> backends = Fixtures.backends(3);
    Balancer lc = Balancer.leastConnections();
    lc.setBackends(backends);
    for (int i = 0; i < 9; i++) {
      Fixtures.pick(lc, 0).requestStarted();
    }
    assertThat(backends).allSatisfy(b -> assertThat(b.inFlight()).isEqualTo(3));
  }

  @Property(tries = 200)
  void pick_anyLoads_returnsABackendWithTheLeastLoadPerWeight(
      @ForAll @Size(min = 1, max = 12) List<@IntRange(min = 0, max = 20) Integer> loads,
      @ForAll @IntRange(min = 1, max = 5) int heavyWeight) {
    List<Backend> backends = Fixtures.backends(loads.size());
    backends.get(0).setWeight(heavyWeight);
    for (int i = 0; i < loads.size(); i++) {
      Fixtures.load(backends.get(i), loads.get(i));
    }
    Balancer lc = Balancer.leastConnections();
    lc.setBackends(backends);
    Backend picked = Fixtures.pick(lc, 0);
    double least =
        backends.stream().mapToDouble(b -> (double) b.inFlight() / b.weight()).min().orElseThrow();
    assertThat((double) picked.inFlight() / picked.weight()).isEqualTo(least);
  }
}
