package dev.alo.engine.sim;

import java.util.List;

/**
 * Per-server load over time, for plots: for each interval ending at {@code times()[k]}, each
 * server's utilisation (busy-worker fraction) and mean requests in flight. NaN where a server was
 * not in the pool. The last interval may be shorter (it ends with the run); one shorter than a
 * tenth of an interval is left out.
 */
public final class LoadSeries {
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
