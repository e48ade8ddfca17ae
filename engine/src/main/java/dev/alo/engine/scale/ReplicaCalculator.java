package dev.alo.engine.scale;

/**
 * The Kubernetes HPA's replica calculator for a per-replica metric with a target value: desired =
 * ceil(replicas with a metric × mean metric / target), the current count while the ratio is within
 * the tolerance. Replicas whose metric is missing count as at the target when scaling down and as 0
 * when scaling up; replicas not ready yet count as 0 when scaling up and are left out otherwise; a
 * change that those assumptions would reverse or bring within the tolerance is no change.
 */
final class ReplicaCalculator {
  /** Absorbs rounding in ratio × count before the ceiling, so 3 × (1.8 / 3 / 0.6) stays 3. */
  private static final double EPSILON = 1e-9;

  /** The calculation's outcome: a replica count and whether the ratio was within tolerance. */
  record Result(int replicas, boolean withinTolerance) {}

  private ReplicaCalculator() {}

  /**
   * The HPA's recommendation, or {@code -1} replicas when no ready replica reported a metric (the
   * HPA then does not scale).
   *
   * @param targetLoad the target load per replica (capacity × target percent / 100)
   */
  static Result recommend(Observation o, double targetLoad, double tolerance) {
    int current = o.desiredReplicas();
    int withMetric = o.metricReplicas();
    if (withMetric == 0) {
      return new Result(-1, false);
    }
    int missing = o.readyReplicas() - withMetric;
    int unready = o.currentReplicas() - o.readyReplicas();
    double sum = o.totalLoad() / targetLoad;
    double ratio = sum / withMetric;
    boolean rebalanceUnready = unready > 0 && ratio > 1;
    if (!rebalanceUnready && missing == 0) {
      if (Math.abs(1 - ratio) <= tolerance) {
        return new Result(current, true);
      }
      return new Result(ceil(ratio * withMetric), false);
    }
    int count = withMetric + missing;
    if (missing > 0 && ratio < 1) {
      sum += missing; // at the target
    }
    if (rebalanceUnready) {
      count += unready; // at 0
    }
    double newRatio = sum / count;
    if (Math.abs(1 - newRatio) <= tolerance) {
      return new Result(current, true);
    }
    if ((ratio < 1 && newRatio > 1) || (ratio > 1 && newRatio < 1)) {
      return new Result(current, false);
    }
    int replicas = ceil(newRatio * count);
    if ((newRatio < 1 && replicas > current) || (newRatio > 1 && replicas < current)) {
      return new Result(current, false);
    }
    return new Result(replicas, false);
  }

  private static int ceil(double x) {
    double c = Math.ceil(x - EPSILON);
    return c >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, c);
  }
}
