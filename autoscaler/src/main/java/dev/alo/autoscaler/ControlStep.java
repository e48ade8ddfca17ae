package dev.alo.autoscaler;

import dev.alo.engine.scale.ScalingDecision;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * What one control interval decided and applied.
 *
 * @param timeMillis when, epoch milliseconds
 * @param decision the policy's decision, or the loop's own hold ({@code metric-unavailable}, {@code
 *     policy-failed})
 * @param before the target's replicas when the interval began
 * @param load the total load of the ready replicas this interval (the last known load on a hold)
 * @param applied whether the target was asked for a new count
 * @param note why the loop held (the metric's or the policy's failure), empty otherwise
 */
public record ControlStep(
    long timeMillis,
    ScalingDecision decision,
    Replicas before,
    double load,
    boolean applied,
    String note) {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);

  /** The rule a hold reports when the metric could not be read. */
  public static final String METRIC_UNAVAILABLE = "metric-unavailable";

  /** The rule a hold reports when the policy failed. */
  public static final String POLICY_FAILED = "policy-failed";

  /** Whether the loop held because the metric could not be read or the policy failed. */
  public boolean held() {
    return decision.rule().equals(METRIC_UNAVAILABLE) || decision.rule().equals(POLICY_FAILED);
  }

  /**
   * One line: time (UTC, to the millisecond), desired, ready, reason, e.g. {@code
   * 2026-12-02T16:00:15.000Z desired=3 ready=2 3 (ratio: utilisation 88.0%, recommended 3)}.
   */
  public String line() {
    String reason =
        held()
            ? "hold at " + decision.desiredReplicas() + " (" + decision.rule() + ": " + note + ")"
            : decision.describe();
    return TIME.format(Instant.ofEpochMilli(timeMillis))
        + " desired="
        + decision.desiredReplicas()
        + " ready="
        + before.readyCount()
        + " "
        + reason;
  }
}
