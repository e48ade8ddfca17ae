package dev.alo.engine.synth;

import dev.alo.engine.stats.SeededRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Places anomaly windows: the series is cut into as many equal segments as anomalies, and each
 * segment gets one window at a random place inside it, at least one point away from its edges, so
 * windows never overlap or touch.
 */
final class AnomalyPlanner {
  private static final int MAX_HOURS = 4;

  private AnomalyPlanner() {}

  /**
   * The most anomalies that fit: each needs a segment two points longer than the longest window.
   */
  static int maxAnomalies(int points, Duration interval) {
    return points / (windowPoints(MAX_HOURS, interval) + 2);
  }

  static List<Anomaly> plan(
      int count, int points, Instant start, Duration interval, SeededRandom random) {
    List<Anomaly> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int segmentStart = (int) ((long) i * points / count);
      int segmentEnd = (int) ((long) (i + 1) * points / count);
      boolean surge = random.uniform() < 0.5;
      Anomaly.Kind kind = surge ? Anomaly.Kind.USERS_SURGE : Anomaly.Kind.LATENCY_SPIKE;
      int hours = surge ? random.uniformInt(1, MAX_HOURS) : random.uniformInt(1, 3);
      double factor = surge ? random.uniform(1.5, 2.5) : random.uniform(3, 6);
      factor = Math.round(factor * 100) / 100.0;
      int width = windowPoints(hours, interval);
      int from = random.uniformInt(segmentStart + 1, segmentEnd - width);
      int to = from + width;
      out.add(
          new Anomaly(
              kind,
              from,
              to,
              start.plus(interval.multipliedBy(from)),
              start.plus(interval.multipliedBy(to)),
              factor));
    }
    return List.copyOf(out);
  }

  /** Points covered by a window of {@code hours}: at least one. */
  private static int windowPoints(int hours, Duration interval) {
    long seconds = hours * 3600L;
    long step = interval.toSeconds();
    return (int) Math.max(1, (seconds + step - 1) / step);
  }
}
