package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class WeightedRoundRobinBalancerTest {

  @Test
  void pick_weights511_givesNginxsSmoothSequence() {
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(List.of(Backend.of("a", 5), Backend.of("b", 1), Backend.of("c", 1)));
    StringBuilder seq = new StringBuilder();
    for (int i = 0; i < 14; i++) {
      seq.append(Fixtures.pick(wrr, 0).id());
    }
    assertThat(seq.toString()).isEqualTo("aabacaa" + "aabacaa");
  }

  @Test
  void pick_unrelatedBackendChanges_keepsTheSequenceGoing() {
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(List.of(Backend.of("a", 5), Backend.of("b", 1), Backend.of("c", 1)));
    StringBuilder seq = new StringBuilder();
    for (int i = 0; i < 7; i++) {
      Backend.of("elsewhere").setWeight(2 + i);
      seq.append(Fixtures.pick(wrr, 0).id());
    }
    assertThat(seq.toString()).isEqualTo("aabacaa");
  }

  @Property(tries = 100)
  void pick_anyWeights_matchesNginxsAlgorithm(
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 30) Integer> weights) {
    assertMatchesReference(weights, 3 * weights.stream().mapToInt(Integer::intValue).sum());
  }

  @Test
  void pick_weightsTooLargeToPrecompute_stillMatchesNginxsAlgorithm() {
    assertMatchesReference(List.of(3_000_000, 2_000_000, 1_000_001, 7), 20_000);
  }

  @Test
  void pick_manyEqualWeights_goesRoundInOrderAtOnce() {
    // 100,000 backends of weight 3: nginx's loop costs 100,000 steps a pick (1e11 for these).
    int n = 100_000;
    int[] weights = new int[n];
    java.util.Arrays.fill(weights, 3);
    List<Backend> backends = Fixtures.weighted(weights);
    Balancer wrr = Balancer.weightedRoundRobin();
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> {
          wrr.setBackends(backends);
          for (int i = 0; i < 10 * n; i++) {
            assertThat(Fixtures.pick(wrr, 0)).isSameAs(backends.get(i % n));
          }
        });
  }

  @Property(tries = 100)
  void pick_onePeriod_picksEachBackendExactlyItsWeight(
      @ForAll @Size(min = 1, max = 10) List<@IntRange(min = 1, max = 20) Integer> weights) {
    List<Backend> backends = Fixtures.weighted(weights.stream().mapToInt(i -> i).toArray());
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(backends);
    int total = weights.stream().mapToInt(Integer::intValue).sum();
    int[] counts = new int[backends.size()];
    for (int i = 0; i < 2 * total; i++) {
      counts[backends.indexOf(Fixtures.pick(wrr, 0))]++;
    }
    for (int i = 0; i < counts.length; i++) {
      assertThat(counts[i]).isEqualTo(2 * weights.get(i));
    }
  }

  @Test
  void setWeight_atRuntime_changesTheProportionsFromTheNextPick() {
    List<Backend> backends = Fixtures.weighted(1, 1);
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(backends);
    Fixtures.pick(wrr, 0);
    backends.get(0).setWeight(3);
    int first = 0;
    for (int i = 0; i < 400; i++) {
      if (Fixtures.pick(wrr, 0) == backends.get(0)) {
        first++;
      }
    }
    assertThat(first).isEqualTo(300);
  }

  @Test
  void pick_unhealthyBackend_isSkippedAndTheRestKeepTheirRatio() {
    List<Backend> backends = Fixtures.weighted(2, 5, 1);
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(backends);
    backends.get(1).setHealthy(false);
    int[] counts = new int[3];
    for (int i = 0; i < 300; i++) {
      counts[backends.indexOf(Fixtures.pick(wrr, 0))]++;
    }
    assertThat(counts).containsExactly(200, 0, 100);
  }

  /** nginx's loop, written plainly, compared pick by pick from a fresh balancer. */
  private static void assertMatchesReference(List<Integer> weights, int picks) {
    List<Backend> backends = Fixtures.weighted(weights.stream().mapToInt(i -> i).toArray());
    Balancer wrr = Balancer.weightedRoundRobin();
    wrr.setBackends(backends);
    long[] current = new long[weights.size()];
    List<Integer> expected = new ArrayList<>();
    List<Integer> actual = new ArrayList<>();
    for (int step = 0; step < picks; step++) {
      int best = -1;
      long total = 0;
      for (int i = 0; i < current.length; i++) {
        current[i] += weights.get(i);
        total += weights.get(i);
        if (best < 0 || current[i] > current[best]) {
          best = i;
        }
      }
      current[best] -= total;
      expected.add(best);
      actual.add(backends.indexOf(Fixtures.pick(wrr, 0)));
    }
    assertThat(actual).isEqualTo(expected);
  }
}
