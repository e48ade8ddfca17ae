package dev.alo.bench;

import dev.alo.engine.balance.Backend;
import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import java.util.ArrayList;
import java.util.List;
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
 * Nanoseconds for one {@link Backend#requestStarted()} plus {@link Backend#requestFinished(long,
 * long)} on the request path, with the backends in a balancer of the given algorithm: {@code
 * least-connections} keeps an index that every change updates, the others watch nothing. Run with
 * {@code java -jar benchmarks.jar BackendUpdateBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class BackendUpdateBenchmark {

  /** The backends, in a balancer, shared by all threads. */
  @State(Scope.Benchmark)
  public static class Shared {
    @Param({"round-robin", "least-connections"})
    public String algorithm = "round-robin";

    @Param({"100", "1000"})
    public int backends = 100;

    Backend[] all = new Backend[0];
    Balancer balancer = Balancer.roundRobin();

    @Setup
    public void setUp() {
      balancer = Balancer.byName(algorithm, BalancerOptions.threadSafe(System::nanoTime));
      List<Backend> list = new ArrayList<>();
      for (int i = 0; i < backends; i++) {
        Backend b = Backend.of("backend-" + i, 1 + i % 3);
        for (int k = 0; k <= i % 7; k++) {
          b.requestStarted();
        }
        list.add(b);
      }
      balancer.setBackends(list);
      all = list.toArray(new Backend[0]);
    }
  }

  /** Each thread's position in the backends. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public void startAndFinish(Shared shared, Cursor cursor) {
    Backend[] all = shared.all;
    Backend b = all[cursor.next++ % all.length];
    b.requestStarted();
    b.requestFinished(0, 1_000);
  }
}
