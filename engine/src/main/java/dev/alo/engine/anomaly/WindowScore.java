package dev.alo.engine.anomaly;

import java.util.List;

/**
 * Detections scored against labelled windows, NAB style. Detections are counted as points: a
 * detected point inside some labelled window is a true detection, one outside every window a false
 * positive; a window is found when at least one detected point falls inside it. {@code precision =
 * trueDetections / detections} (1 when nothing was detected), {@code recall = windowsFound /
 * windows} (1 when there are no windows).
 */
public record WindowScore(int detections, int trueDetections, int windows, int windowsFound) {

  /** Scores detected point times against the labelled windows. */
  public static WindowScore of(List<AnomalyPoint> detected, List<LabelledWindow> labelled) {
    boolean[] found = new boolean[labelled.size()];
    int hits = 0;
    for (AnomalyPoint p : detected) {
      boolean inside = false;
      for (int w = 0; w < labelled.size(); w++) {
        if (labelled.get(w).contains(p.time())) {
          found[w] = true;
          inside = true;
        }
      }
      if (inside) {
        hits++;
      }
    }
    int foundCount = 0;
    for (boolean f : found) {
      if (f) {
        foundCount++;
      }
    }
    return new WindowScore(detected.size(), hits, labelled.size(), foundCount);
  }

  public double precision() {
    return detections == 0 ? 1 : (double) trueDetections / detections;
  }

  public double recall() {
    return windows == 0 ? 1 : (double) windowsFound / windows;
  }

  /** The harmonic mean of precision and recall (0 when both are 0). */
  public double f1() {
    double p = precision();
    double r = recall();
    return p + r == 0 ? 0 : 2 * p * r / (p + r);
  }

  /** Counts summed over files: the micro-averaged total. */
  public WindowScore plus(WindowScore o) {
    return new WindowScore(
        detections + o.detections,
        trueDetections + o.trueDetections,
        windows + o.windows,
        windowsFound + o.windowsFound);
  }
}
