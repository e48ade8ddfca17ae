package dev.alo.engine.synth;

import dev.alo.engine.series.TimeSeries;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Generated usage: a regular time axis and three columns of equal length, rounded the way they are
 * written (users whole, load to 0.01 %, response time to 0.1 ms), plus the anomaly labels.
 */
public final class SyntheticUsage {
  private final UsageProfile profile;
  private final long[] times;
  private final double[] activeUsers;
  private final double[] serverLoad;
  private final double[] responseTime;
  private final List<Anomaly> anomalies;

  SyntheticUsage(
      UsageProfile profile,
      long[] times,
      double[] activeUsers,
      double[] serverLoad,
      double[] responseTime,
      List<Anomaly> anomalies) {
    this.profile = profile;
    this.times = times;
    this.activeUsers = activeUsers;
    this.serverLoad = serverLoad;
    this.responseTime = responseTime;
    this.anomalies = List.copyOf(anomalies);
  }

  /** The profile this was generated from. */
  public UsageProfile profile() {
    return profile;
  }

  public int size() {
    return times.length;
  }

  public Instant start() {
    return profile.start();
  }

  public Duration interval() {
    return profile.interval();
  }

  /** The timestamp of point {@code i}, epoch milliseconds. */
  public long timeAt(int i) {
    return times[i];
  }

  /** A copy of the timestamps, epoch milliseconds (UTC). */
  public long[] times() {
    return times.clone();
  }

  /** A copy of the active users, whole numbers >= 0. */
  public double[] activeUsers() {
    return activeUsers.clone();
  }

  /** A copy of the server load, percent in [0, 100]. */
  public double[] serverLoad() {
    return serverLoad.clone();
  }

  /** A copy of the response time, milliseconds > 0. */
  public double[] responseTime() {
    return responseTime.clone();
  }

  double activeUsersAt(int i) {
    return activeUsers[i];
  }

  double serverLoadAt(int i) {
    return serverLoad[i];
  }

  double responseTimeAt(int i) {
    return responseTime[i];
  }

  /** The anomaly windows in time order; empty when none were asked for. */
  public List<Anomaly> anomalies() {
    return anomalies;
  }

  /** The three columns as series named as in the CSV, with units {@code users}, {@code %}, ms. */
  public List<TimeSeries> toSeries() {
    return List.of(
        TimeSeries.of("active_users", times, activeUsers, Optional.of("users")),
        TimeSeries.of("server_load", times, serverLoad, Optional.of("%")),
        TimeSeries.of("response_time", times, responseTime, Optional.of("ms")));
  }
}
