package dev.alo.engine.scale;

/**
 * What a control loop sees at one control interval, as a Kubernetes HPA sees it.
 *
 * @param timeMillis now, epoch milliseconds
 * @param desiredReplicas the replica count last asked for (the HPA's {@code spec.replicas})
 * @param currentReplicas replicas that exist, ready or still starting
 * @param readyReplicas replicas serving, at most {@code currentReplicas}
 * @param metricReplicas ready replicas whose load could be read, at most {@code readyReplicas}; the
 *     others are the HPA's missing metrics
 * @param totalLoad the load of the last interval summed over the {@code metricReplicas}, ≥ 0
 * @param history the total load of the past intervals, the last one included when known
 */
public record Observation(
    long timeMillis,
    int desiredReplicas,
    int currentReplicas,
    int readyReplicas,
    int metricReplicas,
    double totalLoad,
    LoadHistory history) {

  public Observation {
    if (desiredReplicas < 0 || currentReplicas < 0) {
      throw new IllegalArgumentException(
          "replicas: desired "
              + desiredReplicas
              + ", current "
              + currentReplicas
              + " (expected: >= 0)");
    }
    if (readyReplicas < 0 || readyReplicas > currentReplicas) {
      throw new IllegalArgumentException(
          "ready replicas: " + readyReplicas + " (expected: 0.." + currentReplicas + ")");
    }
    if (metricReplicas < 0 || metricReplicas > readyReplicas) {
      throw new IllegalArgumentException(
          "metric replicas: " + metricReplicas + " (expected: 0.." + readyReplicas + ")");
    }
    if (!(totalLoad >= 0 && totalLoad < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("total load: " + totalLoad + " (expected: >= 0)");
    }
  }

  /** An observation where every ready replica reported its load. */
  public static Observation of(
      long timeMillis,
      int desiredReplicas,
      int currentReplicas,
      int readyReplicas,
      double totalLoad,
      LoadHistory history) {
    return new Observation(
        timeMillis,
        desiredReplicas,
        currentReplicas,
        readyReplicas,
        readyReplicas,
        totalLoad,
        history);
  }

  /** The mean load of the replicas that reported one, 0 when none did. */
  public double loadPerReplica() {
    return metricReplicas == 0 ? 0 : totalLoad / metricReplicas;
  }
}
