package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.scale.PolicyName;
import dev.alo.engine.scale.Replay;
import dev.alo.engine.scale.ReplayResult;
import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.Traces;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.time.Durations;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alo autoscale replay}: what each scaling policy would have cost on a recorded trace. */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Replay scaling policies on a recorded trace and compare their cost.",
      "The trace is a request-count or rate series in any format forecast reads. It is"
          + " interpolated to the control interval and scaled so that its 99th percentile needs"
          + " --peak-servers servers at 100 %%; bursts above it need more, up to --max-servers."
          + " Servers asked for become ready after --delay; servers removed leave at once. Each"
          + " interval is served by the ready servers as an M/M/c queue (utilisation and response"
          + " times); an interval violates the SLO when their utilisation is above"
          + " --slo-utilization. Scoring starts after --warmup, the history the predictive policy"
          + " learns from, for every policy alike.",
      "Prints a table per policy, or with --json an array of objects with the keys policy,"
          + " server_hours, violation_minutes, violation_percent, actions,"
          + " direction_changes_per_day, p99_response (seconds; null when more than 1 %% of the"
          + " requests arrive at an overloaded pool) and max_servers."
    })
final class AutoscaleReplayCommand implements Callable<Integer> {
  @Option(
      names = "--trace",
      paramLabel = "FILE",
      required = true,
      description = "CSV of request counts or rates over time.")
  Path trace = Path.of("");

  @Option(
      names = "--column",
      paramLabel = "C",
      description = "The trace's value column, by name or 1-based index (default: the only one).")
  @Nullable String column;

  @Option(
      names = "--policy",
      paramLabel = "NAME",
      defaultValue = "all",
      split = ",",
      description =
          "Policies to replay, comma-separated, or all: threshold, target-tracking, predictive,"
              + " oracle, static-peak (default: ${DEFAULT-VALUE}).")
  List<String> policies = new ArrayList<>();

  @Option(
      names = "--peak-servers",
      paramLabel = "N",
      defaultValue = "20",
      description =
          "Servers at 100 %% the trace's 99th percentile needs, 1 to 10000 (default:"
              + " ${DEFAULT-VALUE}).")
  int peakServers;

  @Option(
      names = "--target",
      paramLabel = "PCT",
      defaultValue = "60",
      description = "target-tracking's utilisation target, percent (default: ${DEFAULT-VALUE}).")
  double target;

  @Option(
      names = "--delay",
      paramLabel = "D",
      defaultValue = "3m",
      converter = DurationConverter.class,
      description = "Time from asking for a server to its serving (default: ${DEFAULT-VALUE}).")
  Duration delay = Duration.ZERO;

  @Option(
      names = "--interval",
      paramLabel = "D",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description =
          "Control interval: policies decide once per interval (default:" + " ${DEFAULT-VALUE}).")
  Duration interval = Duration.ZERO;

  @Option(
      names = "--slo-utilization",
      paramLabel = "PCT",
      defaultValue = "90",
      description =
          "Utilisation of the ready servers above which an interval violates the SLO, percent"
              + " (default: ${DEFAULT-VALUE}).")
  double sloUtilization;

  @Option(
      names = "--reactive-target",
      paramLabel = "PCT",
      defaultValue = "80",
      description =
          "predictive: target of its reactive target-tracking floor, percent (default:"
              + " ${DEFAULT-VALUE}).")
  double reactiveTarget;

  @Option(
      names = "--scale-up-above",
      paramLabel = "PCT",
      defaultValue = "80",
      description =
          "threshold: add --step servers above this utilisation (default: ${DEFAULT-VALUE}).")
  double scaleUpAbove;

  @Option(
      names = "--scale-down-below",
      paramLabel = "PCT",
      defaultValue = "20",
      description =
          "threshold: remove --step servers below this utilisation (default: ${DEFAULT-VALUE}).")
  double scaleDownBelow;

  @Option(
      names = "--step",
      paramLabel = "N",
      defaultValue = "1",
      description = "threshold: servers added or removed at a time (default: ${DEFAULT-VALUE}).")
  int step;

  @Option(
      names = "--cooldown",
      paramLabel = "D",
      defaultValue = "0s",
      converter = DurationConverter.class,
      description =
          "threshold: no change sooner than this after the last (default: ${DEFAULT-VALUE}).")
  Duration cooldown = Duration.ZERO;

  @Option(
      names = "--min-servers",
      paramLabel = "N",
      defaultValue = "1",
      description = "Fewest servers any policy keeps (default: ${DEFAULT-VALUE}).")
  int minServers;

  @Option(
      names = "--max-servers",
      paramLabel = "N",
      defaultValue = "100",
      description = "Most servers any policy asks for (default: ${DEFAULT-VALUE}).")
  int maxServers;

  @Option(
      names = "--warmup",
      paramLabel = "D",
      defaultValue = "7d",
      converter = DurationConverter.class,
      description =
          "Replayed but not scored: the history predictive learns from first (default:"
              + " ${DEFAULT-VALUE}).")
  Duration warmup = Duration.ZERO;

