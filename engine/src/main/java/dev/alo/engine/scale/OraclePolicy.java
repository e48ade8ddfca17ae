package dev.alo.engine.scale;

import dev.alo.engine.forecast.RegularSeries;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The evaluation bounds that know the demand: {@code oracle} asks at each interval for the most
 * replicas any interval needs until replicas asked for now are ready (needed = ceil(load /
 * (capacity × SLO utilisation)) within the min and max), so every interval has enough; {@code
 * static-peak} always asks for what the highest interval needs.
 */
final class OraclePolicy implements ScalingPolicy {
  private final String name;
  private final ScalingConfig config;
  private final long startMillis;
  private final long stepMillis;
  private final int[] plan;

  private OraclePolicy(String name, ScalingConfig config, RegularSeries demand, int[] plan) {
    this.name = name;
    this.config = config;
    this.startMillis = demand.startMillis();
    this.stepMillis = demand.stepMillis();
    this.plan = plan;
  }

  OraclePolicy(ScalingConfig config, RegularSeries demand) {
    this(
        PolicyName.ORACLE.canonicalName(),
        config,
        demand,
        aheadMax(
            needs(config, demand),
            (int) Math.ceilDiv(config.provisioningDelay().toMillis(), demand.stepMillis())));
  }

  static OraclePolicy staticPeak(ScalingConfig config, RegularSeries demand) {
    int[] need = needs(config, demand);
    int peak = config.minReplicas();
    for (int v : need) {
      peak = Math.max(peak, v);
    }
    Arrays.fill(need, peak);
    return new OraclePolicy(PolicyName.STATIC_PEAK.canonicalName(), config, demand, need);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ScalingDecision decide(Observation o) {
    double utilization = ThresholdPolicy.utilization(o, config.capacityPerReplica());
    int desired = config.minReplicas();
    if (plan.length > 0) {
      long i = Math.floorDiv(o.timeMillis() - startMillis, stepMillis);
      desired = plan[Math.clamp(i, 0, plan.length - 1)];
    }
    return new ScalingDecision(desired, name, utilization, desired, OptionalDouble.empty());
  }

  private static int[] needs(ScalingConfig config, RegularSeries demand) {
    double perReplica = config.capacityPerReplica() * config.sloUtilization() / 100;
    int[] need = new int[demand.size()];
    for (int i = 0; i < need.length; i++) {
      double c = Math.ceil(Math.max(0, demand.valueAt(i)) / perReplica - 1e-9);
      need[i] = (int) Math.clamp(c, config.minReplicas(), config.maxReplicas());
    }
    return need;
  }

  /** out[i] = max(need[i..i + ahead]), by a monotonic deque. */
  private static int[] aheadMax(int[] need, int ahead) {
    int n = need.length;
    int[] out = new int[n];
    ArrayDeque<Integer> window = new ArrayDeque<>();
    int next = 0;
    for (int i = 0; i < n; i++) {
      while (next < n && next <= i + ahead) {
        while (!window.isEmpty() && need[window.peekLast()] <= need[next]) {
          window.pollLast();
        }
        window.addLast(next++);
      }
      while (window.peekFirst() < i) {
        window.pollFirst();
      }
      out[i] = need[window.peekFirst()];
    }
    return out;
  }
}
