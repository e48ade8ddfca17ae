package dev.alo.engine.anomaly;

import dev.alo.engine.series.TimeSeries;
import java.util.Arrays;

/** The sampling step and the daily (or weekly, for daily data) period a series implies. */
record Seasonality(long stepMillis, int period) {
  static final long DAY = 86_400_000L;

  /** The median spacing of the timestamps; the period is a day's worth of steps, 0 if none. */
  static Seasonality of(TimeSeries s) {
    int n = s.size();
    long step = 0;
    if (n >= 2) {
      long[] d = new long[n - 1];
      for (int i = 1; i < n; i++) {
        d[i - 1] = s.timeAt(i) - s.timeAt(i - 1);
      }
      Arrays.sort(d);
      step = d[d.length / 2];
    }
    int period = 0;
    if (step > 0 && step < DAY && DAY % step == 0) {
      period = (int) (DAY / step);
    } else if (step == DAY) {
      period = 7;
    }
    // A seasonal profile needs a few cycles to be learnt; without them there is none.
    if (period > 0 && (period < 2 || n < 3L * period)) {
      period = 0;
    }
    return new Seasonality(step, period);
  }

  /** The phase of a time within the period (0 when there is no period). */
  int phase(long time) {
    return period == 0 ? 0 : (int) Math.floorMod(Math.floorDiv(time, stepMillis), (long) period);
  }
}
