package dev.alo.loadtest;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * A request rate over time, linear between points: the schedule of an open-loop load. Request
 * {@code k} (from 0) is due when the number of requests the curve has asked for so far reaches
 * {@code k}, so a constant rate {@code r} sends request {@code k} at {@code k / r} seconds, and a
 * ramp sends ever closer together. Immutable.
 */
public final class RateCurve {
  // Point i: offset from the start (nanoseconds) and rate (requests per second) there.
  private final long[] at;
  private final double[] rate;
  // Requests asked for from the start to point i.
  private final double[] cumulative;

  private RateCurve(long[] at, double[] rate) {
    this.at = at;
    this.rate = rate;
    this.cumulative = new double[at.length];
    for (int i = 1; i < at.length; i++) {
      double seconds = (at[i] - at[i - 1]) / 1e9;
      cumulative[i] = cumulative[i - 1] + seconds * (rate[i - 1] + rate[i]) / 2;
    }
  }

  /**
   * A constant rate.
   *
   * @throws IllegalArgumentException when the rate is not positive and finite or the duration is
   *     not positive
   */
  public static RateCurve constant(double requestsPerSecond, Duration duration) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond)) {
      throw new IllegalArgumentException("rate " + requestsPerSecond + " (expected > 0)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration " + duration + " (expected > 0)");
    }
    return new RateCurve(
        new long[] {0, duration.toNanos()}, new double[] {requestsPerSecond, requestsPerSecond});
  }

  /**
   * A ramp from one tenth of {@code requestsPerSecond} up to it over {@code duration}: a warm-up
   * that lets a cold client and server get going before the measured load.
   *
   * @throws IllegalArgumentException when the rate is not positive and finite or the duration is
   *     not positive
   */
  public static RateCurve rampTo(double requestsPerSecond, Duration duration) {
    constant(requestsPerSecond, duration);
    return new RateCurve(
        new long[] {0, duration.toNanos()},
        new double[] {requestsPerSecond / 10, requestsPerSecond});
  }

  /**
   * A trace of requests per second replayed faster: {@code timeScale} trace seconds pass per second
   * of load (60 plays an hour in a minute), each rate multiplied by {@code rateScale}. Gaps (NaN)
   * are bridged by the line between their neighbours.
   *
   * @throws InputException when the trace has fewer than two readable points, a negative or
   *     infinite rate, no request at all, or the scales are not positive
   */
  public static RateCurve fromTrace(TimeSeries trace, double timeScale, double rateScale) {
    String where = "trace '" + trace.name() + "'";
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new InputException(
          "--time-scale " + fmt(timeScale) + " (expected a number > 0, e.g. 60)");
    }
    if (!(rateScale > 0) || Double.isInfinite(rateScale)) {
      throw new InputException("--rate-scale " + fmt(rateScale) + " (expected a number > 0)");
    }
    int n = 0;
    long[] at = new long[trace.size()];
    double[] rate = new double[trace.size()];
    long t0 = 0;
    for (int i = 0; i < trace.size(); i++) {
      double v = trace.valueAt(i);
      if (Double.isNaN(v)) {
        continue;
      }
      if (v < 0 || Double.isInfinite(v)) {
        throw new InputException(
            where
                + ": rate "
                + fmt(v)
                + " at row "
                + (i + 1)
                + " (expected requests per second >= 0)");
      }
      if (n == 0) {
        t0 = trace.timeAt(i);
      }
      at[n] = Math.round((trace.timeAt(i) - t0) * 1e6 / timeScale);
      rate[n] = v * rateScale;
      n++;
    }
    if (n < 2) {
      throw new InputException(
          where
              + ": "
              + (n == 0 ? "no rate" : "a single rate")
              + " (expected at least two rows of timestamp,requests per second to draw a curve)");
    }
    RateCurve c = new RateCurve(Arrays.copyOf(at, n), Arrays.copyOf(rate, n));
    if (c.at[n - 1] <= 0) {
      throw new InputException(where + ": all rows have the same timestamp");
    }
    if (c.expected() < 1) {
      throw new InputException(
          where + ": the curve asks for fewer than one request (every rate is zero or tiny)");
    }
    return c;
  }

  /** How long the curve lasts. */
  public Duration length() {
    return Duration.ofNanos(at[at.length - 1]);
  }

  /**
   * The first {@code d} of this curve.
   *
   * @throws InputException when {@code d} is not positive or longer than the curve
   */
  public RateCurve truncate(Duration d) {
    long end = d.toNanos();
    if (end <= 0 || end > at[at.length - 1]) {
      throw new InputException(
          "--duration "
              + d.toMillis()
              + " ms is beyond the curve, which lasts "
              + length().toMillis()
              + " ms (expected a positive duration no longer than the curve)");
    }
    int i = segment(end);
    long[] a = Arrays.copyOf(at, i + 2);
    double[] r = Arrays.copyOf(rate, i + 2);
    r[i + 1] = rateAt(end);
    a[i + 1] = end;
    return new RateCurve(a, r);
  }

  /** The rate at the start, or the first positive rate when the curve starts at zero. */
  public double initialRate() {
    for (double r : rate) {
      if (r > 0) {
        return r;
      }
    }
    return 0;
  }

  /** The highest rate of the curve, requests per second (it is linear between its points). */
  public double maxRate() {
    double max = 0;
    for (double r : rate) {
      max = Math.max(max, r);
    }
    return max;
  }

  /** The rate (requests per second) at {@code offsetNanos} from the start. */
  public double rateAt(long offsetNanos) {
    if (offsetNanos <= 0) {
      return rate[0];
    }
    if (offsetNanos >= at[at.length - 1]) {
      return rate[rate.length - 1];
    }
    int i = segment(offsetNanos);
    double f = (double) (offsetNanos - at[i]) / (at[i + 1] - at[i]);
    return rate[i] + f * (rate[i + 1] - rate[i]);
  }

  /** Requests the whole curve asks for (the area under it). */
  public double expected() {
    return cumulative[cumulative.length - 1];
  }

  /** How many requests are due before the end: every {@code k} with {@code dueAt(k) < length}. */
  public long requests() {
    double e = expected();
    long whole = (long) Math.floor(e);
    // k is due before the end exactly when k < e.
    return whole == e ? whole : whole + 1;
  }

  /**
   * When request {@code k} (from 0) is due, in nanoseconds from the start.
   *
   * @throws IllegalArgumentException when {@code k} is not below {@link #requests()}
   */
  public long dueAt(long k) {
    if (k < 0 || k >= requests()) {
      throw new IllegalArgumentException("request " + k + " of " + requests());
    }
    int lo = 0;
    int hi = cumulative.length - 1;
    // The last point whose cumulative count is <= k.
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (cumulative[mid] <= k) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    int i = Math.min(lo, at.length - 2);
    double need = k - cumulative[i];
    double len = (at[i + 1] - at[i]) / 1e9;
    double r0 = rate[i];
    double slope = (rate[i + 1] - r0) / len;
    // Solve r0 t + slope t^2 / 2 = need for t >= 0, in the form that stays exact when slope ~ 0.
    double disc = Math.max(0, r0 * r0 + 2 * slope * need);
    double denom = r0 + Math.sqrt(disc);
    double t = denom <= 0 ? 0 : 2 * need / denom;
    return at[i] + Math.min(at[i + 1] - at[i], Math.round(t * 1e9));
  }

  // The segment [at[i], at[i+1]] that holds the offset (0 < offset < end).
  private int segment(long offset) {
    int i = Arrays.binarySearch(at, offset);
    if (i >= 0) {
      return Math.min(i, at.length - 2);
    }
    return Math.max(0, -i - 2);
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%s", v);
  }
}
