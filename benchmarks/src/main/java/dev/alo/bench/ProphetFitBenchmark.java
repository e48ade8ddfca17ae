package dev.alo.bench;

import dev.alo.engine.forecast.prophet.ProphetForecast;
import dev.alo.engine.forecast.prophet.ProphetModel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fit + predict of Prophet (defaults: weekly and daily seasonality, 25 changepoints, 80% intervals
 * from 1000 simulated paths) on one 1000-point hourly series: the first 1000 hourly means of NAB's
 * Twitter_volume_AAPL, forecasting 24 hours ahead. Single-shot samples so that the reported
 * percentiles are per fit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 3)
@Fork(1)
public class ProphetFitBenchmark {
  private long[] times = new long[0];
  private double[] values = new double[0];
  private long[] future = new long[0];

  @Setup
  public void load() {
    BenchData.Csv hourly =
        BenchData.hourlyMeans(
            BenchData.root().resolve("datasets/nab/Twitter_volume_AAPL.csv"), 1000);
    times = hourly.times();
    values = hourly.column("value");
    future = new long[24];
    for (int h = 0; h < 24; h++) {
      future[h] = times[times.length - 1] + (h + 1) * 3_600_000L;
    }
  }

  /** Fit and forecast the next 24 hours with intervals. */
  @Benchmark
  public ProphetForecast fitPredict24() {
    return ProphetModel.withDefaults().fit(times, values).predict(future);
  }
}
