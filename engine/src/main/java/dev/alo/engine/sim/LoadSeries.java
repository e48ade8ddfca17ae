package dev.alo.engine.sim;

import java.util.List;

/**
 * Per-server load over time, for plots: for each interval ending at {@code times()[k]}, each
 * server's utilisation (busy-worker fraction) and mean requests in flight. NaN where a server was
 * not in the pool. The last interval may be shorter (it ends with the run); one shorter than a
 * tenth of an interval is left out. A run keeps at most {@link #maxIntervals(int)} intervals: when
 * it would hold more, neighbouring intervals merge two by two and the interval doubles.
 */
public final class LoadSeries {
  /** The most intervals of a series, for small pools. */
  public static final int MAX_INTERVALS = 200;

  /** The most values (intervals × servers) of each measure, for large pools. */
  public static final int MAX_VALUES = 1_000_000;

  /** The fewest intervals a series may be cut down to, however large the pool. */
  public static final int MIN_INTERVALS = 8;

  private final List<String> serverIds;
  private final double[] times;
  private final double[][] utilization;
  private final double[][] inFlight;

  LoadSeries(List<String> serverIds, double[] times, double[][] utilization, double[][] inFlight) {
    this.serverIds = List.copyOf(serverIds);
    this.times = times;
    this.utilization = utilization;
    this.inFlight = inFlight;
  }

  /**
   * The most intervals a run over {@code servers} initial servers keeps: {@value #MAX_INTERVALS},
   * fewer for pools over {@value #MAX_VALUES} ÷ {@value #MAX_INTERVALS} servers so that a measure
   * holds at most about {@value #MAX_VALUES} values, but at least {@value #MIN_INTERVALS}; always
   * even.
   */
  public static int maxIntervals(int servers) {
    int n = Math.max(MIN_INTERVALS, Math.min(MAX_INTERVALS, MAX_VALUES / Math.max(1, servers)));
    return n & ~1;
  }

  public List<String> serverIds() {
    return serverIds;
  }

  /** End of each interval, simulated seconds. */
  public double[] times() {
    return times.clone();
  }

  /** Server {@code i}'s utilisation in each interval. */
  public double[] utilization(int server) {
    return utilization[server].clone();
  }

  /** Server {@code i}'s time-average requests in flight in each interval. */
  public double[] inFlight(int server) {
    return inFlight[server].clone();
  }
}
