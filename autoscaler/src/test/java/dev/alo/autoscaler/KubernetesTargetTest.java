package dev.alo.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.ScalingPolicy;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kubernetes target against fabric8's mock API server (CRUD mode: it keeps what it is sent).
 */
class KubernetesTargetTest {
  private static final String NS = "shop";
  private static final String NAME = "web";

  private final KubernetesMockServer server =
      new KubernetesMockServer(
          new Context(),
          new MockWebServer(),
          new HashMap<>(),
          new KubernetesCrudDispatcher(),
          false);
  private final List<String> logged = new ArrayList<>();
  private KubernetesClient client;

  @BeforeEach
  void startServer() {
    server.init();
    client = server.createClient();
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.destroy();
  }

  @Test
  void scaleTo_setsSpecReplicasThroughScaleSubresource_oneToThreeToOne() throws Exception {
    createDeployment(1, 1);
    try (KubernetesTarget target = open()) {
      assertThat(target.replicas()).isEqualTo(Replicas.counted(1, 1, 1));

      target.scaleTo(3);
      assertThat(requestsSoFar())
          .contains("PUT /apis/apps/v1/namespaces/shop/deployments/web/scale")
          .noneMatch(r -> r.startsWith("PUT /apis/apps/v1/namespaces/shop/deployments/web "))
          .noneMatch(r -> r.startsWith("PATCH"));
      assertThat(specReplicas()).isEqualTo(3);
      assertThat(target.replicas().desired()).isEqualTo(3);

      target.scaleTo(1);
      assertThat(specReplicas()).isEqualTo(1);
      assertThat(logged)
          .containsExactly("deployment shop/web scaled to 3", "deployment shop/web scaled to 1");
    }
  }

  @Test
  void replicas_readFromDeploymentStatus() {
    createDeployment(3, 0);
    setStatus(3, 2);
    try (KubernetesTarget target = open()) {
      Replicas r = target.replicas();

      assertThat(r.desired()).isEqualTo(3);
      assertThat(r.current()).isEqualTo(3);
      assertThat(r.readyCount()).isEqualTo(2);
      assertThat(r.ready()).isEmpty();
      assertThat(target.servesAllBackends()).isTrue();
    }
  }

  @Test
  void open_missingDeployment_oneLineErrorNamingIt() {
    assertThatThrownBy(this::open)
        .isInstanceOf(KubernetesTargetException.class)
        .hasMessage(
            "deployment shop/web: not found (expected an existing Deployment:"
                + " kubectl -n shop get deployment web)");
  }

  @Test
  void replicas_deploymentDeletedLater_logsAndKeepsLastKnown() {
    createDeployment(2, 2);
    try (KubernetesTarget target = open()) {
      client.apps().deployments().inNamespace(NS).withName(NAME).delete();

      assertThat(target.replicas()).isEqualTo(Replicas.counted(2, 2, 2));
      assertThat(logged)
          .containsExactly(
              "deployment shop/web: not found (expected an existing Deployment:"
                  + " kubectl -n shop get deployment web); using the last known replicas");
    }
  }

