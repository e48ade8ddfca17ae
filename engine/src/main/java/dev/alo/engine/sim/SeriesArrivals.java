package dev.alo.engine.sim;

import dev.alo.engine.series.TimeSeries;

/** Poisson arrivals with a piecewise-constant rate taken from a series of counts per row. */
final class SeriesArrivals extends Arrivals {
  /** Segment i covers simulated seconds [starts[i], starts[i + 1]); starts has one extra entry. */
  private final double[] starts;

  private final double[] rates;
  private final double total;

  private SeriesArrivals(double[] starts, double[] rates, double total) {
    this.starts = starts;
    this.rates = rates;
    this.total = total;
  }

  static SeriesArrivals of(TimeSeries counts, double timeScale) {
    if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
      throw new IllegalArgumentException(
          "time scale: " + timeScale + " (expected: > 0 trace seconds per simulated second)");
    }
    int n = counts.size();
    if (n < 2) {
      throw new IllegalArgumentException(
          "series '" + counts.name() + "': " + n + " rows (expected: at least 2)");
    }
    double[] starts = new double[n + 1];
    double[] rates = new double[n];
    long t0 = counts.timeAt(0);
    for (int i = 0; i < n; i++) {
      starts[i] = (counts.timeAt(i) - t0) / 1000.0 / timeScale;
    }
    long lastStep = counts.timeAt(n - 1) - counts.timeAt(n - 2);
    starts[n] = (counts.timeAt(n - 1) + lastStep - t0) / 1000.0 / timeScale;
    double total = 0;
    for (int i = 0; i < n; i++) {
      double c = counts.valueAt(i);
      if (Double.isNaN(c)) {
        continue;
      }
      if (c < 0 || Double.isInfinite(c)) {
        throw new IllegalArgumentException(
            "series '"
                + counts.name()
                + "': count "
                + c
                + " in row "
                + (i + 1)
                + " (expected: a number of requests >= 0)");
      }
      rates[i] = c / (starts[i + 1] - starts[i]);
      total += c;
    }
    if (total <= 0) {
      throw new IllegalArgumentException(
          "series '" + counts.name() + "': no requests in any row (expected: some counts > 0)");
    }
    return new SeriesArrivals(starts, rates, total);
  }

  @Override
  public double meanRate() {
    return total / starts[starts.length - 1];
  }

  @Override
  public double end() {
    return starts[starts.length - 1];
  }

  @Override
  Stream open(Rng rng) {
    return new Stream() {
      private double t;
      private int seg;

      @Override
      public double next() {
        // Memoryless: when a draw overshoots its segment, restart at the boundary with the next
        // rate.
        while (seg < rates.length) {
          double r = rates[seg];
          double segEnd = starts[seg + 1];
          if (r > 0) {
            double candidate = t + rng.nextExponential() / r;
            if (candidate < segEnd) {
              t = candidate;
              return t;
            }
          }
          t = segEnd;
          seg++;
        }
        return Double.POSITIVE_INFINITY;
      }
    };
  }

  @Override
  public String toString() {
    return "Series(" + rates.length + " rows, " + total + " requests)";
  }
}
