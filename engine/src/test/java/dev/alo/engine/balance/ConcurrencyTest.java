package dev.alo.engine.balance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;

class ConcurrencyTest {
  private static final int THREADS = 4;
  private static final int PICKS = 28_000; // a multiple of 7, the weights' total below

  @Test
  void pick_fromManyThreads_countsSumAndInFlightReturnsToZero() throws Exception {
    for (String name : Balancer.names()) {
      Balancer balancer = Balancer.byName(name, BalancerOptions.threadSafe(() -> 0L));
      List<Backend> backends = Fixtures.weighted(5, 1, 1);
      balancer.setBackends(backends);
      AtomicLongArray counts = run(balancer, backends);
      long total = 0;
      for (int i = 0; i < 3; i++) {
        total += counts.get(i);
      }
      assertThat(total).as(name).isEqualTo((long) THREADS * PICKS);
      assertThat(backends).allSatisfy(b -> assertThat(b.inFlight()).as(name).isZero());
      if (name.equals("round-robin")) {
        for (int i = 0; i < 3; i++) {
          assertThat(counts.get(i)).isBetween(total / 3, total / 3 + 1);
        }
      }
      if (name.equals("weighted-round-robin")) {
        assertThat(counts.get(0)).isEqualTo(5 * counts.get(1));
        assertThat(counts.get(1)).isEqualTo(counts.get(2));
      }
    }
  }

  @Test
  void pick_afterWarmUp_allocatesNothing() {
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long self = Thread.currentThread().threadId();
    for (String name : Balancer.names()) {
      Balancer balancer = Fixtures.balancer(name);
      List<Backend> backends = Fixtures.backends(20);
      for (int i = 0; i < backends.size(); i++) {
        Fixtures.load(backends.get(i), i % 5 + 1);
        backends.get(i).requestFinished(0, 1_000 + i);
      }
      balancer.setBackends(backends);
      for (int i = 0; i < 1_000; i++) {
        balancer.pick(i);
      }
      long before = threads.getThreadAllocatedBytes(self);
      for (int i = 0; i < 20_000; i++) {
        balancer.pick(i);
      }
      long allocated = threads.getThreadAllocatedBytes(self) - before;
      assertThat(allocated).as(name).isLessThan(1_000);
    }
  }

  private static AtomicLongArray run(Balancer balancer, List<Backend> backends) throws Exception {
    AtomicLongArray counts = new AtomicLongArray(backends.size());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try {
      Future<?>[] done = new Future<?>[THREADS];
      for (int t = 0; t < THREADS; t++) {
        long seed = t;
        done[t] =
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < PICKS; i++) {
                    Backend b = balancer.pick(seed * PICKS + i).orElseThrow();
                    b.requestStarted();
                    counts.incrementAndGet(backends.indexOf(b));
                    b.requestFinished(i, 1_000);
                  }
                  return null;
                });
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    return counts;
  }
}
