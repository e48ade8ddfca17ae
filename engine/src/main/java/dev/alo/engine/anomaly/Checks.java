package dev.alo.engine.anomaly;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;

/** Input checks shared by the detectors. */
final class Checks {
  private Checks() {}

  static int observed(double[] y) {
    int n = 0;
    for (double v : y) {
      if (!Double.isNaN(v)) {
        n++;
      }
    }
    return n;
  }

  static void enoughPoints(TimeSeries s) {
    int n = observed(s.values());
    if (n < AnomalyDetector.MIN_POINTS) {
      throw new InputException(
          "series '"
              + s.name()
              + "' has "
              + n
              + " observed values: anomaly detection needs at least "
              + AnomalyDetector.MIN_POINTS);
    }
  }
}
