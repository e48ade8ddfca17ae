package dev.alo.engine.synth;

import dev.alo.engine.InputException;
import dev.alo.engine.time.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What {@link UsageGenerator} generates: the time axis, the seed and the usage model's parameters.
 * Build one with {@link #builder()}; {@link #defaults()} is the documented default model.
 *
 * <p>Model, at each timestamp t (UTC), with h the hour of day (fractional) and d the days since
 * {@code start}:
 *
 * <pre>
 * mean(t)   = (baseUsers + dailyAmplitude·sin(π·(h − peakHour + 6)/12) − weekendDrop·[Sat/Sun])
 *             · max(0, 1 + trendPercentPer30Days/100 · d/30) · (holidayFactor on a holiday, else 1)
 * users     = round(max(0, mean·(1 + e)) · surge), e an Ornstein–Uhlenbeck noise with standard
 *             deviation {@code noise} and correlation time 2 h
 * load %    = clamp(100·users/capacityUsers + N(0, 1.5), 0, 100), 2 decimals
 * response  = baseResponseMillis / (1 − min(load/100, 0.95)) · exp(0.05·N(0, 1)) · spike, ms,
 *             1 decimal
 * </pre>
 *
 * With the default peak hour 14 the daily term is 300·sin(π·(h − 8)/12): highest at 14:00, lowest
 * at 02:00.
 *
 * @param start the first timestamp
 * @param days how many days to cover, 1 to {@value #MAX_DAYS}
 * @param interval the step between timestamps, a whole number of seconds, at least 1 s
 * @param seed the random seed
 * @param baseUsers the mean number of users over a weekday, before trend
 * @param dailyAmplitude the height of the daily wave above (and depth below) the base
 * @param peakHour the hour of day (UTC, 0 to 24) of the daily maximum
 * @param weekendDrop users fewer on Saturdays and Sundays
 * @param noise the standard deviation of the relative noise on users (0.05 = 5 %)
 * @param trendPercentPer30Days linear growth of the mean users, percent of the starting level per
 *     30 days (negative shrinks)
 * @param holidays dates (UTC) on which the users fall to {@code holidayFactor} of the usual
 * @param holidayFactor the users on a holiday relative to a normal day, 0 to 1
 * @param anomalies how many labelled anomaly windows to insert
 * @param capacityUsers the users at which the server load reaches 100 %
 * @param baseResponseMillis the response time of an idle server, ms
 */
public record UsageProfile(
    Instant start,
    int days,
    Duration interval,
    long seed,
    double baseUsers,
    double dailyAmplitude,
    double peakHour,
    double weekendDrop,
    double noise,
    double trendPercentPer30Days,
    List<LocalDate> holidays,
    double holidayFactor,
    int anomalies,
    double capacityUsers,
    double baseResponseMillis) {

  /** The default first timestamp, fixed so that output never depends on the clock. */
  public static final Instant DEFAULT_START = Instant.parse("2024-01-01T00:00:00Z");

  /** The default number of days. */
  public static final int DEFAULT_DAYS = 90;

  /** The largest number of days accepted. */
  public static final int MAX_DAYS = 3650;

  /** The default seed. */
  public static final long DEFAULT_SEED = 42;

  /** The default interval between timestamps. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

  /** The most points one profile may generate. */
  public static final long MAX_POINTS = 10_000_000L;

  private static final Instant LATEST_END = Instant.parse("9999-12-31T23:59:59Z");

  /** Validates every parameter and copies the holidays (sorted, without duplicates). */
  public UsageProfile {
    if (!start.truncatedTo(ChronoUnit.SECONDS).equals(start)
        || start.isBefore(Instant.EPOCH)
        || start.isAfter(LATEST_END)) {
      throw new InputException(
          "start: "
              + start
              + " (expected whole seconds between 1970-01-01T00:00:00Z and 9999-12-31)");
    }
    if (days < 1 || days > MAX_DAYS) {
      throw new InputException("days: " + days + " (expected 1 to " + MAX_DAYS + ")");
    }
    if (interval.isNegative()
        || interval.isZero()
        || interval.toNanosPart() != 0
        || interval.compareTo(Duration.ofDays(days)) > 0) {
      throw new InputException(
          "interval: "
              + Durations.format(interval)
              + " (expected a whole number of seconds, at least 1 s and at most "
              + days
              + " days)");
    }
    if (start.plus(Duration.ofDays(days)).isAfter(LATEST_END)) {
      throw new InputException(
          "start: " + start + " plus " + days + " days ends after 9999-12-31 (expected earlier)");
    }
    long points = Duration.ofDays(days).toSeconds() / interval.toSeconds();
    if (points > MAX_POINTS) {
      throw new InputException(
          "interval "
              + Durations.format(interval)
              + " over "
              + days
              + " days gives "
              + points
              + " points (expected at most "
              + MAX_POINTS
              + ": use a longer interval or fewer days)");
    }
    requireRange("baseUsers", baseUsers, 0, 1e9);
    requireRange("dailyAmplitude", dailyAmplitude, 0, 1e9);
    requireRange("peakHour", peakHour, 0, 24);
    requireRange("weekendDrop", weekendDrop, 0, 1e9);
    requireRange("noise", noise, 0, 0.5);
    requireRange("trendPercentPer30Days", trendPercentPer30Days, -100, 1000);
    requireRange("holidayFactor", holidayFactor, 0, 1);
    requireRange("capacityUsers", capacityUsers, 1, 1e9);
    requireRange("baseResponseMillis", baseResponseMillis, 0.1, 1e6);
    int maxAnomalies = maxAnomalies(days, interval);
    if (anomalies < 0 || anomalies > maxAnomalies) {
      throw new InputException(
          "anomalies: "
              + anomalies
              + " (expected 0 to "
              + maxAnomalies
              + " for "
              + days
              + " days at "
              + Durations.format(interval)
              + ")");
    }
    holidays = List.copyOf(new TreeSet<>(holidays));
  }

  /**
   * The most anomaly windows that fit in {@code days} at {@code interval}: each needs a stretch two
   * points longer than the longest window (4 h).
   */
  public static int maxAnomalies(int days, Duration interval) {
    int points =
        (int) Math.min(MAX_POINTS, Duration.ofDays(days).toSeconds() / interval.toSeconds());
    return AnomalyPlanner.maxAnomalies(points, interval);
  }

  private static void requireRange(String name, double value, double low, double high) {
    if (!(value >= low && value <= high)) {
      throw new InputException(name + ": " + value + " (expected " + low + " to " + high + ")");
    }
  }

  /** The documented default profile: 90 days hourly from 2024-01-01, seed 42. */
  public static UsageProfile defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this profile. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.start = start;
    b.days = days;
    b.interval = interval;
    b.seed = seed;
    b.baseUsers = baseUsers;
    b.dailyAmplitude = dailyAmplitude;
    b.peakHour = peakHour;
    b.weekendDrop = weekendDrop;
    b.noise = noise;
    b.trendPercentPer30Days = trendPercentPer30Days;
    b.holidays.addAll(holidays);
    b.holidayFactor = holidayFactor;
    b.anomalies = anomalies;
    b.capacityUsers = capacityUsers;
    b.baseResponseMillis = baseResponseMillis;
    return b;
  }

  /** The number of timestamps: whole intervals that fit in {@code days}. */
  public int points() {
    return (int) (Duration.ofDays(days).toSeconds() / interval.toSeconds());
  }

  /** Builds a {@link UsageProfile}; every setter keeps the default until called. */
  public static final class Builder {
    private Instant start = DEFAULT_START;
    private int days = DEFAULT_DAYS;
    private Duration interval = DEFAULT_INTERVAL;
    private long seed = DEFAULT_SEED;
    private double baseUsers = 1000;
    private double dailyAmplitude = 300;
    private double peakHour = 14;
    private double weekendDrop = 200;
    private double noise = 0.05;
    private double trendPercentPer30Days = 0;
    private final SortedSet<LocalDate> holidays = new TreeSet<>();
    private double holidayFactor = 0.6;
    private int anomalies = 0;
    private double capacityUsers = 2000;
    private double baseResponseMillis = 100;

    private Builder() {}

    public Builder start(Instant value) {
      start = value;
      return this;
    }

    public Builder days(int value) {
      days = value;
      return this;
    }

    public Builder interval(Duration value) {
      interval = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public Builder baseUsers(double value) {
      baseUsers = value;
      return this;
    }

    public Builder dailyAmplitude(double value) {
      dailyAmplitude = value;
      return this;
    }

    public Builder peakHour(double value) {
      peakHour = value;
      return this;
    }

    public Builder weekendDrop(double value) {
      weekendDrop = value;
      return this;
    }

    public Builder noise(double value) {
      noise = value;
      return this;
    }

    public Builder trendPercentPer30Days(double value) {
      trendPercentPer30Days = value;
      return this;
    }

    /** Replaces the holidays. */
    public Builder holidays(List<LocalDate> value) {
      holidays.clear();
      holidays.addAll(value);
      return this;
    }

    public Builder holidayFactor(double value) {
      holidayFactor = value;
      return this;
    }

    public Builder anomalies(int value) {
      anomalies = value;
      return this;
    }

    public Builder capacityUsers(double value) {
      capacityUsers = value;
      return this;
    }

    public Builder baseResponseMillis(double value) {
      baseResponseMillis = value;
      return this;
    }

    /**
     * The profile.
     *
     * @throws InputException naming the first parameter out of its range and the range
     */
    public UsageProfile build() {
      return new UsageProfile(
          start,
          days,
          interval,
          seed,
          baseUsers,
          dailyAmplitude,
          peakHour,
          weekendDrop,
          noise,
          trendPercentPer30Days,
          new ArrayList<>(holidays),
          holidayFactor,
          anomalies,
          capacityUsers,
          baseResponseMillis);
    }
  }
}
