package dev.alo.engine.anomaly;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.List;

/**
 * The baseline: a point is anomalous when it lies more than {@code k} standard deviations from the
 * mean of the previous {@code window} observed values (not robust: one spike widens the band for
 * the whole window). The score is the absolute z-score.
 */
final class RollingSigmaDetector implements AnomalyDetector {
  private final int window;
  private final double k;

  RollingSigmaDetector(int window, double k) {
    if (window < 2) {
      throw new InputException("window " + window + " is too short: expected at least 2 points");
    }
    if (!(k > 0)) {
      throw new InputException("k " + k + " is out of range: expected a positive number");
    }
    this.window = window;
    this.k = k;
  }

  @Override
  public String name() {
    return "sigma3";
  }

  @Override
  public Detection detect(TimeSeries series) {
    Checks.enoughPoints(series);
    long[] t = series.times();
    double[] y = series.values();
    double[] ring = new double[window];
    int size = 0;
    int next = 0;
    List<AnomalyPoint> points = new ArrayList<>();
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (Double.isNaN(v)) {
        continue;
      }
      if (size == window) {
        double mean = 0;
        for (double x : ring) {
          mean += x;
        }
        mean /= window;
        double ss = 0;
        for (double x : ring) {
          ss += (x - mean) * (x - mean);
        }
        double sd = Math.sqrt(ss / (window - 1));
        if (sd > 0 && Math.abs(v - mean) > k * sd) {
          points.add(
              new AnomalyPoint(
                  i,
                  t[i],
                  v,
                  mean,
                  mean - k * sd,
                  mean + k * sd,
                  Math.abs(v - mean) / sd,
                  AnomalyPoint.Kind.BAND));
        }
      }
      ring[next] = v;
      next = (next + 1) % window;
      size = Math.min(size + 1, window);
    }
    return Detection.of(points, y);
  }
}
