package dev.alo.cli;

import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.Metrics;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.TimestampFormat;
import dev.alo.engine.sim.Arrivals;
import dev.alo.engine.sim.ServerSpec;
import dev.alo.engine.sim.ServiceTime;
import dev.alo.engine.sim.SimulationConfig;
import dev.alo.engine.sim.SimulationResult;
import dev.alo.engine.sim.Simulator;
import dev.alo.engine.synth.SyntheticUsage;
import dev.alo.engine.synth.UsageGenerator;
import dev.alo.engine.synth.UsageProfile;
import java.io.PrintWriter;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * What {@code ./alo} does without a command: a short tour on generated data, the whole loop in a
 * few seconds and nothing written to disk. Each step names the command that does it for real.
 */
final class Tour {
  static final int DAYS = 28;
  static final long SEED = 42;
  private static final List<Double> CAPACITIES = List.of(1.0, 1.0, 2.0, 2.0);
  private static final double LOAD = 0.8;
  private static final long REQUESTS = 200_000;
  private static final int HOLD_OUT = 24;

  private Tour() {}

  static void run(PrintWriter out) {
    SyntheticUsage usage =
        UsageGenerator.generate(UsageProfile.defaults().toBuilder().days(DAYS).seed(SEED).build());
    out.printf(
        Locale.ROOT,
        "ALO quick tour: %d days of generated hourly usage (seed %d), nothing written to disk.%n%n",
        DAYS,
        SEED);
    data(usage, out);
    forecast(usage, out);
    balancing(out);
    out.println("Next steps:");
    out.println("  ./alo generate --days 90 --output usage.csv      # the sample data as CSV");
    out.println("  ./alo inspect usage.csv                          # what a file holds");
    out.println("  ./alo clean usage.csv --resample 1h --fill linear");
    out.println("  ./alo forecast --input usage.csv --horizon 24h   # every column, next day");
    out.println("  ./alo simulate --capacities 1,1,2,2 --load 80    # compare balancers");
    out.println("  ./alo --help                                     # every command");
  }

  private static void data(SyntheticUsage u, PrintWriter out) {
    TimestampFormat f = TimestampFormat.dateTime();
    out.printf(
        Locale.ROOT,
        "1. Data (./alo generate, ./alo inspect): %d rows, %s .. %s, every 1h%n",
        u.size(),
        f.format(u.timeAt(0)),
        f.format(u.timeAt(u.size() - 1)));
    out.printf(Locale.ROOT, "   %-14s %10s %10s %10s%n", "column", "min", "mean", "max");
    column(out, "active_users", u.activeUsers());
    column(out, "server_load", u.serverLoad());
    column(out, "response_time", u.responseTime());
    double[] byHour = new double[24];
    int[] perHour = new int[24];
    double weekday = 0;
    double weekend = 0;
    int weekdays = 0;
    int weekends = 0;
    double[] users = u.activeUsers();
    for (int i = 0; i < u.size(); i++) {
      ZonedDateTime t = Instant.ofEpochMilli(u.timeAt(i)).atZone(ZoneOffset.UTC);
      byHour[t.getHour()] += users[i];
      perHour[t.getHour()]++;
      if (t.getDayOfWeek() == DayOfWeek.SATURDAY || t.getDayOfWeek() == DayOfWeek.SUNDAY) {
        weekend += users[i];
        weekends++;
      } else {
        weekday += users[i];
        weekdays++;
      }
    }
    double[] hourly = new double[24];
    for (int h = 0; h < 24; h++) {
      hourly[h] = byHour[h] / perHour[h];
    }
    int peak = dailyPeak(hourly);
    out.printf(
        Locale.ROOT,
        "   Users peak at %02d:00 (mean %.0f); weekends average %.0f users below weekdays.%n%n",
        peak,
        hourly[peak],
        weekday / weekdays - weekend / weekends);
  }

