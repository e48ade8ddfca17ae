package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TwoChoicesBalancerTest {
  private static final long MS = 1_000_000L;

  @Property(tries = 50)
  void p2c_distinctLoads_neverPicksTheMostLoaded(
      @ForAll @IntRange(min = 2, max = 30) int n, @ForAll long seed) {
    List<Backend> backends = Fixtures.backends(n);
    for (int i = 0; i < n; i++) {
      Fixtures.load(backends.get(i), i); // b(n-1) is the most loaded
    }
    SplittableRandom random = new SplittableRandom(seed);
    Balancer p2c = Balancer.powerOfTwoChoices(() -> random);
    p2c.setBackends(backends);
    for (int i = 0; i < 200; i++) {
      assertThat(Fixtures.pick(p2c, i)).isNotSameAs(backends.get(n - 1));
    }
  }

  @Test
  void p2c_twoBackends_alwaysPicksTheLessLoadedPerWeight() {
    List<Backend> backends = Fixtures.weighted(1, 4);
    Fixtures.load(backends.get(0), 2); // 2 per weight
    Fixtures.load(backends.get(1), 4); // 1 per weight
    Balancer p2c = Fixtures.balancer("p2c");
    p2c.setBackends(backends);
    for (int i = 0; i < 100; i++) {
      assertThat(Fixtures.pick(p2c, i)).isSameAs(backends.get(1));
    }
  }

  @Test
  void p2c_equalLoads_spreadsEvenly() {
    assertRoughlyUniform(Fixtures.balancer("p2c"));
  }

  @Test
  void random_spreadsEvenly() {
    assertRoughlyUniform(Fixtures.balancer("random"));
  }

  @Test
  void peakEwma_equalLoad_prefersTheLowerLatencyBackend() {
    AtomicLong now = new AtomicLong(1_000 * MS);
    List<Backend> backends = Fixtures.backends(2);
    sample(backends.get(0), now.get(), 100 * MS);
    sample(backends.get(1), now.get(), 10 * MS);
    Balancer ewma = peakEwma(now);
    ewma.setBackends(backends);
    for (int i = 0; i < 50; i++) {
      assertThat(Fixtures.pick(ewma, i)).isSameAs(backends.get(1));
    }
  }

  @Test
  void peakEwma_costIsLatencyTimesInFlightPlusOne() {
    AtomicLong now = new AtomicLong(1_000 * MS);
    List<Backend> backends = Fixtures.backends(2);
    sample(backends.get(0), now.get(), 100 * MS); // cost 100 ms × 1
    sample(backends.get(1), now.get(), 10 * MS);
    Fixtures.load(backends.get(1), 10); // cost 10 ms × 11 = 110 ms
    Balancer ewma = peakEwma(now);
    ewma.setBackends(backends);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(backends.get(0));
    backends.get(1).requestFinished(now.get(), 10 * MS); // 10 ms × 10 = 100 ms: a tie
    backends.get(1).requestFinished(now.get(), 10 * MS); // 10 ms × 9 = 90 ms
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(backends.get(1));
  }

  @Test
  void peakEwma_unsampledBackend_isProbedOnceThenWaitedFor() {
    AtomicLong now = new AtomicLong(1_000 * MS);
    List<Backend> backends = Fixtures.backends(2);
    sample(backends.get(0), now.get(), 1 * MS);
    Backend fresh = backends.get(1);
    Balancer ewma = peakEwma(now);
    ewma.setBackends(backends);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(fresh);
    fresh.requestStarted();
    Fixtures.load(backends.get(0), 50);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(backends.get(0));
  }

  @Test
  void peakEwma_slowBackendRecovers_getsTrafficAgainAsItsEstimateDecays() {
    AtomicLong now = new AtomicLong(1_000 * MS);
    List<Backend> backends = Fixtures.backends(2);
    sample(backends.get(0), now.get(), 1_000 * MS); // a 1 s spike
    sample(backends.get(1), now.get(), 50 * MS);
    Balancer ewma = peakEwma(now);
    ewma.setBackends(backends);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(backends.get(1));
    now.addAndGet(40_000 * MS); // 4 decay times: 1 s × e^-4 ≈ 18 ms < 50 ms × e^-4
    sample(backends.get(1), now.get(), 50 * MS);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(backends.get(0));
  }

  /** One request to the backend that took the given latency. */
  private static void sample(Backend backend, long now, long latency) {
    backend.requestStarted();
    backend.requestFinished(now, latency);
  }

  @Property(tries = 300)
  void peakEwma_anyTwoSampledBackends_picksTheLowerCostAtTheCurrentTime(
      @ForAll @IntRange(min = 1, max = 1_000_000) int latencyA,
      @ForAll @IntRange(min = 1, max = 1_000_000) int latencyB,
      @ForAll @IntRange(min = 0, max = 100_000) int sampleGapMs,
      @ForAll @IntRange(min = 0, max = 100_000) int readDelayMs,
      @ForAll @IntRange(min = 0, max = 9) int inFlightA,
      @ForAll @IntRange(min = 0, max = 9) int inFlightB,
      @ForAll @IntRange(min = 1, max = 4) int weightB) {
    AtomicLong now = new AtomicLong(1_000 * MS);
    List<Backend> backends = List.of(Backend.of("a"), Backend.of("b", weightB));
    Backend a = backends.get(0);
    Backend b = backends.get(1);
    sample(a, now.get(), latencyA * 1_000L);
    now.addAndGet(sampleGapMs * MS);
    sample(b, now.get(), latencyB * 1_000L);
    now.addAndGet(readDelayMs * MS);
    Fixtures.load(a, inFlightA);
    Fixtures.load(b, inFlightB);
    double costA = TwoChoicesBalancer.cost(a, now.get()) / a.weight();
    double costB = TwoChoicesBalancer.cost(b, now.get()) / b.weight();
    net.jqwik.api.Assume.that(Math.abs(costA - costB) > 1e-9 * Math.max(costA, costB));
    Balancer ewma = peakEwma(now);
    ewma.setBackends(backends);
    assertThat(Fixtures.pick(ewma, 0)).isSameAs(costA < costB ? a : b);
  }

  private static Balancer peakEwma(AtomicLong now) {
    SplittableRandom random = new SplittableRandom(3);
    return Balancer.peakEwma(() -> random, now::get);
  }

  private static void assertRoughlyUniform(Balancer balancer) {
    List<Backend> backends = Fixtures.backends(10);
    balancer.setBackends(backends);
    int[] counts = new int[10];
    for (int i = 0; i < 100_000; i++) {
      counts[backends.indexOf(Fixtures.pick(balancer, i))]++;
    }
    for (int count : counts) {
      assertThat(count).isBetween(9_400, 10_600);
    }
  }
}
