package dev.alo.engine.synth;

import java.time.Instant;

/**
 * A labelled anomaly window the generator inserted: the points with index in [fromIndex, toIndex),
 * timestamps in [start, end).
 *
 * @param kind what was disturbed
 * @param fromIndex the first affected point
 * @param toIndex one past the last affected point
 * @param start the first affected timestamp
 * @param end the timestamp one interval after the last affected one
 * @param factor by how much the disturbed column was multiplied
 */
public record Anomaly(
    Kind kind, int fromIndex, int toIndex, Instant start, Instant end, double factor) {

  /** Checks that the window is not empty and the factor is positive. */
  public Anomaly {
    if (fromIndex < 0 || toIndex <= fromIndex || !end.isAfter(start) || !(factor > 0)) {
      throw new IllegalArgumentException(
          "anomaly window ["
              + fromIndex
              + ", "
              + toIndex
              + ") from "
              + start
              + " to "
              + end
              + " with factor "
              + factor
              + " (expected a non-empty window and a factor > 0)");
    }
  }

  /** What an anomaly disturbs. */
  public enum Kind {
    /** Users multiplied by 1.5 to 2.5 for 1 to 4 hours; load and response time follow. */
    USERS_SURGE("users_surge", "active_users"),
    /** Response time multiplied by 3 to 6 for 1 to 3 hours (a slow dependency); users unchanged. */
    LATENCY_SPIKE("latency_spike", "response_time");

    private final String label;
    private final String column;

    Kind(String label, String column) {
      this.label = label;
      this.column = column;
    }

    /** The name written in label files, e.g. {@code users_surge}. */
    public String label() {
      return label;
    }

    /** The CSV column the anomaly disturbs first. */
    public String column() {
      return column;
    }
  }

  /** The number of affected points. */
  public int points() {
    return toIndex - fromIndex;
  }

  /** Whether point {@code index} lies in this window. */
  public boolean contains(int index) {
    return index >= fromIndex && index < toIndex;
  }
}
