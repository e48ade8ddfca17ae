package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The indexed least-connections balancer against the plain scan that defines it. */
class LeastConnectionsIndexTest {

  /**
   * Two balancers over overlapping memberships of one pool, each shadowed by a reference scan;
   * after about every third operation (and at the end) both pick and must agree with their
   * reference exactly.
   */
  @Property(tries = 300)
  void pick_anyStartsFinishesWeightsHealthAndMemberships_matchesTheReferenceScan(
      @ForAll @IntRange(min = 1, max = 80) int poolSize,
      @ForAll @Size(max = 300) List<@IntRange(min = 0, max = 1 << 20) Integer> ops) {
    List<Backend> pool = Fixtures.backends(poolSize);
    for (int i = 0; i < poolSize; i++) {
      Fixtures.load(pool.get(i), 1 + i % 3); // none idle at first: the tree answers, not the bitmap
    }
    Balancer a = Balancer.leastConnections();
    Balancer b = Balancer.leastConnections();
    ReferenceLeastConnections refA = new ReferenceLeastConnections();
    ReferenceLeastConnections refB = new ReferenceLeastConnections();
    setBoth(a, refA, pool);
    setBoth(b, refB, pool.reversed().subList(0, (poolSize + 1) / 2));
    for (int x : ops) {
      Backend target = pool.get((x >>> 3) % poolSize);
      int v = x >>> 9;
      switch (x & 7) {
        case 0, 1 -> target.requestStarted();
        case 2 -> {
          Backend picked = agree(a, refA);
          if (picked != null) {
            picked.requestStarted();
          }
        }
        case 3, 4 -> target.requestFinished(0, 1_000);
        case 5 -> target.setWeight(1 + v % 5);
        case 6 -> target.setHealthy(v % 4 != 0);
        default -> {
          List<Backend> members = new ArrayList<>(pool);
          Collections.shuffle(members, new Random(v));
          members = members.subList(0, 1 + v % poolSize);
          if (v % 2 == 0) {
            setBoth(a, refA, members);
          } else {
            setBoth(b, refB, members);
          }
        }
      }
      if (v % 3 == 0) { // several changes between picks, too
        agree(a, refA);
        agree(b, refB);
      }
    }
    agree(a, refA);
    agree(b, refB);
  }

  @Property(tries = 100)
  void pick_manyEquallyLoaded_cyclesThroughThemInOrder(
      @ForAll @IntRange(min = 1, max = 300) int n, @ForAll @IntRange(min = 0, max = 3) int skip) {
    List<Backend> backends = Fixtures.backends(n);
    for (int i = 0; i < n; i += skip + 2) {
      backends.get(i).requestStarted(); // heavier: never picked while others are idle
    }
    Balancer lc = Balancer.leastConnections();
    ReferenceLeastConnections ref = new ReferenceLeastConnections();
    setBoth(lc, ref, backends);
    for (int i = 0; i < 2 * n + 3; i++) {
      agree(lc, ref);
    }
  }

  @Test
  void setBackends_replaced_stopsWatchingTheOldMembers() {
    List<Backend> backends = Fixtures.backends(LeastConnectionsBalancer.SCAN_LIMIT + 1);
    Balancer lc = Balancer.leastConnections();
    Balancer other = Balancer.leastConnections();
    lc.setBackends(backends);
    other.setBackends(backends);
    assertThat(backends).allSatisfy(x -> assertThat(x.watchCount()).isEqualTo(2));
    lc.setBackends(backends.subList(0, 1)); // small enough to scan: watches nothing
    assertThat(backends).allSatisfy(x -> assertThat(x.watchCount()).isEqualTo(1));
    other.setBackends(List.of());
    assertThat(backends).allSatisfy(x -> assertThat(x.watchCount()).isZero());
  }

  @Test
  void pick_noHealthyBackend_isEmptyUntilOneRecovers() {
    List<Backend> backends = Fixtures.backends(5);
    Balancer lc = Balancer.leastConnections();
    lc.setBackends(backends);
    backends.forEach(x -> x.setHealthy(false));
    assertThat(lc.pick(0)).isEmpty();
    backends.get(3).setHealthy(true);
    assertThat(lc.pick(0)).containsSame(backends.get(3));
  }

  /**
   * Threads start and finish requests, change weights and health and replace memberships on two
   * balancers sharing their backends; once they stop, each balancer's picks are exactly the scan's.
   */
  @Test
  void pick_afterConcurrentChangesFromManyThreads_matchesTheReferenceScan() throws Exception {
    List<Backend> pool = Fixtures.backends(60);
    Balancer a = Balancer.leastConnections();
    Balancer b = Balancer.leastConnections();
    a.setBackends(pool);
    b.setBackends(pool.reversed().subList(0, 45));
    int threads = 4;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        Random rnd = new Random(t);
        done.add(
            executor.submit(
                () -> {
                  start.await();
                  List<Backend> open = new ArrayList<>();
                  for (int i = 0; i < 20_000; i++) {
                    int op = rnd.nextInt(100);
                    Backend target = pool.get(rnd.nextInt(pool.size()));
                    if (op < 45) {
                      (op % 2 == 0 ? a : b).pick(0).ifPresent(open::add);
                      if (!open.isEmpty()) {
                        open.getLast().requestStarted();
                      }
                    } else if (op < 88) {
                      if (!open.isEmpty()) {
                        open.remove(rnd.nextInt(open.size())).requestFinished(i, 1_000);
                      }
                    } else if (op < 94) {
                      target.setWeight(1 + rnd.nextInt(4));
                    } else if (op < 99) {
                      target.setHealthy(rnd.nextInt(4) != 0);
                    } else {
                      List<Backend> members = new ArrayList<>(pool);
                      Collections.shuffle(members, rnd);
                      b.setBackends(members.subList(0, 1 + rnd.nextInt(pool.size())));
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      executor.shutdown();
    }
    assertThat(pool.stream().mapToInt(Backend::inFlight).sum()).isPositive();
    for (Balancer lc : List.of(a, b)) {
      List<Backend> members = lc.backends();
      Backend previous = lc.pick(0).orElseThrow();
      double least =
          members.stream()
              .filter(Backend::healthy)
              .mapToDouble(x -> (double) x.inFlight() / x.weight())
              .min()
              .orElseThrow();
      assertThat((double) previous.inFlight() / previous.weight()).isEqualTo(least);
      for (int i = 0; i < 2 * members.size(); i++) {
        Backend next = lc.pick(0).orElseThrow();
        assertThat(next).isSameAs(ReferenceLeastConnections.after(members, previous));
        previous = next;
      }
    }
  }

  private static void setBoth(Balancer lc, ReferenceLeastConnections ref, List<Backend> backends) {
    lc.setBackends(backends);
    ref.setBackends(backends);
  }

  private static @Nullable Backend agree(Balancer lc, ReferenceLeastConnections ref) {
    Backend expected = ref.pick();
    Backend actual = lc.pick(0).orElse(null);
    assertThat(actual).isSameAs(expected);
    return actual;
  }
}
