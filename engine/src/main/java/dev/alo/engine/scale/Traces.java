package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.stats.Quantiles;
import dev.alo.engine.time.Durations;
import java.time.Duration;

/**
 * Turns a recorded trace (request counts or rates at any interval) into the demand a {@link Replay}
 * takes: interpolated to the control interval, then scaled so that its 99th percentile needs a
 * given number of servers at 100 % (so one burst does not set the scale).
 */
public final class Traces {
  /** The percentile that sets the scale. */
  static final double PEAK_QUANTILE = 0.99;

  /** The most intervals a demand may have (an array's limit). */
  static final int MAX_INTERVALS = Integer.MAX_VALUE - 8;

  private Traces() {}

  /**
   * The demand of a trace in servers at 100 % (capacity 1) at a control interval: {@link
   * #interpolate} then {@link #scaleToPeakServers}.
   */
  public static RegularSeries demand(TimeSeries trace, Duration interval, int peakServers) {
    return scaleToPeakServers(interpolate(trace, interval), peakServers);
  }

  /**
   * The trace's finite values linearly interpolated at every {@code interval} from its first finite
   * value's time to its last; missing values (NaN) are bridged.
   *
   * @throws InputException when fewer than 2 values are finite, times do not increase, or the
   *     interval is not positive
   */
  public static RegularSeries interpolate(TimeSeries trace, Duration interval) {
    long step = interval.toMillis();
    if (step <= 0) {
      throw new InputException(
          "interval: " + Durations.format(interval) + " (expected: at least 1ms)");
    }
    int n = trace.size();
    long[] t = new long[n];
    double[] v = new double[n];
    int m = 0;
    for (int i = 0; i < n; i++) {
      double x = trace.valueAt(i);
      if (Double.isFinite(x)) {
        if (m > 0 && trace.timeAt(i) <= t[m - 1]) {
          throw new InputException(
              "trace '" + trace.name() + "': time at row " + (i + 1) + " does not increase");
        }
        t[m] = trace.timeAt(i);
        v[m++] = x;
      }
    }
    if (m < 2) {
      throw new InputException(
          "trace '" + trace.name() + "' has " + m + " finite value(s) (expected: at least 2)");
    }
    long span = t[m - 1] - t[0];
    if (span / step + 1 > MAX_INTERVALS) {
      throw new InputException(
          "trace '"
              + trace.name()
              + "' spans "
              + Durations.format(Duration.ofMillis(span))
              + ": more than "
              + MAX_INTERVALS
              + " intervals of "
              + Durations.format(interval)
              + " (expected: a longer interval)");
    }
    int size = (int) (span / step + 1);
    double[] out = new double[size];
    int j = 0;
    for (int k = 0; k < size; k++) {
      long time = t[0] + k * step;
      while (j < m - 2 && t[j + 1] <= time) {
        j++;
      }
      double w = (double) (time - t[j]) / (t[j + 1] - t[j]);
      out[k] = v[j] + Math.min(1, w) * (v[j + 1] - v[j]);
    }
    return RegularSeries.of(t[0], step, out);
  }

  /**
   * The load scaled so that its 99th percentile is {@code peakServers}; negative values become 0.
   *
   * @throws InputException when peakServers is below 1 or the 99th percentile is not above 0
   */
  public static RegularSeries scaleToPeakServers(RegularSeries load, int peakServers) {
    if (peakServers < 1) {
      throw new InputException("peak servers: " + peakServers + " (expected: >= 1)");
    }
    double[] v = load.values();
    for (int i = 0; i < v.length; i++) {
      v[i] = Math.max(0, v[i]);
    }
    double peak = Quantiles.of(v, PEAK_QUANTILE);
    if (!(peak > 0)) {
      throw new InputException(
          "trace: its 99th percentile is " + peak + " (expected: above 0 to scale it)");
    }
    double factor = peakServers / peak;
    for (int i = 0; i < v.length; i++) {
      v[i] *= factor;
    }
    return RegularSeries.of(load.startMillis(), load.stepMillis(), v);
  }
}
