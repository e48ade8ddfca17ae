package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import java.util.List;

/**
 * Decides the replica count each control interval from what the loop observes. An instance serves
 * one loop: it remembers its recent recommendations and scaling events (stabilization, rate limits,
 * cooldown, forecasts) and must be called with observations in time order, from one thread at a
 * time. Deterministic: the same observations give the same decisions.
 *
 * <p>Policies by name (see {@link PolicyName}): {@code threshold}, {@code target-tracking}, {@code
 * predictive}, and for evaluation only {@code oracle} and {@code static-peak}, which know the
 * demand ahead.
 */
public interface ScalingPolicy {
  /** The policy's name, e.g. {@code target-tracking}. */
  String name();

  /** The replica count to ask for now, and why. */
  ScalingDecision decide(Observation observation);

  /**
   * The prototype's rule made configurable: mean utilisation above {@link
   * ScalingConfig#scaleUpAbove()} adds {@link ScalingConfig#step()} replicas, below {@link
   * ScalingConfig#scaleDownBelow()} removes as many, not sooner than {@link
   * ScalingConfig#cooldown()} after the last change, within the min and max.
   */
  static ScalingPolicy threshold(ScalingConfig config) {
    return new ThresholdPolicy(config);
  }

  /**
   * The Kubernetes HPA algorithm: desired = ceil(ready × utilisation / target), no change within
   * the tolerance, missing metrics and not-ready replicas as the HPA's replica calculator treats
   * them, then the scale-up and scale-down behaviours (stabilization windows, rate policies) and
   * the min and max.
   */
  static ScalingPolicy targetTracking(ScalingConfig config) {
    return new TargetTrackingPolicy(config);
  }

  /**
   * Forecast-driven: enough replicas that the forecast interval's upper bound over [now, now +
   * provisioning delay + buffer] stays at the SLO utilisation, never fewer than target tracking at
   * the reactive target asks for; scaling in only to the highest desired count of the scale-in
   * window.
   */
  static ScalingPolicy predictive(ScalingConfig config) {
    return new PredictivePolicy(config);
  }

  /**
   * A bound for evaluation: knows the demand ahead and keeps exactly enough replicas at the SLO
   * utilisation for every interval until the replicas it asks for now are ready.
   *
   * @param demand the load of every control interval, in the observations' unit and step
   */
  static ScalingPolicy oracle(ScalingConfig config, RegularSeries demand) {
    return new OraclePolicy(config, demand);
  }

  /**
   * A bound for evaluation: always enough replicas for the demand's peak at the SLO utilisation.
   *
   * @param demand the load of every control interval, in the observations' unit
   */
  static ScalingPolicy staticPeak(ScalingConfig config, RegularSeries demand) {
    return OraclePolicy.staticPeak(config, demand);
  }

  /**
   * A new policy for a live loop by name (case-insensitive), as {@link PolicyName#parse}.
   *
   * @throws InputException for an unknown name (the message lists the valid names) or for an
   *     evaluation-only policy, which needs the demand ahead
   */
  static ScalingPolicy byName(String name, ScalingConfig config) {
    PolicyName policy = PolicyName.parse(name);
    if (policy.evaluationOnly()) {
      throw new InputException(
          "policy '"
              + policy
              + "' knows the demand ahead: it exists for replays only (expected one of:"
              + " threshold, target-tracking, predictive)");
    }
    return policy.create(config, RegularSeries.of(0, 1, new double[0]));
  }

  /**
   * A new policy by name (case-insensitive), as {@link PolicyName#parse}, for a replay.
   *
   * @param demand the demand ahead, used only by the evaluation bounds {@code oracle} and {@code
   *     static-peak}
   * @throws InputException for an unknown name; the message lists the valid names
   */
  static ScalingPolicy byName(String name, ScalingConfig config, RegularSeries demand) {
    return PolicyName.parse(name).create(config, demand);
  }

  /** Every policy name, in a fixed order (for {@code --policy all}). */
  static List<String> names() {
    return PolicyName.NAMES;
  }
}
