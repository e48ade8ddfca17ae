package dev.alo.engine.anomaly;

import dev.alo.engine.series.TimeSeries;
import java.util.Random;

/** A seasonal test series (15-minute steps, daily cycle, Gaussian noise) with known anomalies. */
final class SyntheticAnomalies {
  static final long STEP = 15 * 60_000L;
  static final long START = 1_700_006_400_000L; // 2023-11-15T00:00Z
  static final double NOISE = 2;
  static final int N = 96 * 30;
  static final int[] SPIKES = {700, 1100, 1500, 1501, 1900};
  static final int SHIFT_AT = 2300;
  static final double SHIFT = 40;

  private SyntheticAnomalies() {}

  /**
   * 30 days; spikes of ±12 noise sd at {@link #SPIKES}; a +20 sd level shift from {@link
   * #SHIFT_AT}.
   */
  static TimeSeries series(long seed) {
    Random rnd = new Random(seed);
    long[] t = new long[N];
    double[] y = new double[N];
    for (int i = 0; i < N; i++) {
      t[i] = START + i * STEP;
      y[i] = 100 + 30 * Math.sin(2 * Math.PI * i / 96.0) + NOISE * rnd.nextGaussian();
      if (i >= SHIFT_AT) {
        y[i] += SHIFT;
      }
    }
    for (int k = 0; k < SPIKES.length; k++) {
      y[SPIKES[k]] += (k % 2 == 0 ? 1 : -1) * 12 * NOISE;
    }
    return TimeSeries.of("synthetic", t, y);
  }

  static boolean isSpike(int i) {
    for (int s : SPIKES) {
      if (s == i) {
        return true;
      }
    }
    return false;
  }
}
