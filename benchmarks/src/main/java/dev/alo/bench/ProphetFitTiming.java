package dev.alo.bench;

import dev.alo.engine.forecast.prophet.ProphetForecast;
import dev.alo.engine.forecast.prophet.ProphetModel;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same work as {@link ProphetFitBenchmark} (fit + 24-step predict with intervals on 1000 hourly
 * points, one thread), timed both as wall time and as the thread's CPU time, so that the figure
 * stays meaningful on a machine shared with other work. Prints medians after warm-up.
 */
public final class ProphetFitTiming {
  private ProphetFitTiming() {}

  /** Optional argument: number of measured runs (default 300). */
  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    BenchData.Csv hourly =
        BenchData.hourlyMeans(
            BenchData.root().resolve("datasets/nab/Twitter_volume_AAPL.csv"), 1000);
    long[] times = hourly.times();
    double[] values = hourly.column("value");
    long[] future = new long[24];
    for (int h = 0; h < 24; h++) {
      future[h] = times[times.length - 1] + (h + 1) * 3_600_000L;
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    double sink = 0;
    for (int i = 0; i < 200; i++) {
      sink += ProphetModel.withDefaults().fit(times, values).predict(future).yhat()[0];
    }
    double[] wall = new double[runs];
    double[] cpu = new double[runs];
    for (int i = 0; i < runs; i++) {
      long c0 = mx.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      ProphetForecast f = ProphetModel.withDefaults().fit(times, values).predict(future);
      wall[i] = (System.nanoTime() - w0) / 1e6;
      cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
      sink += f.yhatUpper()[23];
    }
    Arrays.sort(wall);
    Arrays.sort(cpu);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    out.printf(
        Locale.ROOT,
        "prophet fit+predict24, 1000 hourly points, %d runs: wall median %.2f ms (p10 %.2f, p90"
            + " %.2f); thread CPU median %.2f ms (p10 %.2f, p90 %.2f)%n",
        runs,
        wall[runs / 2],
        wall[runs / 10],
        wall[runs * 9 / 10],
        cpu[runs / 2],
        cpu[runs / 10],
        cpu[runs * 9 / 10]);
    if (Double.isNaN(sink)) {
      out.println("(unexpected NaN)");
    }
  }
}