  @Option(
      names = "--service-time",
      paramLabel = "D",
      defaultValue = "100ms",
      converter = DurationConverter.class,
      description =
          "A server's mean service time, for the response-time percentile (default:"
              + " ${DEFAULT-VALUE}).")
  Duration serviceTime = Duration.ZERO;

  @Option(
      names = "--des",
      description =
          "Replay through the discrete-event simulator (every request simulated: Poisson"
              + " arrivals, one exponential worker per server, measured response times) instead"
              + " of queueing formulas; at most "
              + DES_MAX_REQUESTS_TEXT
              + " requests.")
  boolean des;

  @Option(names = "--json", description = "Print a JSON array, one object per policy.")
  boolean json;

  @Option(
      names = "--plot",
      paramLabel = "FILE.png",
      description =
          "Also draw demand, each policy's servers and its violations over time to a PNG (checked"
              + " before the run; exit 3 when the results are printed but the plot cannot be"
              + " written).")
  @Nullable Path plot;

  @Mixin InputOptions input = new InputOptions();

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The most requests a --des replay simulates per policy (about a minute of simulation). */
  static final double DES_MAX_REQUESTS = 300e6;

  static final String DES_MAX_REQUESTS_TEXT = "300 million";

  /** The most servers a trace's peak may be scaled to. */
  static final int MAX_PEAK_SERVERS = 10_000;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<PolicyName> names = policyNames();
    if (peakServers < 1 || peakServers > MAX_PEAK_SERVERS) {
      throw new UsageException(
          "--peak-servers " + peakServers + ": expected 1 to " + MAX_PEAK_SERVERS);
    }
    Path png = plot;
    if (png != null) {
      OutputFiles.checkPng("--plot", png);
      OutputFiles.checkWritable("--plot", png);
    }
    ScalingConfig config = config();
    String columnName = column;
    if (columnName != null) {
      input.valueColumns = List.of(columnName);
    }
    TimeSeries series = input.loadSingle(trace, err);
    RegularSeries demand = Traces.demand(series, interval, peakServers);
    Replay replay = Replay.builder(demand, config).warmup(warmup).serviceTime(serviceTime).build();
    if (des) {
      double requests = 0;
      for (double v : demand.values()) {
        requests += v * demand.stepMillis() / (double) serviceTime.toMillis();
      }
      if (requests > DES_MAX_REQUESTS) {
        throw new UsageException(
            String.format(
                Locale.ROOT,
                "--des: this trace is %,.0f simulated requests per policy (expected at most %s;"
                    + " shorten the trace, lengthen --service-time or drop --des)",
                requests,
                DES_MAX_REQUESTS_TEXT));
      }
    }
    err.println(
        String.format(
            Locale.ROOT,
            "alo: replaying %s: %,d intervals of %s (%s scored after a %s warmup), peak %d"
                + " servers at 100 %%, ready %s after asked for",
            series.name(),
            demand.size(),
            Durations.format(interval),
            Durations.format(Duration.ofMillis(demand.size() * demand.stepMillis()).minus(warmup)),
            Durations.format(warmup),
            peakServers,
            Durations.format(delay)));
    err.flush();
    List<ReplayResult> results = new ArrayList<>();
    Progress progress = Progress.forTerminal(err, "autoscale replay");
    for (PolicyName name : names) {
      progress.label(
          "autoscale replay " + name + " (" + (results.size() + 1) + "/" + names.size() + ")");
      results.add(
          des
              ? replay.simulate(name.create(config, demand), 1)
              : replay.run(name.create(config, demand)));
      progress.share((double) results.size() / names.size());
    }
    progress.done();
    if (json) {
      out.println(ReplayReport.json(results));
    } else {
      ReplayReport.table(results, out);
    }
    out.flush();
    return png == null
        ? 0
        : OutputFiles.drawAfter(
            "results", png, () -> ReplayPlot.write(demand, config, results, png), err);
  }

  /** The policies asked for, in the registry's order for {@code all}. */
  List<PolicyName> policyNames() {
    if (policies.size() == 1 && policies.get(0).strip().equalsIgnoreCase("all")) {
      return Arrays.asList(PolicyName.values());
    }
    List<PolicyName> names = new ArrayList<>();
    for (String p : policies) {
      PolicyName n =
          PolicyName.find(p)
              .orElseThrow(
                  () ->
                      new UsageException(
                          "--policy "
                              + p
                              + ": unknown policy (expected all or one of: "
                              + PolicyName.describeAll()
                              + ")"));
      if (!names.contains(n)) {
        names.add(n);
      }
    }
    return names;
  }

  /** The scaling settings these options give; the engine's builder checks each value. */
  ScalingConfig config() {
    try {
      return configBuilder();
    } catch (InputException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private ScalingConfig configBuilder() {
    return ScalingConfig.builder()
        .minReplicas(minServers)
        .maxReplicas(maxServers)
        .target(target)
        .reactiveTarget(reactiveTarget)
        .sloUtilization(sloUtilization)
        .provisioningDelay(delay)
        .scaleUpAbove(scaleUpAbove)
        .scaleDownBelow(scaleDownBelow)
        .step(step)
        .cooldown(cooldown)
        .build();
  }
}
