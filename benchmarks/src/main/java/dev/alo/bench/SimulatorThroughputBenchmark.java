package dev.alo.bench;

import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import dev.alo.engine.sim.Arrivals;
import dev.alo.engine.sim.ServerSpec;
import dev.alo.engine.sim.ServiceTime;
import dev.alo.engine.sim.SimulationConfig;
import dev.alo.engine.sim.SimulationResult;
import dev.alo.engine.sim.Simulator;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Simulated requests per second, one thread: round robin over 10 single-worker servers with
 * exponential service at 70% load. Warms up, then times several runs and prints the median. Rates
 * are per second of the thread's CPU time, so that a machine shared with other work does not
 * distort them; wall time is printed too.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.alo.bench.SimulatorThroughputBenchmark [REQUESTS]
 * [RUNS] [ALGORITHM, default round-robin] [SERVERS, default 10]}
 */
public final class SimulatorThroughputBenchmark {
  private SimulatorThroughputBenchmark() {}

  public static void main(String[] args) {
    long requests = args.length > 0 ? Long.parseLong(args[0]) : 5_000_000L;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
    String algorithm = args.length > 2 ? args[2] : "round-robin";
    int serverCount = args.length > 3 ? Integer.parseInt(args[3]) : 10;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    List<ServerSpec> servers =
        Collections.nCopies(serverCount, ServerSpec.of(1, 1, ServiceTime.exponential(1)));
    for (int i = 0; i < 2; i++) {
      runOnce(servers, algorithm, requests / 4, i);
    }
    double[] rates = new double[runs];
    for (int i = 0; i < runs; i++) {
      long wall0 = System.nanoTime();
      long cpu0 = threads.getCurrentThreadCpuTime();
      SimulationResult r = runOnce(servers, algorithm, requests, 100 + i);
      double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
      double wall = (System.nanoTime() - wall0) / 1e9;
      rates[i] = r.arrivals() / cpu;
      out.printf(
          "run %d: %,d requests, %.3f s CPU (%.3f s wall) = %,.0f requests/s%n",
          i + 1, r.arrivals(), cpu, wall, rates[i]);
    }
    Arrays.sort(rates);
    out.printf(
        "median: %,.0f simulated requests per second of CPU time" + " (%s, %d servers, 1 thread)%n",
        rates[runs / 2], algorithm, serverCount);
  }

  private static SimulationResult runOnce(
      List<ServerSpec> servers, String algorithm, long requests, long seed) {
    SimulationConfig config =
        SimulationConfig.builder(servers, Arrivals.poisson(0.7 * servers.size()))
            .maxRequests(requests)
            .seed(seed)
            .build();
    return Simulator.run(
        config, (clock, s) -> Balancer.byName(algorithm, BalancerOptions.seeded(s, clock)));
  }
}