  @Test
  void open_forbidden_oneLineErrorNamingTheRbacNeeded() {
    KubernetesMockServer strict =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
    strict.init();
    strict
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage(
                    "deployments.apps \"web\" is forbidden: User \"system:serviceaccount:shop:alo\""
                        + " cannot get resource \"deployments\"")
                .build())
        .always();
    try {
      assertThatThrownBy(() -> KubernetesTarget.open(strict.createClient(), NS, NAME, logged::add))
          .isInstanceOf(KubernetesTargetException.class)
          .hasMessage(
              "deployment shop/web: forbidden to get deployments (needed: a Role in namespace shop"
                  + " with get, update and patch on deployments/scale and get on deployments,"
                  + " bound to the autoscaler's user or service account)")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    } finally {
      strict.destroy();
    }
  }

  @Test
  void scaleTo_forbidden_logsOneLineNamingTheRbacAndDoesNotThrow() {
    KubernetesMockServer strict =
        new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
    strict.init();
    strict
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web")
        .andReturn(200, deployment(2))
        .always();
    strict
        .expect()
        .get()
        .withPath("/apis/apps/v1/namespaces/shop/deployments/web/scale")
        .andReturn(
            403,
            new StatusBuilder()
                .withCode(403)
                .withReason("Forbidden")
                .withMessage("cannot get resource \"deployments/scale\"")
                .build())
        .always();
    try (KubernetesTarget target =
        KubernetesTarget.open(strict.createClient(), NS, NAME, logged::add)) {
      target.scaleTo(3);

      assertThat(logged)
          .containsExactly(
              "deployment shop/web: forbidden to update deployments/scale (needed: a Role in"
                  + " namespace shop with get, update and patch on deployments/scale and get on"
                  + " deployments, bound to the autoscaler's user or service account)");
      assertThat(target.replicas().desired()).isEqualTo(2);
    } finally {
      strict.destroy();
    }
  }

  @Test
  void client_unreadableKubeconfig_saysWhichFile(@TempDir Path dir) {
    Path missing = dir.resolve("nope.yaml");

    assertThatThrownBy(() -> KubernetesTarget.client(Optional.of(missing)))
        .isInstanceOf(KubernetesTargetException.class)
        .hasMessage(
            "kubeconfig " + missing + ": not a readable file (expected a kubeconfig YAML file)");
  }

  @Test
  void open_apiUnreachable_oneLineErrorNamingTheServer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, kubeconfig("http://127.0.0.1:1"));

    assertThatThrownBy(
            () ->
                KubernetesTarget.open(
                    KubernetesTarget.client(Optional.of(file)), NS, NAME, logged::add))
        .isInstanceOf(KubernetesTargetException.class)
        .hasMessageStartingWith(
            "deployment shop/web: cannot reach the Kubernetes API at http://127.0.0.1:1/ (")
        .hasMessageEndingWith(
            ") (expected a kubeconfig (KUBECONFIG, ~/.kube/config) or a pod's service account)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void client_kubeconfigFile_pointsAtItsServer(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, kubeconfig("https://k8s.example:6443"));

    try (KubernetesClient fromFile = KubernetesTarget.client(Optional.of(file))) {
      assertThat(fromFile.getMasterUrl().toString()).startsWith("https://k8s.example:6443");
      assertThat(fromFile.getNamespace()).isEqualTo("shop");
    }
  }

  @Test
  void loopStep_scriptedLoadOverTheReadyPods_scalesTheDeployment() {
    createDeployment(2, 0);
    setStatus(2, 2);
    ScalingPolicy threshold =
        ScalingPolicy.threshold(ScalingConfig.builder().capacityPerReplica(10).build());
    List<MetricReading> script =
        new ArrayList<>(
            List.of(
                // The proxy fronts the Deployment's Service: one backend carries both pods' load.
                reading(new BackendLoad("web.shop.svc:80", "up", true, 0, 15, 5)),
                reading(new BackendLoad("web.shop.svc:80", "up", true, 0, 19, 5)),
                reading(new BackendLoad("web.shop.svc:80", "up", true, 0, 1, 5))));
    try (KubernetesTarget target = open()) {
      AutoscaleLoop loop =
          AutoscaleLoop.builder(threshold, () -> script.removeFirst(), target)
              .clock(new ManualClock(Instant.parse("2026-12-02T17:00:00Z")))
              .interval(Duration.ofSeconds(15))
              .build();

      // 15 requests/s over 2 ready pods of 10 is 75 %: within the band (not 150 % of one).
      ControlStep inBand = loop.step();
      assertThat(inBand.applied()).isFalse();
      assertThat(inBand.decision().utilization()).isCloseTo(75.0, within(1e-9));
      assertThat(specReplicas()).isEqualTo(2);

      ControlStep up = loop.step();
      assertThat(up.decision().rule()).isEqualTo("scale-up");
      assertThat(up.line()).contains("desired=3 ready=2");
      assertThat(specReplicas()).isEqualTo(3);

      setStatus(3, 3);
      ControlStep down = loop.step();
      assertThat(down.decision().rule()).isEqualTo("scale-down");
      assertThat(specReplicas()).isEqualTo(2);
    }
  }

  private static String kubeconfig(String server) {
    return String.join(
        "\n",
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        "- name: c",
        "  cluster:",
        "    server: " + server,
        "users:",
        "- name: u",
        "  user:",
        "    token: t",
        "contexts:",
        "- name: x",
        "  context:",
        "    cluster: c",
        "    user: u",
        "    namespace: shop",
        "current-context: x",
        "");
  }

  private KubernetesTarget open() {
    return KubernetesTarget.open(server.createClient(), NS, NAME, logged::add);
  }

  private static MetricReading reading(BackendLoad... backends) {
    return new MetricReading(List.of(backends));
  }

  private void createDeployment(int replicas, int ready) {
    client.apps().deployments().inNamespace(NS).resource(deployment(replicas)).create();
    setStatus(replicas, ready);
  }

  private static Deployment deployment(int replicas) {
    return new DeploymentBuilder()
        .withNewMetadata()
        .withName(NAME)
        .withNamespace(NS)
        .endMetadata()
        .withNewSpec()
        .withReplicas(replicas)
        .withNewSelector()
        .addToMatchLabels("app", NAME)
        .endSelector()
        .withNewTemplate()
        .withNewMetadata()
        .addToLabels("app", NAME)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("example/web:1")
        .endContainer()
        .endSpec()
        .endTemplate()
        .endSpec()
        .build();
  }

  /** What the Deployment controller would report; the mock server runs no controller. */
  private void setStatus(int replicas, int ready) {
    Deployment d = client.apps().deployments().inNamespace(NS).withName(NAME).get();
    d.setStatus(
        new io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder()
            .withReplicas(replicas)
            .withReadyReplicas(ready)
            .build());
    client.apps().deployments().inNamespace(NS).resource(d).updateStatus();
  }

  /** Every request the server received since the last call, as {@code METHOD PATH}. */
  private List<String> requestsSoFar() throws InterruptedException {
    List<String> seen = new ArrayList<>();
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      seen.add(r.getMethod() + " " + r.getPath());
    }
    return seen;
  }

  private int specReplicas() {
    return client.apps().deployments().inNamespace(NS).withName(NAME).get().getSpec().getReplicas();
  }
}
