package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Balancer;
import dev.alo.engine.balance.BalancerOptions;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.sim.Arrivals;
import dev.alo.engine.sim.BalancerFactory;
import dev.alo.engine.sim.Failure;
import dev.alo.engine.sim.LoadSeries;
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
      "Compare balancing algorithms on a simulated pool of servers.",
      "Simulates a load-balanced pool of servers with real queueing (discrete events, simulated"
          + " time) and compares balancing algorithms on identical arrivals. Response times are"
          + " sojourn times (waiting + service) in simulated seconds; utilization is the busy"
          + " fraction.",
      "Algorithms: all, prototype (the prototype's four), or one of "
          + "round-robin (rr), weighted-round-robin (wrr), least-connections (lc), ip-hash,"
          + " random, p2c, peak-ewma.",
      "Memory grows with the servers, the algorithms and, above 2048 requests per server, about"
          + " 170 KB a server, and with the queues of an overloaded pool; it is estimated before"
          + " the run, which stops with the estimate when it exceeds what Java may use (give it"
          + " more with ALO_JAVA_OPTS=-Xmx...). ip-hash takes at most 65537 servers ('all'"
          + " leaves it out beyond). An offered load above 100%% is warned about on stderr;"
          + " progress shows there on a terminal."
    })
final class SimulateCommand implements Callable<Integer> {
  static final double LOGNORMAL_CV = 1.0;

  /** The most servers a pool may have. */
  static final int MAX_SERVERS = 100_000;

  /** The lowest offered load accepted by {@code --load}, in percent. */
  static final int MIN_LOAD = 10;

  /** The highest offered load accepted by {@code --load}, in percent. */
  static final int MAX_LOAD = 100;

  @Option(
      names = "--algorithm",
      paramLabel = "NAME",
      defaultValue = "all",
      description = "Algorithm, 'all' or 'prototype' (default: ${DEFAULT-VALUE}).")
  String algorithm = "";

  @Option(
      names = "--servers",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Number of identical servers, numbered 1..N, at most "
              + MAX_SERVERS
              + " (default: ${DEFAULT-VALUE}).")
  int servers;

  @Option(
      names = "--capacities",
      paramLabel = "C",
      split = ",",
      description = "Speed factor of each server instead of --servers, e.g. 1,1,2.")
  List<Double> capacities = new ArrayList<>();

  @Option(
      names = "--workers",
      paramLabel = "W",
      defaultValue = "1",
      description = "Requests each server serves at once (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(
      names = "--load",
      paramLabel = "L",
      defaultValue = "50",
      description =
          "Offered load, "
              + MIN_LOAD
              + " to "
              + MAX_LOAD
              + " %% of total capacity: the arrival rate that makes the pool's utilisation L%%"
              + " (default: ${DEFAULT-VALUE}).")
  double load;

  @Option(
      names = "--rate",
      paramLabel = "R",
      description = "Total arrival rate, requests per simulated second (instead of --load).")
  @Nullable Double rate;

  @Option(
      names = "--service-rate",
      paramLabel = "MU",
      defaultValue = "1",
      description =
          "Service rate of one worker of a speed-1 server, per second (default:"
              + " ${DEFAULT-VALUE}).")
  double serviceRate;

  @Option(
      names = "--service",
      paramLabel = "exp|det|lognormal",
      defaultValue = "exp",
      description = "Service times: exp, det or lognormal (cv 1) (default: ${DEFAULT-VALUE}).")
  String service = "";

  @Option(
      names = "--queue",
      paramLabel = "Q",
      description = "At most Q requests wait per server; more are dropped (default: unbounded).")
  @Nullable Integer queue;

