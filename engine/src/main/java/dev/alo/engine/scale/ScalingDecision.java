package dev.alo.engine.scale;

import java.util.Locale;
import java.util.OptionalDouble;

/**
 * A policy's answer for one control interval and why.
 *
 * @param desiredReplicas the replica count to ask for
 * @param rule what decided it, one word per rule: {@code scale-up}, {@code scale-down}, {@code
 *     hold}, {@code cooldown} (threshold); {@code tolerance}, {@code ratio}, {@code stabilized},
 *     {@code rate-limited}, {@code min}, {@code max}, {@code no-metrics}, {@code disabled}
 *     (target-tracking); {@code plan}, {@code floor} (predictive, with {@code stabilized}, {@code
 *     min}, {@code max}); {@code oracle}, {@code static-peak}
 * @param utilization the utilisation percent the policy read from the observation (the mean over
 *     the replicas that reported a load); infinite when load arrived at no ready replica
 * @param recommendation the policy's count before stabilization, rate limits and bounds
 * @param forecastPeak the forecast interval's upper bound over the planning window, when a forecast
 *     was used
 */
public record ScalingDecision(
    int desiredReplicas,
    String rule,
    double utilization,
    int recommendation,
    OptionalDouble forecastPeak) {

  public ScalingDecision {
    if (desiredReplicas < 0) {
      throw new IllegalArgumentException(
          "desired replicas: " + desiredReplicas + " (expected: >= 0)");
    }
  }

  /** A one-line account, e.g. {@code 7 (ratio: utilisation 78.0%, recommended 7)}. */
  public String describe() {
    StringBuilder s =
        new StringBuilder()
            .append(desiredReplicas)
            .append(" (")
            .append(rule)
            .append(": utilisation ")
            .append(
                Double.isInfinite(utilization)
                    ? "inf"
                    : String.format(Locale.ROOT, "%.1f", utilization))
            .append("%, recommended ")
            .append(recommendation);
    forecastPeak.ifPresent(
        p -> s.append(", forecast peak ").append(String.format(Locale.ROOT, "%.3g", p)));
    return s.append(')').toString();
  }
}
