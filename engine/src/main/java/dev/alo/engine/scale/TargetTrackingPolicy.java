package dev.alo.engine.scale;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.OptionalDouble;

/**
 * The Kubernetes HPA with {@code behavior}: the replica calculator's recommendation, stabilized
 * (scaling down: the highest recommendation of the scale-down window; scaling up: the lowest of the
 * scale-up window), then limited by the rate policies of the direction and by the min and max, as
 * the HPA controller's {@code normalizeDesiredReplicasWithBehaviors} does.
 */
final class TargetTrackingPolicy implements ScalingPolicy {
  private record Recommendation(long time, int replicas) {}

  private record Event(long time, int change) {}

  private final ScalingConfig config;
  private final double targetLoad;
  private final long upWindow;
  private final long downWindow;
  private final ArrayDeque<Recommendation> recommendations = new ArrayDeque<>();
  private final ArrayDeque<Event> upEvents = new ArrayDeque<>();
  private final ArrayDeque<Event> downEvents = new ArrayDeque<>();

  TargetTrackingPolicy(ScalingConfig config) {
    this.config = config;
    this.targetLoad = config.capacityPerReplica() * config.target() / 100;
    this.upWindow = config.scaleUp().stabilizationWindow().toMillis();
    this.downWindow = config.scaleDown().stabilizationWindow().toMillis();
  }

  @Override
  public String name() {
    return PolicyName.TARGET_TRACKING.canonicalName();
  }

  @Override
  public ScalingDecision decide(Observation o) {
    long now = o.timeMillis();
    int current = o.desiredReplicas();
    double utilization = ThresholdPolicy.utilization(o, config.capacityPerReplica());
    if (recommendations.isEmpty()) {
      recommendations.add(new Recommendation(now, current));
    }
    if (current == 0 && config.minReplicas() != 0) {
      return decision(0, "disabled", utilization, 0);
    }
    if (current > config.maxReplicas()) {
      return changed(o, config.maxReplicas(), "max", utilization, current);
    }
    if (current < config.minReplicas()) {
      return changed(o, config.minReplicas(), "min", utilization, current);
    }
    ReplicaCalculator.Result r = ReplicaCalculator.recommend(o, targetLoad, config.tolerance());
    if (r.replicas() < 0) {
      return decision(current, "no-metrics", utilization, current);
    }
    int stabilized = stabilize(r.replicas(), current, now);
    int desired = limitRate(stabilized, current, now);
    String rule;
    if (desired != stabilized) {
      rule =
          desired == config.maxReplicas() && stabilized > desired
              ? "max"
              : desired == config.minReplicas() && stabilized < desired ? "min" : "rate-limited";
    } else if (stabilized != r.replicas()) {
      rule = "stabilized";
    } else {
      rule = r.withinTolerance() ? "tolerance" : "ratio";
    }
    return changed(o, desired, rule, utilization, r.replicas());
  }

  private ScalingDecision changed(
      Observation o, int desired, String rule, double utilization, int recommendation) {
    int current = o.desiredReplicas();
    if (desired > current) {
      record(upEvents, o.timeMillis(), desired - current, config.scaleUp());
    } else if (desired < current) {
      record(downEvents, o.timeMillis(), current - desired, config.scaleDown());
    }
    return decision(desired, rule, utilization, recommendation);
  }

  private static ScalingDecision decision(
      int desired, String rule, double utilization, int recommendation) {
    return new ScalingDecision(desired, rule, utilization, recommendation, OptionalDouble.empty());
  }

  /**
   * Brings the current count within the lowest recommendation of the scale-up window and the
   * highest of the scale-down window (the new one included), then records the new one.
   */
  private int stabilize(int recommended, int current, long now) {
    long forget = now - Math.max(upWindow, downWindow);
    while (!recommendations.isEmpty() && recommendations.peekFirst().time() <= forget) {
      recommendations.removeFirst();
    }
    int up = recommended;
    int down = recommended;
    for (Recommendation r : recommendations) {
      if (r.time() > now - upWindow) {
        up = Math.min(up, r.replicas());
      }
      if (r.time() > now - downWindow) {
        down = Math.max(down, r.replicas());
      }
    }
    recommendations.addLast(new Recommendation(now, recommended));
    return Math.min(Math.max(current, up), down);
  }

  /** The HPA's {@code convertDesiredReplicasWithBehaviorRate}. */
  private int limitRate(int desired, int current, long now) {
    if (desired > current) {
      int limit = Math.max(current, scaleUpLimit(current, now));
      return Math.min(desired, Math.min(config.maxReplicas(), limit));
    }
    if (desired < current) {
      int limit = Math.min(current, scaleDownLimit(current, now));
      return Math.max(desired, Math.max(config.minReplicas(), limit));
    }
    return desired;
  }

  private int scaleUpLimit(int current, long now) {
    ScalingRules rules = config.scaleUp();
    if (rules.select() == ScalingRules.Select.DISABLED) {
      return current;
    }
    boolean min = rules.select() == ScalingRules.Select.MIN;
    long result = min ? Integer.MAX_VALUE : Integer.MIN_VALUE;
    for (ScalingRules.RatePolicy p : rules.policies()) {
      long start = periodStart(current, p, now);
      long proposed =
          p.unit() == ScalingRules.Unit.REPLICAS
              ? start + p.value()
              : (long) Math.ceil(start * (1 + p.value() / 100.0));
      result = min ? Math.min(result, proposed) : Math.max(result, proposed);
    }
    return Math.clamp(result, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private int scaleDownLimit(int current, long now) {
    ScalingRules rules = config.scaleDown();
    if (rules.select() == ScalingRules.Select.DISABLED) {
      return current;
    }
    boolean min = rules.select() == ScalingRules.Select.MIN;
    long result = min ? Integer.MIN_VALUE : Integer.MAX_VALUE;
    for (ScalingRules.RatePolicy p : rules.policies()) {
      long start = periodStart(current, p, now);
      long proposed =
          p.unit() == ScalingRules.Unit.REPLICAS
              ? start - p.value()
              : (long) (start * (1 - p.value() / 100.0));
      result = min ? Math.max(result, proposed) : Math.min(result, proposed);
    }
    return Math.clamp(result, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  /** The replicas at the start of the policy's period: current − added + removed within it. */
  private long periodStart(int current, ScalingRules.RatePolicy p, long now) {
    long cutoff = now - p.period().toMillis();
    return (long) current - changesAfter(upEvents, cutoff) + changesAfter(downEvents, cutoff);
  }

  private static long changesAfter(ArrayDeque<Event> events, long cutoff) {
    long sum = 0;
    for (Event e : events) {
      if (e.time() > cutoff) {
        sum += e.change();
      }
    }
    return sum;
  }

  private static void record(ArrayDeque<Event> events, long now, int change, ScalingRules rules) {
    long forget = now - rules.longestPeriodMillis();
    for (Iterator<Event> it = events.iterator(); it.hasNext(); ) {
      if (it.next().time() <= forget) {
        it.remove();
      }
    }
    events.addLast(new Event(now, change));
  }
}
