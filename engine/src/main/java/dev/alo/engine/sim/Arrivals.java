package dev.alo.engine.sim;

import dev.alo.engine.series.TimeSeries;
import java.util.Arrays;

/**
 * When requests arrive, in simulated seconds from 0: a Poisson process at a constant rate, a
 * Poisson process whose rate follows a series of counts, or a replay of given times.
 */
public abstract class Arrivals {
  Arrivals() {}

  /** Poisson arrivals at {@code rate} requests per simulated second. */
  public static Arrivals poisson(double rate) {
    if (!(rate > 0) || Double.isInfinite(rate)) {
      throw new IllegalArgumentException("arrival rate: " + rate + " /s (expected: > 0)");
    }
    return new PoissonArrivals(rate);
  }

  /**
   * Poisson arrivals whose rate is piecewise constant: each row's value is the number of requests
   * in that row's interval (up to the next row's time; the last row lasts as long as the one before
   * it), and {@code timeScale} trace seconds pass per simulated second. A gap (NaN) row has no
   * arrivals. Arrivals end with the last row's interval.
   *
   * @throws IllegalArgumentException with fewer than two rows, a negative count or a time scale
   *     that is not positive
   */
  public static Arrivals fromCounts(TimeSeries counts, double timeScale) {
    return SeriesArrivals.of(counts, timeScale);
  }

  /**
   * Replays the given arrival times (simulated seconds, at least 0, not decreasing).
   *
   * @throws IllegalArgumentException when they are empty, negative or out of order
   */
  public static Arrivals replay(double[] seconds) {
    if (seconds.length == 0) {
      throw new IllegalArgumentException("replay: no arrival times (expected: at least one)");
    }
    for (int i = 0; i < seconds.length; i++) {
      if (!(seconds[i] >= 0) || (i > 0 && seconds[i] < seconds[i - 1])) {
        throw new IllegalArgumentException(
            "replay: time " + seconds[i] + " at index " + i + " (expected: >= 0, not decreasing)");
      }
    }
    return new ReplayArrivals(Arrays.copyOf(seconds, seconds.length));
  }

  /** The average arrival rate, requests per simulated second. */
  public abstract double meanRate();

  /** When arrivals end by themselves, simulated seconds; infinite for a constant-rate process. */
  public abstract double end();

  /** A fresh stream of arrival times drawing from {@code rng}. */
  abstract Stream open(Rng rng);

  /** Arrival times in increasing order. */
  interface Stream {
    /** The next arrival time, or positive infinity when there are no more. */
    double next();
  }

  private static final class PoissonArrivals extends Arrivals {
    private final double rate;

    PoissonArrivals(double rate) {
      this.rate = rate;
    }

    @Override
    public double meanRate() {
      return rate;
    }

    @Override
    public double end() {
      return Double.POSITIVE_INFINITY;
    }

    @Override
    Stream open(Rng rng) {
      double mean = 1 / rate;
      return new Stream() {
        private double t;

        @Override
        public double next() {
          t += mean * rng.nextExponential();
          return t;
        }
      };
    }

    @Override
    public String toString() {
      return "Poisson(" + rate + "/s)";
    }
  }

  private static final class ReplayArrivals extends Arrivals {
    private final double[] times;

    ReplayArrivals(double[] times) {
      this.times = times;
    }

    @Override
    public double meanRate() {
      double span = times[times.length - 1];
      return span > 0 ? times.length / span : Double.POSITIVE_INFINITY;
    }

    @Override
    public double end() {
      return times[times.length - 1];
    }

    @Override
    Stream open(Rng rng) {
      return new Stream() {
        private int i;

        @Override
        public double next() {
          return i < times.length ? times[i++] : Double.POSITIVE_INFINITY;
        }
      };
    }

    @Override
    public String toString() {
      return "Replay(" + times.length + " arrivals)";
    }
  }
}
