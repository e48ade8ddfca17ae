package dev.alo.autoscaler;

import java.util.Set;

/**
 * What a scaling target has, as a Kubernetes Deployment's status says it.
 *
 * @param desired the replica count last asked for
 * @param current replicas that exist: starting, serving or draining
 * @param ready the serving replicas, by the id the proxy gives them ({@code HOST:PORT})
 */
public record Replicas(int desired, int current, Set<String> ready) {
  public Replicas {
    ready = Set.copyOf(ready);
    if (desired < 0 || current < ready.size()) {
      throw new IllegalArgumentException(
          "replicas: desired "
              + desired
              + ", current "
              + current
              + ", ready "
              + ready.size()
              + " (expected: desired >= 0, current >= ready)");
    }
  }
}
