package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.alo.engine.scale.ScalingConfig;
import dev.alo.loadtest.SampleBackend;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.BackendStats;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.admin.AdminAccess;
import dev.alo.proxy.admin.AdminServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code alo autoscale run}: its options, and a real run against a proxy with child backends. */
class AutoscaleRunCommandTest {
  private static final String TOKEN = "autoscale-Test_1";

  @Test
  void usage_showsEachDefaultInTheUsageLineAndAgreesWithTheEngine() {
    AutoscaleRunCommand cmd = parse("--proxy-admin", "http://127.0.0.1:9100");
    String usage = new CommandLine(new AutoscaleRunCommand()).getUsageMessage();
    ScalingConfig defaults = ScalingConfig.defaults();

    assertThat(usage)
        .contains("[--interval=15s]")
        .contains("[--policy=target-tracking]")
        .contains("[--target=local]")
        .contains("(default: 15s)")
        .contains("ALO_ADMIN_TOKEN")
        .doesNotContain("--admin-token ");
    assertThat(cmd.targetUtilization).isEqualTo(defaults.target());
    assertThat(cmd.scaleUpAbove).isEqualTo(defaults.scaleUpAbove());
    assertThat(cmd.scaleDownBelow).isEqualTo(defaults.scaleDownBelow());
    assertThat(cmd.step).isEqualTo(defaults.step());
    assertThat(cmd.cooldown).isEqualTo(defaults.cooldown());
    assertThat(cmd.reactiveTarget).isEqualTo(defaults.reactiveTarget());
    assertThat(cmd.delay).isEqualTo(defaults.provisioningDelay());
    assertThat(cmd.min).isEqualTo(defaults.minReplicas());
  }

