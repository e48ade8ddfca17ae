package dev.alo.engine.anomaly;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * Isolation forest over five features per observed point: the value, its first difference, its
 * deviation from the median of the trailing day (a day's worth of steps, 20 to 500 points; 100
 * without a daily period), its deviation from the median of the trailing hour (a 24th of that, at
 * least 5 points) and the hour of day (UTC). 100 trees of 256 rows each, seeded; the {@code 100 -
 * level}% highest-scoring points are flagged (the contamination). The score is the forest's anomaly
 * score in (0, 1]; {@code expected} is the trailing day's median; there is no band.
 */
final class IsolationForestDetector implements AnomalyDetector {
  static final int TREES = 100;
  static final int SAMPLE = 256;

  private final double contamination;
  private final long seed;

  IsolationForestDetector(double level, long seed) {
    if (!(level > 50 && level < 100)) {
      throw new InputException(
          String.format(Locale.ROOT, "level %s is out of range: expected (50, 100)", level));
    }
    this.contamination = 1 - level / 100;
    this.seed = seed;
  }

  @Override
  public String name() {
    return "iforest";
  }

  @Override
  public Detection detect(TimeSeries series) {
    Checks.enoughPoints(series);
    Seasonality season = Seasonality.of(series);
    long[] t = series.times();
    double[] y = series.values();
    int window = Math.clamp(season.period() == 0 ? 100 : season.period(), 20, 500);
    int shortWindow = Math.max(5, window / 24);
    int n = Checks.observed(y);
    int[] index = new int[n];
    double[] expected = new double[n];
    double[][] rows = new double[n][];
    SortedWindow trailing = new SortedWindow(window);
    SortedWindow recent = new SortedWindow(shortWindow);
    double previous = Double.NaN;
    int k = 0;
    for (int i = 0; i < y.length; i++) {
      double v = y[i];
      if (Double.isNaN(v)) {
        continue;
      }
      double median = trailing.size() == 0 ? v : trailing.median();
      double hour = Math.floorMod(t[i], Seasonality.DAY) / 3_600_000.0;
      double recentMedian = recent.size() == 0 ? v : recent.median();
      rows[k] =
          new double[] {
            v, Double.isNaN(previous) ? 0 : v - previous, v - median, v - recentMedian, hour
          };
      index[k] = i;
      expected[k] = median;
      trailing.push(v);
      recent.push(v);
      previous = v;
      k++;
    }
    IsolationForest forest = IsolationForest.fit(rows, TREES, SAMPLE, seed);
    double[] score = new double[n];
    for (int j = 0; j < n; j++) {
      score[j] = forest.score(rows[j]);
    }
    int flagged = (int) Math.ceil(contamination * n);
    int[] top =
        IntStream.range(0, n)
            .boxed()
            .sorted(Comparator.<Integer>comparingDouble(j -> -score[j]).thenComparingInt(j -> j))
            .limit(flagged)
            .mapToInt(Integer::intValue)
            .sorted()
            .toArray();
    List<AnomalyPoint> points = new ArrayList<>();
    for (int j : top) {
      int i = index[j];
      points.add(
          new AnomalyPoint(
              i,
              t[i],
              y[i],
              expected[j],
              Double.NaN,
              Double.NaN,
              score[j],
              AnomalyPoint.Kind.ISOLATION));
    }
    return Detection.of(points, y);
  }
}
