package dev.alo.engine.anomaly;

import java.util.ArrayList;
import java.util.List;

/**
 * What a detector found in one series: the anomalous points in time order and the windows they
 * form.
 */
public record Detection(List<AnomalyPoint> points, List<AnomalyWindow> windows) {
  public Detection {
    points = List.copyOf(points);
    windows = List.copyOf(windows);
  }

  /**
   * Groups points (in index order) into windows: a point joins the current window when no observed
   * value lies between them, i.e. only gaps (NaN) separate them.
   *
   * @param points anomalous points in increasing index order
   * @param values the analysed values (NaN = gap)
   */
  static Detection of(List<AnomalyPoint> points, double[] values) {
    List<AnomalyWindow> windows = new ArrayList<>();
    int i = 0;
    while (i < points.size()) {
      AnomalyPoint first = points.get(i);
      AnomalyPoint last = first;
      double max = first.score();
      int j = i + 1;
      while (j < points.size() && onlyGapsBetween(values, last.index(), points.get(j).index())) {
        last = points.get(j);
        max = Math.max(max, last.score());
        j++;
      }
      windows.add(
          new AnomalyWindow(first.time(), last.time(), first.index(), last.index(), j - i, max));
      i = j;
    }
    return new Detection(points, windows);
  }

  private static boolean onlyGapsBetween(double[] values, int from, int to) {
    for (int k = from + 1; k < to; k++) {
      if (!Double.isNaN(values[k])) {
        return false;
      }
    }
    return true;
  }
}
