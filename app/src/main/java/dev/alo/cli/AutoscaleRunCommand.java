package dev.alo.cli;

import dev.alo.autoscaler.AutoscaleLoop;
import dev.alo.autoscaler.BackendLauncher;
import dev.alo.autoscaler.KubernetesTarget;
import dev.alo.autoscaler.KubernetesTargetException;
import dev.alo.autoscaler.LoadMetric;
import dev.alo.autoscaler.LocalTarget;
import dev.alo.autoscaler.MetricSource;
import dev.alo.autoscaler.ScalingTarget;
import dev.alo.engine.InputException;
import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.ScalingPolicy;
import dev.alo.engine.time.Durations;
import dev.alo.proxy.ProxyLog;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alo autoscale run}: the live control loop (a subcommand of {@link AutoscaleCommand}).
 * Every interval it reads the load from the proxy's admin {@code /stats}, asks the policy and
 * either starts or drains local backends through the admin API or sets a Kubernetes Deployment's
 * replicas. One line per decision on stdout; Ctrl-C drains and stops the local backends it started
 * (a Deployment keeps the replicas last set).
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Scales real backends behind a running `alo proxy`: every interval reads the",
      "load from the proxy's admin /stats, asks the scaling policy, and starts",
      "sample backends (added through the admin API once they answer) or drains",
      "and stops them (--target local), or sets a Kubernetes Deployment's replicas",
      "through its scale subresource (--target kubernetes --deployment NAME).",
      "Prints one line per decision: time, desired, ready, reason.",
      "When the stats cannot be read it holds (never scales in) and says so.",
      "Runs until stopped (Ctrl-C), then drains and stops the backends it started."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  ALO_ADMIN_TOKEN  The proxy's admin bearer token (or --admin-token-file);",
      "                   the local target needs it to add and remove backends.",
      "  KUBECONFIG       The kubernetes target's kubeconfig when --kubeconfig is not",
      "                   given (then ~/.kube/config, then the pod's service account)."
    })
final class AutoscaleRunCommand implements Callable<Integer> {
  @Option(
      names = "--proxy-admin",
      required = true,
      paramLabel = "URL",
      description = "The proxy's admin endpoint, e.g. http://127.0.0.1:9100.")
  String proxyAdmin = "";

  @Option(
      names = "--target",
      defaultValue = "local",
      paramLabel = "local",
      description =
          "What to scale: local (sample backends on this machine) or kubernetes"
              + " (a Deployment). (default: ${DEFAULT-VALUE})")
  String target = "local";

  @Option(
      names = "--deployment",
      paramLabel = "NAME",
      description = "kubernetes: the Deployment to scale (required with --target kubernetes).")
  @Nullable String deployment;

