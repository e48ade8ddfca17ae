package dev.alo.autoscaler;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A Kubernetes Deployment: scaling sets its replicas through the {@code scale} subresource (as the
 * HPA does); its replicas are read from the Deployment's spec and status ({@code spec.replicas},
 * {@code status.replicas}, {@code status.readyReplicas}). Kubernetes starts, readies and stops the
 * pods; the proxy in front is taken to serve only this Deployment (its pods or its Service), so
 * every backend it reports counts ({@link #servesAllBackends()}). A failed request is one line on
 * the log naming the namespace, the Deployment and, when forbidden, the RBAC it needs; the loop's
 * next step asks again.
 */
public final class KubernetesTarget implements ScalingTarget {
  private final KubernetesClient client;
  private final String namespace;
  private final String deployment;
  private final Consumer<String> log;
  private Replicas last;

  private KubernetesTarget(
      KubernetesClient client, String namespace, String deployment, Consumer<String> log) {
    this.client = client;
    this.namespace = namespace;
    this.deployment = deployment;
    this.log = log;
    this.last = read();
  }

  /**
   * The Deployment {@code deployment} in {@code namespace}, through {@code client} (which the
   * target closes with itself), read once to check that it exists and may be read.
   *
   * @throws KubernetesTargetException when it cannot be read: missing, forbidden, unreachable
   */
  public static KubernetesTarget open(
      KubernetesClient client, String namespace, String deployment, Consumer<String> log) {
    try {
      return new KubernetesTarget(client, namespace, deployment, log);
    } catch (KubernetesTargetException e) {
      client.close();
      throw e;
    }
  }

  /**
   * A client configured from {@code kubeconfig} when given, otherwise as fabric8 configures itself:
   * the {@code KUBECONFIG} variable, {@code ~/.kube/config}, or the pod's service account when run
   * in a cluster.
   *
   * @throws KubernetesTargetException when the kubeconfig file cannot be read
   */
  public static KubernetesClient client(Optional<Path> kubeconfig) {
    Config config;
    if (kubeconfig.isPresent()) {
      Path file = kubeconfig.get();
      if (!Files.isReadable(file)) {
        throw new KubernetesTargetException(
            "kubeconfig " + file + ": not a readable file (expected a kubeconfig YAML file)");
      }
      try {
        config = Config.fromKubeconfig(file.toFile());
      } catch (KubernetesClientException e) {
        throw new KubernetesTargetException(
            "kubeconfig " + file + ": " + oneLine(e) + " (expected a kubeconfig YAML file)");
      }
    } else {
      config = Config.autoConfigure(null);
    }
    // fabric8 retries a failed request 10 times with a doubling backoff (tens of seconds); the
    // loop asks again next interval anyway, so a request fails after one retry.
    config.setRequestRetryBackoffLimit(1);
    return new KubernetesClientBuilder().withConfig(config).build();
  }

  @Override
  public String describe() {
    return "deployment " + name() + " at " + client.getMasterUrl();
  }

  @Override
  public boolean servesAllBackends() {
    return true;
  }

  /** The replicas as the Deployment says; the last known ones (logged) when it cannot be read. */
  @Override
  public Replicas replicas() {
    try {
      Replicas now = read();
      synchronized (this) {
        last = now;
      }
      return now;
    } catch (KubernetesTargetException e) {
      log.accept(e.detail() + "; using the last known replicas");
      synchronized (this) {
        return last;
      }
    }
  }

  /** Sets {@code spec.replicas} through the scale subresource; a failure is logged. */
  @Override
  public void scaleTo(int desired) {
    if (desired < 0) {
      throw new IllegalArgumentException("desired replicas: " + desired + " (expected: >= 0)");
    }
    try {
      resource().scale(desired);
      log.accept("deployment " + name() + " scaled to " + desired);
    } catch (KubernetesClientException e) {
      log.accept(failure("update", "deployments/scale", e).detail());
    }
  }

  /** Closes the client; the Deployment keeps the replicas last set. */
  @Override
  public void close() {
    client.close();
  }

  private Replicas read() {
    Deployment d;
    try {
      d = resource().get();
    } catch (KubernetesClientException e) {
      throw failure("get", "deployments", e);
    }
    if (d == null) {
      throw notFound();
    }
    Integer specReplicas = d.getSpec() == null ? null : d.getSpec().getReplicas();
    int desired = specReplicas == null ? 1 : specReplicas;
    DeploymentStatus status = d.getStatus();
    int current = 0;
    int ready = 0;
    if (status != null) {
      current = status.getReplicas() == null ? 0 : status.getReplicas();
      ready = status.getReadyReplicas() == null ? 0 : status.getReadyReplicas();
    }
    return Replicas.counted(desired, Math.max(current, ready), ready);
  }

  private RollableScalableResource<Deployment> resource() {
    return client.apps().deployments().inNamespace(namespace).withName(deployment);
  }

  private String name() {
    return namespace + "/" + deployment;
  }

  private KubernetesTargetException notFound() {
    return new KubernetesTargetException(
        "deployment "
            + name()
            + ": not found (expected an existing Deployment: kubectl -n "
            + namespace
            + " get deployment "
            + deployment
            + ")");
  }

  private KubernetesTargetException failure(
      String verb, String resource, KubernetesClientException e) {
    int code = e.getCode();
    if (code < 100 || (e.getStatus() == null && rootCause(e) instanceof IOException)) {
      code = 0;
    }
    return switch (code) {
      case 404 -> notFound();
      case 401 ->
          new KubernetesTargetException(
              "deployment "
                  + name()
                  + ": unauthorized at "
                  + client.getMasterUrl()
                  + " (expected valid credentials in the kubeconfig or the service account)");
      case 403 ->
          new KubernetesTargetException(
              "deployment "
                  + name()
                  + ": forbidden to "
                  + verb
                  + " "
                  + resource
                  + " (needed: a Role in namespace "
                  + namespace
                  + " with get, update and patch on deployments/scale and get on deployments,"
                  + " bound to the autoscaler's user or service account)");
      case 0 ->
          new KubernetesTargetException(
              "deployment "
                  + name()
                  + ": cannot reach the Kubernetes API at "
                  + client.getMasterUrl()
                  + " ("
                  + oneLine(e)
                  + ") (expected a kubeconfig (KUBECONFIG, ~/.kube/config) or a pod's service"
                  + " account)");
      default ->
          new KubernetesTargetException(
              "deployment "
                  + name()
                  + ": "
                  + verb
                  + " "
                  + resource
                  + " at "
                  + client.getMasterUrl()
                  + " failed: "
                  + oneLine(e));
    };
  }

  private static Throwable rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root;
  }

  /** The innermost cause's first line, with its class when that adds something. */
  private static String oneLine(Throwable e) {
    Throwable root = rootCause(e);
    String type = root.getClass().getSimpleName();
    String message = root.getMessage();
    String first = message == null ? "" : message.strip().lines().findFirst().orElse("");
    if (first.isEmpty()) {
      return type;
    }
    return root == e ? first : type + ": " + first;
  }
}
