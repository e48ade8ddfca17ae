package dev.alo.autoscaler;

import java.util.Set;

/**
 * What a scaling target has, as a Kubernetes Deployment's status says it.
 *
 * @param desired the replica count last asked for
 * @param current replicas that exist: starting, serving or draining
 * @param readyCount the serving replicas
 * @param ready the serving replicas by the id the proxy gives them ({@code HOST:PORT}), where the
 *     target knows it (a local target does; a Kubernetes Deployment's status only counts them, so
 *     this is empty there)
 */
public record Replicas(int desired, int current, int readyCount, Set<String> ready) {
  public Replicas {
    ready = Set.copyOf(ready);
    if (desired < 0 || readyCount < ready.size() || current < readyCount) {
      throw new IllegalArgumentException(
          "replicas: desired "
              + desired
              + ", current "
              + current
              + ", ready "
              + readyCount
              + " ("
              + ready.size()
              + " by id) (expected: desired >= 0, current >= ready >= those by id)");
    }
  }

  /** Replicas whose ready ones are all known by id. */
  public Replicas(int desired, int current, Set<String> ready) {
    this(desired, current, ready.size(), ready);
  }

  /** Replicas counted only (no ids), as a Kubernetes Deployment's status reports them. */
  public static Replicas counted(int desired, int current, int ready) {
    return new Replicas(desired, current, ready, Set.of());
  }
}
