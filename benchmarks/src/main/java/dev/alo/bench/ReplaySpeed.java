package dev.alo.bench;

import dev.alo.engine.csv.CsvOptions;
import dev.alo.engine.csv.CsvReader;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.scale.Replay;
import dev.alo.engine.scale.ReplayResult;
import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.ScalingPolicy;
import dev.alo.engine.scale.Traces;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Wall time of replaying every scaling policy over a 6-month trace at 1-minute intervals (262,080
 * points: a daily cycle, quieter weekends, 10 % noise, seeded), twice in one JVM (cold, then warm),
 * with each policy's result; then, for each CSV given (timestamp, value), every policy's result and
 * predictive's server-hours and violation minutes over target tracking's and the geometric mean of
 * its server-hours over the oracle's. Defaults of {@link ScalingConfig}, peak 20 servers, warmup 7
 * days. Usage: {@code ReplaySpeed [TRACE.csv ...]}.
 */
public final class ReplaySpeed {
  private static final int DAYS = 182;
  private static final Duration WARMUP = Duration.ofDays(7);

  private ReplaySpeed() {}

  public static void main(String[] args) {
    RegularSeries synthetic = Traces.scaleToPeakServers(synthetic(), 20);
    for (String pass : List.of("cold", "warm")) {
      long start = System.nanoTime();
      Map<String, ReplayResult> results = replayAll(synthetic);
      System.out.printf(
          Locale.ROOT,
          "6 months at 1m (%d points), %s: all policies in %.2f s%n",
          synthetic.size(),
          pass,
          (System.nanoTime() - start) / 1e9);
      results.values().forEach(ReplaySpeed::print);
    }
    double predictiveHours = 0;
    double trackingHours = 0;
    double predictiveViolations = 0;
    double trackingViolations = 0;
    double logRatio = 0;
    for (String file : args) {
      RegularSeries demand =
          Traces.demand(
              CsvReader.read(Path.of(file), CsvOptions.defaults()).table().series(0),
              Duration.ofMinutes(1),
              20);
      Map<String, ReplayResult> r = replayAll(demand);
      System.out.printf(Locale.ROOT, "%s (%d points)%n", file, demand.size());
      r.values().forEach(ReplaySpeed::print);
      ReplayResult predictive = Objects.requireNonNull(r.get("predictive"));
      ReplayResult tracking = Objects.requireNonNull(r.get("target-tracking"));
      ReplayResult oracle = Objects.requireNonNull(r.get("oracle"));
      predictiveHours += predictive.serverHours();
      trackingHours += tracking.serverHours();
      predictiveViolations += predictive.violationMinutes();
      trackingViolations += tracking.violationMinutes();
      logRatio += Math.log(predictive.serverHours() / oracle.serverHours());
    }
    if (args.length > 0) {
      System.out.printf(
          Locale.ROOT,
          "summed: predictive / target-tracking server-hours %.3f, violation minutes %.3f;"
              + " geometric mean predictive / oracle server-hours %.3f%n",
          predictiveHours / trackingHours,
          trackingViolations == 0 ? 0 : predictiveViolations / trackingViolations,
          Math.exp(logRatio / args.length));
    }
  }

  private static Map<String, ReplayResult> replayAll(RegularSeries demand) {
    Replay replay = Replay.builder(demand, ScalingConfig.defaults()).warmup(WARMUP).build();
    Map<String, ReplayResult> out = new LinkedHashMap<>();
    for (String name : ScalingPolicy.names()) {
      long start = System.nanoTime();
      out.put(name, replay.run(name));
      System.out.printf(Locale.ROOT, "  %-16s %8.0f ms%n", name, (System.nanoTime() - start) / 1e6);
    }
    return out;
  }

  private static void print(ReplayResult r) {
    System.out.printf(
        Locale.ROOT,
        "  %-16s server-hours %9.0f  violation minutes %6.0f (%.3f %%)  actions %6d"
            + "  direction changes/day %5.1f  p99 %.3f s  max servers %d%n",
        r.policy(),
        r.serverHours(),
        r.violationMinutes(),
        r.violationPercent(),
        r.actions(),
        r.directionChangesPerDay(),
        r.p99Response(),
        r.maxServers());
  }

  /** A daily cycle between 3 and 17, 30 % lower on weekends, with 10 % Gaussian noise. */
  private static RegularSeries synthetic() {
    int n = DAYS * 1440;
    double[] v = new double[n];
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < n; i++) {
      double weekend = (i / 1440) % 7 >= 5 ? 0.7 : 1.0;
      double cycle = 10 - 7 * Math.cos(2 * Math.PI * i / 1440.0);
      v[i] = Math.max(0, weekend * cycle * (1 + 0.1 * random.nextGaussian()));
    }
    return RegularSeries.of(0, 60_000, v);
  }
}
