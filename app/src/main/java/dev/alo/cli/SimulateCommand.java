package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.sim.Arrivals;
import dev.alo.engine.sim.BalancerFactory;
import dev.alo.engine.sim.Failure;
import dev.alo.engine.sim.PrototypeScenario;
import dev.alo.engine.sim.ServerSpec;
import dev.alo.engine.sim.ServiceTime;
import dev.alo.engine.sim.SimulationConfig;
import dev.alo.engine.sim.SimulationResult;
import dev.alo.engine.sim.Simulator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo simulate}: compare balancing algorithms on a simulated server pool. */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Simulate a load-balanced pool of servers with real queueing (discrete events, simulated",
      "time) and compare balancing algorithms on identical arrivals. Response times are sojourn",
      "times (waiting + service) in simulated seconds; utilization is the busy fraction.",
      "Algorithms: all, prototype (the prototype's four), or one of "
          + "round-robin (rr), weighted-round-robin (wrr), least-connections (lc), ip-hash,"
          + " random, p2c, peak-ewma."
    })
final class SimulateCommand implements Callable<Integer> {
  static final double LOGNORMAL_CV = 1.0;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      description = "Algorithm, 'all' or 'prototype' (default: all).")
  String algorithm = "all";

  @Option(
      names = "--servers",
      paramLabel = "N",
      description = "Number of identical servers, numbered 1..N (default: 3).")
  @Nullable Integer servers;

  @Option(
      names = "--capacities",
      paramLabel = "C,C,...",
      split = ",",
      description = "Speed factor of each server instead of --servers, e.g. 1,1,2.")
  List<Double> capacities = new ArrayList<>();

  @Option(
      names = "--workers",
      paramLabel = "W",
      description = "Requests each server serves at once (default: 1).")
  int workers = 1;

  @Option(
      names = "--load",
      paramLabel = "L",
      description =
          "Offered load, 10..100 %% of total capacity: the arrival rate that makes the pool's"
              + " utilisation L%% (default: 50).")
  @Nullable Double load;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "Total arrival rate, requests per simulated second (instead of --load).")
  @Nullable Double rate;

  @Option(
      names = "--service-rate",
      paramLabel = "MU",
      description = "Service rate of one worker of a speed-1 server, per second (default: 1).")
  double serviceRate = 1;

  @Option(
      names = "--service",
      paramLabel = "DIST",
      description = "Service times: exp, det or lognormal (cv 1) (default: exp).")
  String service = "exp";

  @Option(
      names = "--queue",
      paramLabel = "Q",
      description = "At most Q requests wait per server; more are dropped (default: unbounded).")
  @Nullable Integer queue;

  @Option(
      names = "--requests",
      paramLabel = "N",
      description = "Requests to simulate (default: 100000; with --trace: the whole trace).")
  @Nullable Long requests;

  @Option(
      names = "--duration",
      paramLabel = "D",
      description = "Stop arrivals after D simulated seconds (e.g. 3600 or 1h) instead.")
  @Nullable String duration;

  @Option(
      names = "--trace",
      paramLabel = "FILE",
      description = "CSV of request counts per row interval: arrivals follow it (Poisson per row).")
  @Nullable Path trace;

  @Mixin InputOptions input = new InputOptions();

  @Option(
      names = "--time-scale",
      paramLabel = "X",
      description = "With --trace: X trace seconds per simulated second (default: 1).")
  @Nullable Double timeScale;

  @Option(
      names = "--fail",
      paramLabel = "SERVER@T[-T2]",
      description = "Server SERVER fails at T and recovers at T2 (simulated seconds); repeatable.")
  List<String> failures = new ArrayList<>();

  @Option(
      names = "--health-check",
      paramLabel = "D",
      description = "Health-check interval: failures are noticed at the next check (default: 0).")
  String healthCheck = "0";

  @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: 1).")
  long seed = 1;

  @Option(names = "--json", description = "Print a JSON array, one object per algorithm.")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description = "Also draw per-server load over time and per-server bars to a PNG.")
  @Nullable Path plot;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> algorithms = algorithms();
    List<ServerSpec> pool = servers();
    Arrivals arrivals = arrivals(pool, err);
    SimulationConfig config = config(pool, arrivals);
    err.println("alo: " + describe(pool, arrivals, config));
    err.flush();
    List<SimulationResult> results = new ArrayList<>();
    for (String name : algorithms) {
      results.add(Simulator.run(config, factory(name)));
    }
    if (json) {
      out.println(SimulationReport.json(results));
    } else {
      SimulationReport.table(results, out);
    }
    out.flush();
    if (plot != null) {
      SimulationPlot.write(results, plot);
      err.println("alo: wrote " + plot);
    }
    return 0;
  }

  static BalancerFactory factory(String name) {
    return (clock, s) -> Balancer.byName(name, BalancerOptions.seeded(s, clock));
  }

  List<String> algorithms() {
    String a = algorithm.strip().toLowerCase(Locale.ROOT);
    if (a.equals("all")) {
      return Balancer.names();
    }
    if (a.equals("prototype")) {
      return PrototypeScenario.ALGORITHMS;
    }
    return List.of(
        Balancer.canonicalName(a)
            .orElseThrow(
                () ->
                    new UsageException(
                        "--algorithm: unknown algorithm '"
                            + algorithm
                            + "' (expected: all, prototype or one of "
                            + String.join(", ", Balancer.names())
                            + ", or the aliases rr, wrr, lc)")));
  }

  List<ServerSpec> servers() {
    if (servers != null && !capacities.isEmpty()) {
      throw new UsageException("--servers and --capacities: give one of them, not both");
    }
    if (workers < 1) {
      throw new UsageException("--workers: " + workers + " (expected: >= 1)");
    }
    if (!(serviceRate > 0) || Double.isInfinite(serviceRate)) {
      throw new UsageException("--service-rate: " + serviceRate + " (expected: > 0)");
    }
    if (queue != null && queue < 0) {
      throw new UsageException("--queue: " + queue + " (expected: >= 0)");
    }
    ServiceTime st = serviceTime();
    List<Double> speeds = new ArrayList<>(capacities);
    if (speeds.isEmpty()) {
      int n = servers == null ? 3 : servers;
      if (n < 1 || n > 100_000) {
        throw new UsageException("--servers: " + n + " (expected: 1..100000)");
      }
      for (int i = 0; i < n; i++) {
        speeds.add(1.0);
      }
    }
    List<ServerSpec> pool = new ArrayList<>();
    for (int i = 0; i < speeds.size(); i++) {
      double c = speeds.get(i);
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new UsageException(
            "--capacities: " + c + " for server " + (i + 1) + " (expected: a speed factor > 0)");
      }
      ServerSpec s = ServerSpec.of(workers, c, st);
      pool.add(queue == null ? s : s.withQueueCapacity(queue));
    }
    return pool;
  }

  private ServiceTime serviceTime() {
    double mean = 1 / serviceRate;
    return switch (service.strip().toLowerCase(Locale.ROOT)) {
      case "exp" -> ServiceTime.exponential(mean);
      case "det" -> ServiceTime.deterministic(mean);
      case "lognormal" -> ServiceTime.logNormal(mean, LOGNORMAL_CV);
      default ->
          throw new UsageException(
              "--service: '" + service + "' (expected: exp, det or lognormal)");
    };
  }

  Arrivals arrivals(List<ServerSpec> pool, PrintWriter err) {
    if (rate != null && load != null) {
      throw new UsageException("--rate and --load: give one of them, not both");
    }
    if (trace == null && timeScale != null) {
      throw new UsageException("--time-scale: only with --trace");
    }
    if (trace != null) {
      if (rate != null || load != null) {
        throw new UsageException("--trace sets the arrivals: drop --rate and --load");
      }
      return traceArrivals(trace, err);
    }
    if (rate != null) {
      if (!(rate > 0) || Double.isInfinite(rate)) {
        throw new UsageException("--rate: " + rate + " (expected: > 0 requests per second)");
      }
      return Arrivals.poisson(rate);
    }
    double l = load == null ? 50 : load;
    if (!(l >= 10 && l <= 100)) {
      throw new UsageException("--load: " + l + " (expected: 10..100, percent utilisation)");
    }
    double capacity = 0;
    for (ServerSpec s : pool) {
      capacity += s.capacity();
    }
    return Arrivals.poisson(capacity * l / 100);
  }

  private Arrivals traceArrivals(Path file, PrintWriter err) {
    double scale = timeScale == null ? 1 : timeScale;
    if (!(scale > 0) || Double.isInfinite(scale)) {
      throw new UsageException(
          "--time-scale: " + scale + " (expected: > 0 trace seconds per simulated second)");
    }
    TimeSeries counts = input.loadSingle(file, err);
    try {
      return Arrivals.fromCounts(counts, scale);
    } catch (IllegalArgumentException e) {
      throw new InputException(file + ": " + e.getMessage(), e);
    }
  }

  SimulationConfig config(List<ServerSpec> pool, Arrivals arrivals) {
    SimulationConfig.Builder b = SimulationConfig.builder(pool, arrivals).seed(seed);
    if (requests != null && duration != null) {
      throw new UsageException("--requests and --duration: give one of them, not both");
    }
    if (requests != null) {
      if (requests < 1) {
        throw new UsageException("--requests: " + requests + " (expected: >= 1)");
      }
      b.maxRequests(requests);
    } else if (duration != null) {
      b.duration(seconds("--duration", duration, false));
    } else if (trace == null) {
      b.maxRequests(100_000);
    }
    b.healthCheckInterval(seconds("--health-check", healthCheck, true));
    for (String f : failures) {
      b.failure(failure(f, pool.size()));
    }
    return b.build();
  }

  static Failure failure(String text, int servers) {
    String form = " (expected: SERVER@T or SERVER@T-T2, e.g. 2@100-250 or 1@5m)";
    int at = text.indexOf('@');
    if (at < 1) {
      throw new UsageException("--fail: '" + text + "'" + form);
    }
    int server;
    try {
      server = Integer.parseInt(text.substring(0, at).strip());
    } catch (NumberFormatException e) {
      throw new UsageException("--fail: server '" + text.substring(0, at) + "'" + form);
    }
    if (server < 1 || server > servers) {
      throw new UsageException(
          "--fail: server " + server + " in '" + text + "' (expected: 1.." + servers + ")");
    }
    String times = text.substring(at + 1);
    int dash = times.indexOf('-');
    double from = seconds("--fail", dash < 0 ? times : times.substring(0, dash), true);
    double to =
        dash < 0 ? Double.POSITIVE_INFINITY : seconds("--fail", times.substring(dash + 1), true);
    if (!(to > from)) {
      throw new UsageException("--fail: '" + text + "' recovers before it fails" + form);
    }
    return new Failure(server - 1, from, to);
  }

  /**
   * Seconds from a plain number ({@code 90}, {@code 1.5}) or a duration ({@code 30s}, {@code 5m}).
   */
  static double seconds(String option, String text, boolean zeroAllowed) {
    String t = text.strip();
    double s;
    try {
      s = Double.parseDouble(t);
    } catch (NumberFormatException notANumber) {
      try {
        s = dev.alo.engine.time.Durations.parse(t).toNanos() / 1e9;
      } catch (InputException e) {
        throw new UsageException(
            option
                + ": '"
                + text
                + "' (expected: seconds such as 90 or 1.5, or 500ms, 30s, 5m, 1h, 2d)");
      }
    }
    if (!(zeroAllowed ? s >= 0 : s > 0) || Double.isInfinite(s)) {
      throw new UsageException(
          option + ": '" + text + "' (expected: " + (zeroAllowed ? ">= 0" : "> 0") + " seconds)");
    }
    return s;
  }

  private String describe(List<ServerSpec> pool, Arrivals arrivals, SimulationConfig config) {
    double capacity = 0;
    for (ServerSpec s : pool) {
      capacity += s.capacity();
    }
    String end =
        config.maxRequests() != Long.MAX_VALUE
            ? String.format(Locale.ROOT, "%,d requests", config.maxRequests())
            : String.format(Locale.ROOT, "%.6g s of arrivals", config.expectedArrivalEnd());
    return String.format(
        Locale.ROOT,
        "simulating %d server(s), %d worker(s) each, %s service at %.6g/s per worker;"
            + " arrivals %s at %.6g/s (offered load %.1f%% of capacity %.6g/s); %s; seed %d",
        pool.size(),
        workers,
        pool.get(0).service().name(),
        serviceRate,
        trace == null ? "Poisson" : "from " + trace,
        arrivals.meanRate(),
        100 * arrivals.meanRate() / capacity,
        capacity,
        end,
        seed);
  }
}
