package dev.alo.engine.synth;

import dev.alo.engine.stats.SeededRandom;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Generates {@link SyntheticUsage} from a {@link UsageProfile} (the model is documented there).
 * Deterministic: the same profile gives the same numbers on every JDK, because the randomness is a
 * seeded {@link SeededRandom} (which reads {@code SplittableRandom.nextLong} only) and all
 * transcendental functions are {@link StrictMath}. Users, load, response time and anomalies each
 * draw from their own split stream, so adding anomalies leaves every point outside their windows
 * unchanged.
 */
public final class UsageGenerator {
  /** Correlation time of the users noise. */
  private static final double NOISE_CORRELATION_SECONDS = 2 * 3600;

  /** Standard deviation of the load noise, percentage points. */
  private static final double LOAD_NOISE = 1.5;

  /** Utilisation at which the response time stops growing (20 × the idle response time). */
  private static final double MAX_UTILISATION = 0.95;

  /** Standard deviation of the log of the response time noise. */
  private static final double RESPONSE_NOISE = 0.05;

  private static final long SECONDS_PER_DAY = 86_400;

  private UsageGenerator() {}

  /** Generates the usage the profile describes. */
  public static SyntheticUsage generate(UsageProfile p) {
    int n = p.points();
    long step = p.interval().toSeconds();
    long startSecond = p.start().getEpochSecond();
    SeededRandom root = new SeededRandom(p.seed());
    SeededRandom usersNoise = root.split();
    SeededRandom loadNoise = root.split();
    SeededRandom responseNoise = root.split();
    SeededRandom anomalyDraws = root.split();
    List<Anomaly> anomalies =
        AnomalyPlanner.plan(p.anomalies(), n, p.start(), p.interval(), anomalyDraws);
    double[] surge = factors(n, anomalies, Anomaly.Kind.USERS_SURGE);
    double[] spike = factors(n, anomalies, Anomaly.Kind.LATENCY_SPIKE);
    Set<Long> holidays = new HashSet<>();
    for (LocalDate d : p.holidays()) {
      holidays.add(d.toEpochDay());
    }

    double phi = StrictMath.exp(-step / NOISE_CORRELATION_SECONDS);
    double innovation = p.noise() * StrictMath.sqrt(1 - phi * phi);
    double e = p.noise() * usersNoise.gaussian();

    long[] times = new long[n];
    double[] users = new double[n];
    double[] load = new double[n];
    double[] response = new double[n];
    for (int i = 0; i < n; i++) {
      long second = startSecond + i * step;
      times[i] = second * 1000;
      if (i > 0) {
        e = phi * e + innovation * usersNoise.gaussian();
      }
      double mean =
          meanUsers(p, second, (second - startSecond) / (double) SECONDS_PER_DAY, holidays);
      users[i] = Math.round(Math.max(0, mean * (1 + e)) * surge[i]);
      double l = 100 * users[i] / p.capacityUsers() + LOAD_NOISE * loadNoise.gaussian();
      load[i] = Math.round(clamp(l, 0, 100) * 100) / 100.0;
      double rho = Math.min(load[i] / 100, MAX_UTILISATION);
      double r =
          p.baseResponseMillis()
              / (1 - rho)
              * StrictMath.exp(RESPONSE_NOISE * responseNoise.gaussian())
              * spike[i];
      response[i] = Math.max(0.1, Math.round(r * 10) / 10.0);
    }
    return new SyntheticUsage(p, times, users, load, response, anomalies);
  }

  /**
   * The expected users at {@code epochSecond}, before noise and anomalies: the daily wave, the
   * weekend drop, the trend and the holiday dip.
   */
  static double meanUsers(
      UsageProfile p, long epochSecond, double elapsedDays, Set<Long> holidays) {
    long day = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
    double hour = Math.floorMod(epochSecond, SECONDS_PER_DAY) / 3600.0;
    DayOfWeek weekday = LocalDate.ofEpochDay(day).getDayOfWeek();
    boolean weekend = weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY;
    double level =
        p.baseUsers()
            + p.dailyAmplitude() * StrictMath.sin(Math.PI * (hour - p.peakHour() + 6) / 12)
            - (weekend ? p.weekendDrop() : 0);
    double trend = Math.max(0, 1 + p.trendPercentPer30Days() / 100 * elapsedDays / 30);
    double holiday = holidays.contains(day) ? p.holidayFactor() : 1;
    return Math.max(0, level * trend * holiday);
  }

  private static double[] factors(int n, List<Anomaly> anomalies, Anomaly.Kind kind) {
    double[] f = new double[n];
    Arrays.fill(f, 1);
    for (Anomaly a : anomalies) {
      if (a.kind() == kind) {
        for (int i = a.fromIndex(); i < a.toIndex(); i++) {
          f[i] = a.factor();
        }
      }
    }
    return f;
  }

  private static double clamp(double x, double low, double high) {
    return Math.max(low, Math.min(high, x));
  }
}
