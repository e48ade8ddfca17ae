package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * ALO's hourly backtest protocol, version 1 ({@code FORECAST-PROTOCOL.md}): hourly buckets by
 * floor-to-hour mean with missing hours linearly interpolated; origins k = 3, 2, 1 with horizon 24
 * (train on the first n − 24k hours); sMAPE, MASE (lag-24 seasonal naive scale) and 80% coverage
 * per origin; per-series means; over series the geometric mean of MASE and arithmetic means.
 */
public final class ProtocolV1 {
  public static final int HORIZON = 24;
  public static final int ORIGINS = 3;
  public static final int MASE_LAG = 24;
  public static final double LEVEL = 0.8;
  private static final long HOUR = 3_600_000L;

  private ProtocolV1() {}

  /**
   * The hourly series of raw points: each hour (UTC) the mean of its points, gaps between the first
   * and last hour filled by linear interpolation. NaN values are ignored.
   *
   * @throws InputException when the lengths differ or no value is usable
   */
  public static RegularSeries hourly(long[] epochMillis, double[] values) {
    if (epochMillis.length != values.length) {
      throw new InputException(
          "times and values differ in length: " + epochMillis.length + " vs " + values.length);
    }
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        long b = Math.floorDiv(epochMillis[i], HOUR);
        first = Math.min(first, b);
        last = Math.max(last, b);
      }
    }
    if (first > last) {
      throw new InputException("series has no usable value (expected: at least one number)");
    }
    int n = Math.toIntExact(last - first + 1);
    double[] sum = new double[n];
    int[] cnt = new int[n];
    for (int i = 0; i < values.length; i++) {
      if (!Double.isNaN(values[i])) {
        int b = (int) (Math.floorDiv(epochMillis[i], HOUR) - first);
        sum[b] += values[i];
        cnt[b]++;
      }
    }
    double[] out = new double[n];
    int prev = -1;
    for (int i = 0; i < n; i++) {
      if (cnt[i] > 0) {
        out[i] = sum[i] / cnt[i];
        for (int g = prev + 1; g < i; g++) {
          double t = (double) (g - prev) / (i - prev);
          out[g] = out[prev] + t * (out[i] - out[prev]);
        }
        prev = i;
      }
    }
    return RegularSeries.of(first * HOUR, HOUR, out);
  }

  /** The scores of one origin; seconds is the fit + predict wall time. */
  public record Origin(
      int k, int nTrain, double smape, double mase, double coverage80, double seconds) {}

  /** A series' origins and their means. */
  public record SeriesResult(String series, List<Origin> origins) {
    public double smape() {
      return origins.stream().mapToDouble(Origin::smape).average().orElse(Double.NaN);
    }

    public double mase() {
      return origins.stream().mapToDouble(Origin::mase).average().orElse(Double.NaN);
    }

    public double coverage80() {
      return origins.stream().mapToDouble(Origin::coverage80).average().orElse(Double.NaN);
    }

    public double seconds() {
      return origins.stream().mapToDouble(Origin::seconds).average().orElse(Double.NaN);
    }
  }

  /** The aggregate over series. */
  public record Summary(
      int series, double gmMase, double mase, double smape, double coverage80, double seconds) {}

  /**
   * Runs the protocol's three origins for one hourly series.
   *
   * @param nanoClock a monotonic nanosecond clock for the seconds column (System::nanoTime)
   * @throws InputException when the series is too short for the origins
   */
  public static SeriesResult evaluate(
      String name, Forecaster forecaster, RegularSeries hourly, LongSupplier nanoClock) {
    int n = hourly.size();
    if (n - ORIGINS * HORIZON <= MASE_LAG) {
      throw new InputException(
          "series '"
              + name
              + "' has "
              + n
              + " hours (expected: more than "
              + (ORIGINS * HORIZON + MASE_LAG)
              + " for protocol v1)");
    }
    double[] y = hourly.unsafeValues();
    List<Origin> origins = new ArrayList<>();
    for (int k = ORIGINS; k >= 1; k--) {
      int cut = n - HORIZON * k;
      RegularSeries train = hourly.head(cut);
      double[] actual = Arrays.copyOfRange(y, cut, cut + HORIZON);
      long t0 = nanoClock.getAsLong();
      Forecast f = forecaster.forecast(train, HORIZON, LEVEL);
      long t1 = nanoClock.getAsLong();
      double[] mean = f.mean();
      origins.add(
          new Origin(
              k,
              cut,
              Metrics.smape(actual, mean),
              Metrics.mase(actual, mean, train.unsafeValues(), MASE_LAG),
              Metrics.coverage(actual, f.lower(), f.upper()),
              (t1 - t0) / 1e9));
    }
    return new SeriesResult(name, origins);
  }

  /** Geometric mean of per-series MASE and arithmetic means of the rest. */
  public static Summary summarize(List<SeriesResult> results) {
    double logSum = 0;
    double mase = 0;
    double smape = 0;
    double cov = 0;
    double sec = 0;
    for (SeriesResult r : results) {
      logSum += Math.log(r.mase());
      mase += r.mase();
      smape += r.smape();
      cov += r.coverage80();
      sec += r.seconds();
    }
    int k = results.size();
    return new Summary(k, Math.exp(logSum / k), mase / k, smape / k, cov / k, sec / k);
  }
}
