package dev.alo.engine.scale;

import java.util.OptionalDouble;

/** The prototype's rule: one step up above a utilisation, one step down below another. */
final class ThresholdPolicy implements ScalingPolicy {
  private final ScalingConfig config;
  private final long cooldownMillis;
  private long lastChange = Long.MIN_VALUE;

  ThresholdPolicy(ScalingConfig config) {
    this.config = config;
    this.cooldownMillis = config.cooldown().toMillis();
  }

  @Override
  public String name() {
    return PolicyName.THRESHOLD.canonicalName();
  }

  @Override
  public ScalingDecision decide(Observation o) {
    double utilization = utilization(o, config.capacityPerReplica());
    int current = o.desiredReplicas();
    int recommendation = current;
    String rule = "hold";
    if (utilization > config.scaleUpAbove()) {
      recommendation = current + config.step();
      rule = "scale-up";
    } else if (utilization < config.scaleDownBelow()) {
      recommendation = current - config.step();
      rule = "scale-down";
    }
    int desired = Math.clamp(recommendation, config.minReplicas(), config.maxReplicas());
    if (desired != current
        && lastChange != Long.MIN_VALUE
        && o.timeMillis() - lastChange < cooldownMillis) {
      return new ScalingDecision(
          current, "cooldown", utilization, recommendation, OptionalDouble.empty());
    }
    if (desired != current) {
      lastChange = o.timeMillis();
    }
    return new ScalingDecision(desired, rule, utilization, recommendation, OptionalDouble.empty());
  }

  /**
   * The mean utilisation percent of the replicas that reported a load; with none, infinite when
   * load arrived and 0 otherwise.
   */
  static double utilization(Observation o, double capacity) {
    if (o.metricReplicas() == 0) {
      return o.totalLoad() > 0 ? Double.POSITIVE_INFINITY : 0;
    }
    return 100 * o.loadPerReplica() / capacity;
  }
}