  @Option(
      names = "--requests",
      paramLabel = "N",
      defaultValue = "100000",
      description =
          "Requests to simulate (default: ${DEFAULT-VALUE}; with --trace: the whole trace).")
  long requests;

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
      defaultValue = "1",
      description =
          "With --trace: X trace seconds per simulated second (default: ${DEFAULT-VALUE}).")
  double timeScale;

  @Option(
      names = "--fail",
      paramLabel = "SERVER@T[-T2]",
      description = "Server SERVER fails at T and recovers at T2 (simulated seconds); repeatable.")
  List<String> failures = new ArrayList<>();

  @Option(
      names = "--health-check",
      paramLabel = "D",
      defaultValue = "0",
      description =
          "Health-check interval: failures are noticed at the next check; 0 notices them at once"
              + " (default: ${DEFAULT-VALUE}).")
  String healthCheck = "";

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "1",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--json", description = "Print a JSON array, one object per algorithm.")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description =
          "Also draw per-server load over time and per-server bars to a PNG (checked before the"
              + " run; exit 3 when the results are printed but the plot cannot be written).")
  @Nullable Path plot;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<ServerSpec> pool = servers();
    List<String> algorithms = fitting(algorithms(), pool.size(), err);
    Path png = plot;
    if (png != null) {
      OutputFiles.checkPng("--plot", png);
    }
    Arrivals arrivals = arrivals(pool, err);
    SimulationConfig config = config(pool, arrivals);
    Memory.require(
        "simulate",
        String.format(
            Locale.ROOT,
            "%d server(s) × %d algorithm(s) with %,.0f requests",
            pool.size(),
            algorithms.size(),
            expectedRequests(config)),
        bytesNeeded(config, algorithms.size()),
        "simulate fewer servers, requests or algorithms");
    if (png != null) {
      OutputFiles.checkWritable("--plot", png);
    }
    err.println("alo: " + describe(pool, arrivals, config));
    double load = arrivals.meanRate() / capacity(pool);
    if (load > 1) {
      err.println(
          String.format(
              Locale.ROOT,
              "alo: warning: the offered load is %.1f%% of the pool's capacity: %s",
              100 * load,
              queue == null
                  ? "queues grow as long as arrivals last, and response times with them"
                  : "the queues fill up and the excess is dropped"));
    }
    err.flush();
    List<SimulationResult> results = new ArrayList<>();
    Progress progress = Progress.forTerminal(err, "simulate");
    for (String name : algorithms) {
      progress.label(
          "simulate " + name + " (" + (results.size() + 1) + "/" + algorithms.size() + ")");
      results.add(Simulator.run(config, factory(name), progress::share));
    }
    progress.done();
    if (json) {
      out.println(SimulationReport.json(results));
    } else {
      SimulationReport.table(results, out);
    }
    out.flush();
    return png == null ? 0 : plot(results, png, err);
  }

  /**
   * Draws the plot after the results are printed: 0 when written, {@link Main#EXIT_PARTIAL} with
   * one line saying why not.
   */
  static int plot(List<SimulationResult> results, Path png, PrintWriter err) {
    return OutputFiles.drawAfter("results", png, () -> SimulationPlot.write(results, png), err);
  }

  /**
   * The algorithms that take {@code servers} servers: an explicit one that does not is a usage
   * error; {@code all} and {@code prototype} leave it out with a note.
   */
  List<String> fitting(List<String> names, int servers, PrintWriter err) {
    List<String> fit = new ArrayList<>();
    for (String name : names) {
      int max = Balancer.maxBackends(name);
      if (servers <= max) {
        fit.add(name);
      } else if (names.size() == 1) {
        throw new UsageException(
            "--algorithm "
                + name
                + " takes at most "
                + max
                + " servers (its lookup table has that many slots), not "
                + servers);
      } else {
        err.println(
            "alo: note: "
                + name
                + " is left out: it takes at most "
                + max
                + " servers, not "
                + servers);
      }
    }
    return fit;
  }

  /** Requests the run is expected to see: the given number, or rate × arrival period. */
  static double expectedRequests(SimulationConfig config) {
    if (config.maxRequests() != Long.MAX_VALUE) {
      return Math.min(
          (double) config.maxRequests(),
          config.arrivals().meanRate() * config.expectedArrivalEnd());
    }
    return config.arrivals().meanRate() * config.expectedArrivalEnd();
  }

  /** Per server and run: its state, balancer entry and series (bytes, with growth slack). */
  static final long SERVER_BYTES = 2_048;

  /** Per server and algorithm in the results: figures, id and series (bytes). */
  static final long RESULT_BYTES = 512;

  /** Per request waiting in an overloaded pool: its slot and queue entry, with growth slack. */
  static final long WAITING_BYTES = 64;

  /** A server's sojourn histogram once it has more than 2,048 (second-scale values). */
  static final long HISTOGRAM_BYTES = 200_000;

  /**
   * The memory a run of {@code algorithms} algorithms needs, estimated: one run's servers (sojourns
   * kept as values up to 2,048 per server, in a histogram beyond), every algorithm's results, and
   * the requests waiting at once when arrivals outrun the pool.
   */
  static long bytesNeeded(SimulationConfig config, int algorithms) {
    List<ServerSpec> pool = config.servers();
    int servers = pool.size();
    double requests = expectedRequests(config);
    double perServer = requests / servers;
    double sojourns = perServer > 2_048 ? HISTOGRAM_BYTES : 16 * perServer;
    long intervals = LoadSeries.maxIntervals(servers);
    double run = servers * (SERVER_BYTES + sojourns + 32 * intervals);
    double results = (double) algorithms * servers * (RESULT_BYTES + 16 * intervals);
    double load = config.arrivals().meanRate() / capacity(pool);
    double waiting = 0;
    if (load > 1) {
      double queues = 0;
      for (ServerSpec s : pool) {
        queues += s.queueCapacity();
      }
      waiting = Math.min(requests * (1 - 1 / load), queues) * WAITING_BYTES;
    }
    return (long) Math.min(Long.MAX_VALUE, (32 << 20) + run + results + waiting);
  }

  private static double capacity(List<ServerSpec> pool) {
    double capacity = 0;
    for (ServerSpec s : pool) {
      capacity += s.capacity();
    }
    return capacity;
  }

  /** Whether the option was given on the command line rather than left at its default. */
  private boolean given(String option) {
    return spec.commandLine().getParseResult().hasMatchedOption(option);
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
    if (given("--servers") && !capacities.isEmpty()) {
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
      if (servers < 1 || servers > MAX_SERVERS) {
        throw new UsageException("--servers: " + servers + " (expected: 1.." + MAX_SERVERS + ")");
      }
      for (int i = 0; i < servers; i++) {
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
    if (rate != null && given("--load")) {
      throw new UsageException("--rate and --load: give one of them, not both");
    }
    if (trace == null && given("--time-scale")) {
      throw new UsageException("--time-scale: only with --trace");
    }
    if (trace != null) {
      if (rate != null || given("--load")) {
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
    double l = load;
    if (!(l >= MIN_LOAD && l <= MAX_LOAD)) {
      throw new UsageException(
          "--load: " + l + " (expected: " + MIN_LOAD + ".." + MAX_LOAD + ", percent utilisation)");
    }
    double capacity = 0;
    for (ServerSpec s : pool) {
      capacity += s.capacity();
    }
    return Arrivals.poisson(capacity * l / 100);
  }

  private Arrivals traceArrivals(Path file, PrintWriter err) {
    double scale = timeScale;
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
    if (given("--requests") && duration != null) {
      throw new UsageException("--requests and --duration: give one of them, not both");
    }
    if (given("--requests") || (duration == null && trace == null)) {
      if (requests < 1) {
        throw new UsageException("--requests: " + requests + " (expected: >= 1)");
      }
      b.maxRequests(requests);
    } else if (duration != null) {
      b.duration(seconds("--duration", duration, false));
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
