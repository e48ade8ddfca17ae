package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import java.time.Duration;
import java.util.List;

/**
 * How fast one direction of target tracking may move, as a Kubernetes HPA's {@code
 * behavior.scaleUp} or {@code behavior.scaleDown}: a stabilization window (scaling down: the
 * highest recommendation within it wins; scaling up: the lowest), rate policies, and which policy
 * applies when several allow different changes.
 *
 * @param stabilizationWindow how far back recommendations count, 0 to 1 hour
 * @param policies the rate limits, at least one unless {@code select} is {@link Select#DISABLED}
 * @param select which policy's limit applies
 */
public record ScalingRules(Duration stabilizationWindow, List<RatePolicy> policies, Select select) {
  /** The longest stabilization window and policy period the HPA accepts. */
  static final Duration MAX_WINDOW = Duration.ofHours(1);

  /** Which of several rate policies applies, as the HPA's {@code selectPolicy}. */
  public enum Select {
    /** The policy allowing the largest change (the default). */
    MAX,
    /** The policy allowing the smallest change. */
    MIN,
    /** No change in this direction at all. */
    DISABLED
  }

  /** A rate policy's unit, as the HPA's {@code Pods} and {@code Percent}. */
  public enum Unit {
    REPLICAS,
    PERCENT
  }

  /**
   * At most {@code value} replicas (or percent of the replicas at the period's start) changed
   * within any {@code period}.
   */
  public record RatePolicy(Unit unit, int value, Duration period) {
    public RatePolicy {
      if (value < 1) {
        throw new InputException("rate policy value: " + value + " (expected: >= 1)");
      }
      if (period.compareTo(Duration.ofSeconds(1)) < 0 || period.compareTo(MAX_WINDOW) > 0) {
        throw new InputException(
            "rate policy period: " + period.toSeconds() + "s (expected: 1s to 1h)");
      }
    }

    /** At most {@code n} replicas per period. */
    public static RatePolicy replicas(int n, Duration period) {
      return new RatePolicy(Unit.REPLICAS, n, period);
    }

    /** At most {@code percent} % of the period's starting replicas per period. */
    public static RatePolicy percent(int percent, Duration period) {
      return new RatePolicy(Unit.PERCENT, percent, period);
    }
  }

  public ScalingRules {
    policies = List.copyOf(policies);
    if (stabilizationWindow.isNegative() || stabilizationWindow.compareTo(MAX_WINDOW) > 0) {
      throw new InputException(
          "stabilization window: " + stabilizationWindow.toSeconds() + "s (expected: 0s to 1h)");
    }
    if (policies.isEmpty() && select != Select.DISABLED) {
      throw new InputException("scaling rules: no rate policy (expected: at least one)");
    }
  }

  /**
   * The HPA's default for scaling up: no stabilization; the larger of 100 % and 4 replicas per 15
   * s.
   */
  public static ScalingRules defaultScaleUp() {
    Duration period = Duration.ofSeconds(15);
    return new ScalingRules(
        Duration.ZERO,
        List.of(RatePolicy.percent(100, period), RatePolicy.replicas(4, period)),
        Select.MAX);
  }

  /** The HPA's default for scaling down: a 300 s stabilization window; 100 % per 15 s. */
  public static ScalingRules defaultScaleDown() {
    return new ScalingRules(
        Duration.ofSeconds(300),
        List.of(RatePolicy.percent(100, Duration.ofSeconds(15))),
        Select.MAX);
  }

  /** The same rules with another stabilization window. */
  public ScalingRules withStabilizationWindow(Duration window) {
    return new ScalingRules(window, policies, select);
  }

  /** The same rules with another select policy. */
  public ScalingRules withSelect(Select newSelect) {
    return new ScalingRules(stabilizationWindow, policies, newSelect);
  }

  /** The longest policy period, in milliseconds (0 without policies). */
  long longestPeriodMillis() {
    long longest = 0;
    for (RatePolicy p : policies) {
      longest = Math.max(longest, p.period().toMillis());
    }
    return longest;
  }
}
