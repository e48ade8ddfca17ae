package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class IpHashBalancerTest {
  private static final int KEYS = 20_000;

  @Test
  void pick_sameKey_sameBackend() {
    List<Backend> backends = Fixtures.backends(7);
    Balancer a = Balancer.ipHash();
    Balancer b = Balancer.ipHash();
    a.setBackends(backends);
    b.setBackends(List.copyOf(backends));
    for (long key = 0; key < 2000; key++) {
      Backend first = Fixtures.pick(a, KeyHash.ipv4((int) key));
      assertThat(Fixtures.pick(a, KeyHash.ipv4((int) key))).isSameAs(first);
      assertThat(Fixtures.pick(b, KeyHash.ipv4((int) key))).isSameAs(first);
    }
  }

  @Test
  void pick_manyKeys_spreadEvenlyByWeight() {
    List<Backend> backends = Fixtures.weighted(1, 1, 2, 4);
    Balancer hash = Balancer.ipHash();
    hash.setBackends(backends);
    int[] counts = new int[4];
    for (long key = 0; key < 80_000; key++) {
      counts[backends.indexOf(Fixtures.pick(hash, key))]++;
    }
    assertThat(counts[0]).isCloseTo(10_000, withinPercent(5));
    assertThat(counts[1]).isCloseTo(10_000, withinPercent(5));
    assertThat(counts[2]).isCloseTo(20_000, withinPercent(5));
    assertThat(counts[3]).isCloseTo(40_000, withinPercent(5));
  }

  @Property(tries = 25)
  void setBackends_oneOfNLeaves_movesAboutOneNthOfTheKeys(
      @ForAll @IntRange(min = 3, max = 50) int n, @ForAll @IntRange(min = 0, max = 49) int gone) {
    List<Backend> backends = Fixtures.backends(n);
    Backend leaving = backends.get(gone % n);
    Balancer hash = Balancer.ipHash();
    hash.setBackends(backends);
    Backend[] before = assign(hash);
    List<Backend> rest = new ArrayList<>(backends);
    rest.remove(leaving);
    hash.setBackends(rest);
    Backend[] after = assign(hash);
    int moved = 0;
    int stayedOnLeaving = 0;
    for (int k = 0; k < KEYS; k++) {
      if (before[k] != after[k]) {
        moved++;
      }
      if (after[k] == leaving) {
        stayedOnLeaving++;
      }
    }
    assertThat(stayedOnLeaving).isZero();
    double share = (double) moved / KEYS;
    assertThat(share).isBetween(0.7 / n, 1.0 / n + 0.015 + 0.25 / n);
  }

  @Property(tries = 25)
  void setBackends_oneJoinsN_movesAboutOneNthPlusOneOfTheKeys(
      @ForAll @IntRange(min = 3, max = 50) int n) {
    List<Backend> backends = Fixtures.backends(n + 1);
    Balancer hash = Balancer.ipHash();
    hash.setBackends(backends.subList(0, n));
    Backend[] before = assign(hash);
    hash.setBackends(backends);
    Backend[] after = assign(hash);
    int moved = 0;
    int toNewcomer = 0;
    for (int k = 0; k < KEYS; k++) {
      if (before[k] != after[k]) {
        moved++;
      }
      if (after[k] == backends.get(n)) {
        toNewcomer++;
      }
    }
    assertThat(toNewcomer).isPositive();
    double share = (double) moved / KEYS;
    assertThat(share).isBetween(0.7 / (n + 1), 1.0 / (n + 1) + 0.015 + 0.25 / (n + 1));
  }

  @Test
  void pick_backendUnhealthy_onlyItsKeysMoveAndTheyComeBackOnRecovery() {
    List<Backend> backends = Fixtures.backends(10);
    Balancer hash = Balancer.ipHash();
    hash.setBackends(backends);
    Backend[] before = assign(hash);
    Backend down = backends.get(4);
    down.setHealthy(false);
    Backend[] during = assign(hash);
    Backend[] again = assign(hash);
    for (int k = 0; k < KEYS; k++) {
      if (before[k] == down) {
        assertThat(during[k]).isNotSameAs(down);
      } else {
        assertThat(during[k]).isSameAs(before[k]);
      }
      assertThat(again[k]).isSameAs(during[k]);
    }
    down.setHealthy(true);
    assertThat(assign(hash)).isEqualTo(before);
  }

  @Test
  void setWeight_atRuntime_rebuildsTheTable() {
    List<Backend> backends = Fixtures.backends(2);
    Balancer hash = Balancer.ipHash();
    hash.setBackends(backends);
    backends.get(0).setWeight(3);
    int first = 0;
    for (long key = 0; key < 40_000; key++) {
      if (Fixtures.pick(hash, key) == backends.get(0)) {
        first++;
      }
    }
    assertThat(first).isCloseTo(30_000, withinPercent(3));
  }

  @Property(tries = 20)
  void boundedLoad_neverExceedsTheBound(
      @ForAll @IntRange(min = 2, max = 20) int n, @ForAll long seed) {
    double c = 1.25;
    List<Backend> backends = Fixtures.backends(n);
    Balancer hash = Balancer.ipHashBoundedLoad(c);
    hash.setBackends(backends);
    Random random = new Random(seed);
    List<Backend> active = new ArrayList<>();
    for (int step = 0; step < 3000; step++) {
      if (!active.isEmpty() && random.nextInt(3) == 0) {
        active.remove(random.nextInt(active.size())).requestFinished(step, 1);
        continue;
      }
      // Skewed keys: a few hot clients, which plain hashing would pile on one backend.
      long key = random.nextInt(4);
      Backend picked = Fixtures.pick(hash, key);
      picked.requestStarted();
      active.add(picked);
      long bound = (long) Math.ceil(c * active.size() / n);
      assertThat(picked.inFlight()).isLessThanOrEqualTo((int) bound);
    }
  }

  @Test
  void boundedLoad_underTheBound_keepsTheKeysBackend() {
    List<Backend> backends = Fixtures.backends(5);
    Balancer plain = Balancer.ipHash();
    Balancer bounded = Balancer.ipHashBoundedLoad(1.25);
    plain.setBackends(backends);
    bounded.setBackends(backends);
    for (long key = 0; key < 1000; key++) {
      assertThat(Fixtures.pick(bounded, key)).isSameAs(Fixtures.pick(plain, key));
    }
  }

  private static Backend[] assign(Balancer hash) {
    Backend[] result = new Backend[KEYS];
    for (int k = 0; k < KEYS; k++) {
      result[k] = Fixtures.pick(hash, KeyHash.chars("client-" + k));
    }
    return result;
  }

  private static org.assertj.core.data.Percentage withinPercent(double percent) {
    return org.assertj.core.data.Percentage.withPercentage(percent);
  }
}