  @Option(
      names = "--namespace",
      defaultValue = "default",
      paramLabel = "default",
      description = "kubernetes: the Deployment's namespace. (default: ${DEFAULT-VALUE})")
  String namespace = "default";

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "kubernetes: kubeconfig file (else KUBECONFIG, ~/.kube/config or in-cluster).")
  @Nullable Path kubeconfig;

  @Option(
      names = "--policy",
      defaultValue = "target-tracking",
      paramLabel = "target-tracking",
      description =
          "Scaling policy: threshold, target-tracking or predictive. (default: ${DEFAULT-VALUE})")
  String policy = "target-tracking";

  @Option(
      names = "--metric",
      defaultValue = "rate",
      paramLabel = "rate",
      description =
          "Load to scale on: rate (requests/s) or in-flight (concurrent requests)."
              + " (default: ${DEFAULT-VALUE})")
  String metric = "rate";

  @Option(
      names = "--prometheus",
      paramLabel = "URL",
      description =
          "Read the load from this Prometheus (e.g. http://127.0.0.1:9090) with --query"
              + " instead of the proxy's /stats.")
  @Nullable String prometheus;

  @Option(
      names = "--query",
      paramLabel = "PROMQL",
      description =
          "With --prometheus: an instant query whose value (a vector's sum, or a scalar) is"
              + " the load of all ready backends, in --capacity's unit.")
  @Nullable String query;

  @Option(
      names = "--capacity",
      defaultValue = "100",
      paramLabel = "100",
      description =
          "Load one backend carries at 100%% utilisation, in the metric's unit."
              + " (default: ${DEFAULT-VALUE})")
  double capacity = 100;

  @Option(
      names = "--interval",
      defaultValue = "15s",
      paramLabel = "15s",
      converter = DurationConverter.class,
      description = "Control interval. (default: ${DEFAULT-VALUE})")
  Duration interval = Duration.ofSeconds(15);

  @Option(
      names = "--min",
      defaultValue = "1",
      paramLabel = "1",
      description = "Fewest backends. (default: ${DEFAULT-VALUE})")
  int min = 1;

  @Option(
      names = "--max",
      defaultValue = "10",
      paramLabel = "10",
      description = "Most backends. (default: ${DEFAULT-VALUE})")
  int max = 10;

  @Option(
      names = "--target-utilization",
      defaultValue = "60",
      paramLabel = "60",
      description = "target-tracking: utilisation percent to hold. (default: ${DEFAULT-VALUE})")
  double targetUtilization = 60;

  @Option(
      names = "--scale-up-above",
      defaultValue = "80",
      paramLabel = "80",
      description =
          "threshold: add backends above this utilisation %%. (default: ${DEFAULT-VALUE})")
  double scaleUpAbove = 80;

  @Option(
      names = "--scale-down-below",
      defaultValue = "20",
      paramLabel = "20",
      description =
          "threshold: remove backends below this utilisation %%. (default: ${DEFAULT-VALUE})")
  double scaleDownBelow = 20;

  @Option(
      names = "--step",
      defaultValue = "1",
      paramLabel = "1",
      description = "threshold: backends added or removed at a time. (default: ${DEFAULT-VALUE})")
  int step = 1;

  @Option(
      names = "--cooldown",
      defaultValue = "0s",
      paramLabel = "0s",
      converter = DurationConverter.class,
      description = "threshold: no change sooner than this after one. (default: ${DEFAULT-VALUE})")
  Duration cooldown = Duration.ZERO;

  @Option(
      names = "--reactive-target",
      defaultValue = "80",
      paramLabel = "80",
      description =
          "predictive: target of its reactive target-tracking floor, %%."
              + " (default: ${DEFAULT-VALUE})")
  double reactiveTarget = 80;

  @Option(
      names = "--delay",
      defaultValue = "3m",
      paramLabel = "3m",
      converter = DurationConverter.class,
      description =
          "predictive: how long a backend takes to become ready, planned ahead."
              + " (default: ${DEFAULT-VALUE})")
  Duration delay = Duration.ofMinutes(3);

  @Option(
      names = "--backend-host",
      defaultValue = "127.0.0.1",
      paramLabel = "127.0.0.1",
      description = "Address the started backends listen on. (default: ${DEFAULT-VALUE})")
  String backendHost = "127.0.0.1";

  @Option(
      names = "--backend-option",
      paramLabel = "OPT",
      description =
          "An option for every started `alo backend`, e.g. --backend-option=--latency=20ms;"
              + " repeat for more.")
  List<String> backendOptions = new ArrayList<>();

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description = "File holding the proxy's admin bearer token (or set ALO_ADMIN_TOKEN).")
  @Nullable Path adminTokenFile;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    Running running = start(spec.commandLine().getOut(), spec.commandLine().getErr());
    Serving.untilStopped(running::close);
    return 0;
  }

  /**
   * What {@link #start} runs: closing it stops the loop, then closes the target (a local one drains
   * and stops its backends).
   */
  record Running(AutoscaleLoop loop, ScheduledExecutorService scheduler, ScalingTarget target)
      implements AutoCloseable {
    @Override
    public void close() {
      loop.stop();
      scheduler.shutdown();
      try {
        scheduler.awaitTermination(1, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      target.close();
    }
  }

  /** Checks the options, then starts the loop; it steps on its own thread until closed. */
  Running start(PrintWriter out, PrintWriter err) {
    URI admin = adminUri();
    String kind = target.strip().toLowerCase(Locale.ROOT);
    if (!kind.equals("local") && !kind.equals("kubernetes")) {
      throw new UsageException(
          "--target " + target + ": unknown target (expected: local or kubernetes)");
    }
    String name = deployment;
    if (kind.equals("kubernetes") && (name == null || name.isBlank())) {
      throw new UsageException(
          "--target kubernetes needs --deployment NAME (the Deployment to scale)");
    }
    LoadMetric load;
    try {
      load = LoadMetric.parse(metric);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--metric: " + e.getMessage());
    }
    MetricSource source = metricSource(admin);
    if (interval.toMillis() < 1) {
      throw new UsageException("--interval " + Durations.format(interval) + " (expected >= 1ms)");
    }
    ScalingPolicy scaling = policy(config());
    ProxyLog log = Serving.stderrLog(err);
    ScalingTarget scaled =
        name == null || kind.equals("local") ? local(admin, log) : kubernetes(name.strip(), log);
    AutoscaleLoop loop =
        AutoscaleLoop.builder(scaling, source, scaled)
            .minReplicas(min)
            .metric(load)
            .interval(interval)
            .listener(
                s -> {
                  out.println(s.line());
                  out.flush();
                })
            .build();
    log.log(
        "autoscaling "
            + scaled.describe()
            + " with "
            + scaling.name()
            + " on "
            + (query == null ? load : "Prometheus query '" + query + "'")
            + " every "
            + Durations.format(interval));
    ScheduledExecutorService scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "alo-autoscale");
              t.setDaemon(true);
              return t;
            });
    loop.start(scheduler);
    return new Running(loop, scheduler, scaled);
  }

  private LocalTarget local(URI admin, ProxyLog log) {
    String token =
        AdminToken.resolve(System.getenv(), null, adminTokenFile)
            .orElseThrow(
                () ->
                    new UsageException(
                        "the local target adds and removes backends through the admin API:"
                            + " set ALO_ADMIN_TOKEN or give --admin-token-file"));
    return LocalTarget.builder(admin, token, BackendLauncher.process(backendCommand()))
        .host(backendHost)
        .log(log::log)
        .build();
  }

  /** The Deployment, read once: missing, forbidden or unreachable fails here (exit 1). */
  private KubernetesTarget kubernetes(String name, ProxyLog log) {
    KubernetesClient client;
    try {
      client = KubernetesTarget.client(Optional.ofNullable(kubeconfig));
    } catch (KubernetesTargetException e) {
      throw new UsageException("--" + e.detail());
    }
    try {
      return KubernetesTarget.open(client, namespace.strip(), name, log::log);
    } catch (KubernetesTargetException e) {
      throw new RuntimeFailure(e.detail());
    }
  }

  /** The proxy's /stats, or with {@code --prometheus} and {@code --query} that query. */
  private MetricSource metricSource(URI admin) {
    String url = prometheus;
    String promql = query;
    if (url == null && promql == null) {
      return MetricSource.proxyAdmin(admin, Duration.ofSeconds(5), System::nanoTime);
    }
    if (url == null) {
      throw new UsageException("--query needs --prometheus URL (the Prometheus to ask)");
    }
    if (promql == null || promql.isBlank()) {
      throw new UsageException(
          "--prometheus needs --query PROMQL (the instant query whose value is the load)");
    }
    if (spec.commandLine().getParseResult().hasMatchedOption("--metric")) {
      throw new UsageException(
          "--metric applies to the proxy's /stats; with --prometheus the query's value is the"
              + " load");
    }
    URI uri;
    try {
      uri = new URI(url.strip());
    } catch (URISyntaxException e) {
      throw notHttp(url);
    }
    if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
        || uri.getHost() == null) {
      throw notHttp(url);
    }
    return MetricSource.prometheus(uri, promql, Duration.ofSeconds(5));
  }

  private static UsageException notHttp(String url) {
    return new UsageException(
        "--prometheus "
            + url
            + ": not an http URL (expected http://HOST:PORT, e.g."
            + " http://127.0.0.1:9090)");
  }

  private URI adminUri() {
    URI uri;
    try {
      uri = new URI(proxyAdmin.strip());
    } catch (URISyntaxException e) {
      throw new UsageException(
          "--proxy-admin "
              + proxyAdmin
              + ": not an http URL with a port (expected http://HOST:PORT)");
    }
    if (!"http".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0) {
      throw new UsageException(
          "--proxy-admin "
              + proxyAdmin
              + ": not an http URL with a port (expected http://HOST:PORT)");
    }
    return uri;
  }

  private ScalingConfig config() {
    try {
      return ScalingConfig.builder()
          .minReplicas(min)
          .maxReplicas(max)
          .capacityPerReplica(capacity)
          .target(targetUtilization)
          .scaleUpAbove(scaleUpAbove)
          .scaleDownBelow(scaleDownBelow)
          .step(step)
          .cooldown(cooldown)
          .reactiveTarget(reactiveTarget)
          .provisioningDelay(delay)
          .build();
    } catch (InputException | IllegalArgumentException e) {
      throw new UsageException(String.valueOf(e.getMessage()));
    }
  }

  private ScalingPolicy policy(ScalingConfig config) {
    try {
      return ScalingPolicy.byName(policy, config);
    } catch (InputException e) {
      throw new UsageException("--policy: " + e.getMessage());
    }
  }

  /**
   * This JVM and class path running {@code alo backend}, in a session of its own where {@code
   * setsid} exists, so that Ctrl-C reaches only the autoscaler, which drains the backends before
   * stopping them.
   */
  private List<String> backendCommand() {
    List<String> command = new ArrayList<>();
    if (java.nio.file.Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      command.add("/usr/bin/setsid");
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-Xmx256m");
    command.add("--enable-native-access=ALL-UNNAMED");
    if (Runtime.version().feature() >= 23) {
      command.add("--sun-misc-unsafe-memory-access=allow");
    }
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    command.add("backend");
    command.addAll(backendOptions);
    return command;
  }
}