  @Test
  void start_badInputs_oneLineUsageErrorsBeforeAnythingStarts(@TempDir Path dir) throws Exception {
    Path token = tokenFile(dir);
    assertThatThrownBy(() -> start(parse("--proxy-admin", "127.0.0.1:9100")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--proxy-admin 127.0.0.1:9100: not an http URL with a port (expected"
                + " http://HOST:PORT)");
    assertThatThrownBy(
            () -> start(parse("--proxy-admin", "http://127.0.0.1:9", "--target", "kubernetes")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--target kubernetes needs --deployment NAME (the Deployment to scale)");
    assertThatThrownBy(
            () -> start(parse("--proxy-admin", "http://127.0.0.1:9", "--target", "cloud")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--target cloud: unknown target (expected: local or kubernetes)");
    Path noConfig = dir.resolve("no-kubeconfig");
    assertThatThrownBy(
            () ->
                start(
                    parse(
                        "--proxy-admin",
                        "http://127.0.0.1:9",
                        "--target",
                        "kubernetes",
                        "--deployment",
                        "web",
                        "--kubeconfig",
                        noConfig.toString())))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--kubeconfig " + noConfig + ": not a readable file (expected a kubeconfig YAML file)");
    assertThatThrownBy(
            () ->
                start(
                    parse(
                        "--proxy-admin",
                        "http://127.0.0.1:9",
                        "--policy",
                        "oracle",
                        "--admin-token-file",
                        token.toString())))
        .isInstanceOf(UsageException.class)
        .hasMessageStartingWith("--policy: policy 'oracle' knows the demand ahead");
    assertThatThrownBy(() -> start(parse("--proxy-admin", "http://127.0.0.1:9", "--metric", "cpu")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--metric: unknown load metric 'cpu' (expected one of: rate, in-flight)");
    assertThatThrownBy(() -> start(parse("--proxy-admin", "http://127.0.0.1:9", "--min", "20")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("20");
    assertThatThrownBy(() -> start(parse("--proxy-admin", "http://127.0.0.1:9")))
        .isInstanceOf(UsageException.class)
        .hasMessageContaining("set ALO_ADMIN_TOKEN or give --admin-token-file");
  }

  @Test
  void start_badPrometheusOptions_oneLineUsageErrors() {
    String admin = "http://127.0.0.1:9";
    assertThatThrownBy(
            () -> start(parse("--proxy-admin", admin, "--prometheus", "http://127.0.0.1:9090")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--prometheus needs --query PROMQL (the instant query whose value is the load)");
    assertThatThrownBy(() -> start(parse("--proxy-admin", admin, "--query", "sum(up)")))
        .isInstanceOf(UsageException.class)
        .hasMessage("--query needs --prometheus URL (the Prometheus to ask)");
    assertThatThrownBy(
            () ->
                start(
                    parse(
                        "--proxy-admin", admin, "--prometheus", "127.0.0.1:9090", "--query", "x")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--prometheus 127.0.0.1:9090: not an http URL (expected http://HOST:PORT, e.g."
                + " http://127.0.0.1:9090)");
    assertThatThrownBy(
            () ->
                start(
                    parse(
                        "--proxy-admin",
                        admin,
                        "--prometheus",
                        "http://127.0.0.1:9090",
                        "--query",
                        "x",
                        "--metric",
                        "in-flight")))
        .isInstanceOf(UsageException.class)
        .hasMessage(
            "--metric applies to the proxy's /stats; with --prometheus the query's value is the"
                + " load");
  }

  @Test
  void autoscaleRun_throughMain_prometheusWithoutQueryIsAUsageErrorWithExitTwo() {
    MainTest.Run r =
        MainTest.run(
            "autoscale",
            "run",
            "--proxy-admin",
            "http://127.0.0.1:9",
            "--prometheus",
            "http://127.0.0.1:9090");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("alo: --prometheus needs --query PROMQL")
        .contains("Usage: alo autoscale run");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void start_againstARealProxy_startsBackendProcessesAndDrainsThemWhenClosed(@TempDir Path dir)
      throws Exception {
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (SampleBackend seed = SampleBackend.start(SampleBackend.Settings.plain(any, "seed"));
        ProxyServer proxy =
            ProxyServer.start(
                ProxyConfig.builder()
                    .listen(any)
                    .backends(List.of(new BackendAddress("127.0.0.1", seed.address().getPort(), 1)))
                    .threads(1)
                    .healthChecks(false)
                    .build(),
                ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, any, AdminAccess.withToken(TOKEN))) {
      AutoscaleRunCommand cmd =
          parse(
              "--proxy-admin", "http://127.0.0.1:" + admin.address().getPort(),
              "--policy", "threshold",
              "--min", "2",
              "--interval", "200ms",
              "--admin-token-file", tokenFile(dir).toString());
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      try (AutoscaleRunCommand.Running running =
          cmd.start(new PrintWriter(out, true), new PrintWriter(err, true))) {
        await()
            .atMost(Duration.ofSeconds(60))
            .until(() -> running.target().replicas().ready().size() == 2);
        assertThat(proxy.stats())
            .filteredOn(s -> s.state().equals("up"))
            .extracting(BackendStats::id)
            .hasSize(3)
            .containsAll(running.target().replicas().ready());
      }

      assertThat(proxy.stats())
          .extracting(BackendStats::id)
          .containsExactly("127.0.0.1:" + seed.address().getPort());
      assertThat(out.toString().lines().findFirst().orElseThrow())
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z desired=2 ready=0 2 \\(.*\\)");
      assertThat(err.toString())
          .contains("autoscaling local backends on 127.0.0.1")
          .contains("drained and stopped");
    }
  }

  @Test
  void start_kubernetesTarget_scalesTheDeploymentOnTheMockApiServer(@TempDir Path dir)
      throws Exception {
    KubernetesMockServer kube =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    kube.init();
    InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    try (KubernetesClient client = kube.createClient();
        SampleBackend pod = SampleBackend.start(SampleBackend.Settings.plain(any, "pod"));
        ProxyServer proxy =
            ProxyServer.start(
                ProxyConfig.builder()
                    .listen(any)
                    .backends(List.of(new BackendAddress("127.0.0.1", pod.address().getPort(), 1)))
                    .threads(1)
                    .healthChecks(false)
                    .build(),
                ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, any, AdminAccess.withToken(TOKEN))) {
      client.apps().deployments().inNamespace("shop").resource(deployment("web")).create();
      Path kubeconfig = kubeconfig(dir, kube.url("/"));
      AutoscaleRunCommand cmd =
          parse(
              "--proxy-admin", "http://127.0.0.1:" + admin.address().getPort(),
              "--target", "kubernetes",
              "--deployment", "web",
              "--namespace", "shop",
              "--kubeconfig", kubeconfig.toString(),
              "--policy", "threshold",
              "--min", "2",
              "--interval", "200ms");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      try (AutoscaleRunCommand.Running running =
          cmd.start(new PrintWriter(out, true), new PrintWriter(err, true))) {
        await()
            .atMost(Duration.ofSeconds(30))
            .until(
                () ->
                    client
                            .apps()
                            .deployments()
                            .inNamespace("shop")
                            .withName("web")
                            .get()
                            .getSpec()
                            .getReplicas()
                        == 2);
        assertThat(running.target().replicas().desired()).isEqualTo(2);
      }

      assertThat(out.toString().lines().findFirst().orElseThrow())
          .matches(
              "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z desired=2 ready=0 2 \\(.*\\)");
      assertThat(err.toString())
          .contains("autoscaling deployment shop/web at " + kube.url("/"))
          .contains("deployment shop/web scaled to 2");
    } finally {
      kube.destroy();
    }
  }

  @Test
  void autoscaleRun_kubernetesDeploymentMissing_oneLineFailureWithExitOne(@TempDir Path dir)
      throws Exception {
    KubernetesMockServer kube =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    kube.init();
    try {
      MainTest.Run r =
          MainTest.run(
              "autoscale",
              "run",
              "--proxy-admin",
              "http://127.0.0.1:9",
              "--target",
              "kubernetes",
              "--deployment",
              "web",
              "--kubeconfig",
              kubeconfig(dir, kube.url("/")).toString());

      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err().strip())
          .isEqualTo(
              "alo: deployment default/web: not found (expected an existing Deployment:"
                  + " kubectl -n default get deployment web)");
    } finally {
      kube.destroy();
    }
  }

  @Test
  void autoscaleRun_throughMain_missingTokenIsAUsageErrorWithExitTwo() {
    MainTest.Run r = MainTest.run("autoscale", "run", "--proxy-admin", "http://127.0.0.1:9");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("alo: the local target adds and removes backends through the admin API:")
        .contains("Usage: alo autoscale run");
  }

  private static AutoscaleRunCommand parse(String... args) {
    AutoscaleRunCommand cmd = new AutoscaleRunCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd;
  }

  private static void start(AutoscaleRunCommand cmd) {
    StringWriter sink = new StringWriter();
    cmd.start(new PrintWriter(sink), new PrintWriter(sink)).close();
  }

  private static Deployment deployment(String name) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withReplicas(1)
        .withNewSelector()
        .addToMatchLabels("app", name)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", name)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("example/" + name + ":1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  private static Path kubeconfig(Path dir, String server) throws Exception {
    Path f = dir.resolve("kubeconfig");
    Files.writeString(
        f,
        String.join(
            "\n",
            "apiVersion: v1",
            "kind: Config",
            "clusters:",
            "- name: mock",
            "  cluster:",
            "    server: " + server,
            "users:",
            "- name: alo",
            "  user:",
            "    token: test-token",
            "contexts:",
            "- name: mock",
            "  context:",
            "    cluster: mock",
            "    user: alo",
            "current-context: mock",
            ""),
        UTF_8);
    return f;
  }

  private static Path tokenFile(Path dir) throws Exception {
    Path f = dir.resolve("token");
    Files.writeString(f, TOKEN + "\n", UTF_8);
    return f;
  }
}
