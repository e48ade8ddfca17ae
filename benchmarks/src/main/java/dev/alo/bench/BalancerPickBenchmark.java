package dev.alo.bench;

import dev.alo.engine.balance.Backend;
import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Nanoseconds per {@link Balancer#pick(long)} for every algorithm and membership size, with the
 * balancer shared by all benchmark threads (run with {@code -t 1} and {@code -t 2}). Backends carry
 * in-flight counts (1..7) and latency samples (1 ms upwards) so the load-aware paths compare real
 * values; weights vary (1..3) for the weighted algorithms. Keys vary per pick, as client addresses
 * would. {@code bench/balancer-picks.sh} runs it and prints a table.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BalancerPickBenchmark {

  /** The balancer and its backends, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({
      "round-robin",
      "weighted-round-robin",
      "least-connections",
      "ip-hash",
      "random",
      "p2c",
      "peak-ewma"
    })
    public String algorithm = "round-robin";

    @Param({"3", "10", "100", "1000"})
    public int backends = 3;

    Balancer balancer = Balancer.roundRobin();

    @Setup
    public void setUp() {
      balancer = Balancer.byName(algorithm, BalancerOptions.threadSafe(System::nanoTime));
      List<Backend> list = new ArrayList<>();
      long now = System.nanoTime();
      for (int i = 0; i < backends; i++) {
        Backend b = Backend.of("backend-" + i, 1 + i % 3);
        b.requestStarted();
        b.requestFinished(now, 1_000_000L + 10_000L * (i % 17));
        for (int k = 0; k <= i % 7; k++) {
          b.requestStarted();
        }
        list.add(b);
      }
      balancer.setBackends(list);
    }
  }

  /** Each thread's own sequence of request keys. */
  @State(Scope.Thread)
  public static class Keys {
    long next = Thread.currentThread().threadId() << 40;
  }

  @Benchmark
  public Optional<Backend> pick(Shared shared, Keys keys) {
    return shared.balancer.pick(keys.next++);
  }
}