  /**
   * The hour at which the daily wave of these hourly means peaks: the phase of their 24-hour
   * harmonic, to the nearest hour. The top of the wave is flat (13:00 to 15:00 differ by a few
   * users), so the single highest mean would move with the noise; the wave's phase does not.
   */
  static int dailyPeak(double[] hourly) {
    double cos = 0;
    double sin = 0;
    for (int h = 0; h < hourly.length; h++) {
      double angle = 2 * Math.PI * h / hourly.length;
      cos += hourly[h] * Math.cos(angle);
      sin += hourly[h] * Math.sin(angle);
    }
    double hour = Math.atan2(sin, cos) / (2 * Math.PI) * hourly.length;
    return (int) Math.floorMod(Math.round(hour), (long) hourly.length);
  }

  private static void forecast(SyntheticUsage u, PrintWriter out) {
    double[] users = u.activeUsers();
    int n = users.length - HOLD_OUT;
    double[] train = Arrays.copyOf(users, n);
    double[] actual = Arrays.copyOfRange(users, n, users.length);
    RegularSeries history = RegularSeries.of(u.timeAt(0), u.interval().toMillis(), train);
    Forecast f = Forecaster.auto().forecast(history, HOLD_OUT, 0.8);
    int peak = 0;
    for (int i = 1; i < HOLD_OUT; i++) {
      if (f.mean()[i] > f.mean()[peak]) {
        peak = i;
      }
    }
    out.printf(
        Locale.ROOT,
        "2. Forecast (./alo forecast, ./alo backtest): the last %d hours of active_users from the"
            + " %d before them%n",
        HOLD_OUT,
        n);
    out.printf(
        Locale.ROOT,
        "   model %s; forecast peak %.0f users at %s (80%% interval %.0f..%.0f)%n",
        f.model(),
        f.mean()[peak],
        TimestampFormat.dateTime().format(f.times()[peak]),
        f.lower()[peak],
        f.upper()[peak]);
    out.printf(
        Locale.ROOT,
        "   against what happened: MASE %.2f (below 1 beats repeating yesterday), the 80%%"
            + " interval held %.0f%% of the hours%n%n",
        Metrics.mase(actual, f.mean(), train, 24),
        100 * Metrics.coverage(actual, f.lower(), f.upper()));
  }

  private static void column(PrintWriter out, String name, double[] v) {
    InspectCommand.ColumnStats s = InspectCommand.stats(name, v);
    out.printf(Locale.ROOT, "   %-14s %10.1f %10.1f %10.1f%n", name, s.min(), s.mean(), s.max());
  }

  private static void balancing(PrintWriter out) {
    List<ServerSpec> pool = new ArrayList<>();
    double capacity = 0;
    for (double c : CAPACITIES) {
      pool.add(ServerSpec.of(1, c, ServiceTime.exponential(1)));
      capacity += c;
    }
    SimulationConfig config =
        SimulationConfig.builder(pool, Arrivals.poisson(LOAD * capacity))
            .maxRequests(REQUESTS)
            .seed(SEED)
            .build();
    List<SimulationResult> results = new ArrayList<>();
    for (String name : List.of("round-robin", "weighted-round-robin", "least-connections", "p2c")) {
      results.add(Simulator.run(config, SimulateCommand.factory(name)));
    }
    out.printf(
        Locale.ROOT,
        "3. Balancing (./alo simulate): servers of capacity 1, 1, 2, 2 at %.0f%% load,"
            + " %,d requests, real queueing%n",
        LOAD * 100,
        REQUESTS);
    out.printf(
        Locale.ROOT, "   %-21s %9s %9s %9s%n", "algorithm", "mean (s)", "p99 (s)", "fairness");
    for (SimulationResult r : results) {
      out.printf(
          Locale.ROOT,
          "   %-21s %9.3f %9.3f %9.3f%n",
          r.algorithm(),
          r.meanResponse(),
          r.p99(),
          r.utilizationSpread().jainFairness());
    }
    SimulationResult best =
        results.stream().min(Comparator.comparingDouble(SimulationResult::p99)).orElseThrow();
    out.printf(
        Locale.ROOT,
        "   Best tail latency here: %s. Round robin ignores capacity and overloads the slow"
            + " servers.%n%n",
        best.algorithm());
  }
}
