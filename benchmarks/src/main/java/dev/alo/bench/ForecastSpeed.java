package dev.alo.bench;

import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.RegularSeries;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Median warm wall time of fit + predict (horizon 24, level 0.8) of one ~1,000-point hourly series
 * per model, one thread, with the median thread CPU time beside it (the wall time on a loaded
 * machine includes waiting for a core). Usage: {@code ForecastSpeed SHARED_DIR [MODEL,...]}.
 */
public final class ForecastSpeed {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private ForecastSpeed() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args.length > 0 ? args[0] : ".");
    List<String> models =
        List.of((args.length > 1 ? args[1] : "snaive,ets,mstl,theta,arima,auto").split(","));
    List<String> files =
        List.of(
            "elb_request_count_8c0756",
            "Twitter_volume_AAPL",
            "machine_temperature_system_failure");
    System.out.printf(
        Locale.ROOT, "%-10s %-36s %6s %10s %10s%n", "model", "series", "n", "median ms", "cpu ms");
    for (String model : models) {
      Forecaster f = Forecaster.byName(model);
      for (String file : files) {
        RegularSeries all = DevSetBacktest.load(root.resolve("datasets/nab/" + file + ".csv"));
        RegularSeries s = all.head(Math.min(all.size(), 1000));
        int runs = 30;
        double[] ms = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < 10; i++) {
          f.forecast(s, 24, 0.8);
        }
        for (int i = 0; i < runs; i++) {
          long c0 = THREADS.getCurrentThreadCpuTime();
          long t0 = System.nanoTime();
          f.forecast(s, 24, 0.8);
          ms[i] = (System.nanoTime() - t0) / 1e6;
          cpu[i] = (THREADS.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        System.out.printf(
            Locale.ROOT,
            "%-10s %-36s %6d %10.2f %10.2f%n",
            model,
            file,
            s.size(),
            ms[runs / 2],
            cpu[runs / 2]);
      }
    }
  }
}
