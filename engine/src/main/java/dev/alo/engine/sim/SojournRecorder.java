package dev.alo.engine.sim;

import java.util.Arrays;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One server's sojourn times, nanoseconds: the values themselves while there are at most {@value
 * #EXACT} of them, an HdrHistogram with 3 significant digits beyond. A histogram for second-scale
 * values holds some 20,000 counters (about 170 KB), so a pool of many lightly used servers costs
 * what its requests cost, not 170 KB per server. Percentiles are the histogram's in both forms (the
 * highest value equivalent to the one at the rank), so a server reads the same whichever form it is
 * in.
 */
final class SojournRecorder {
  /** Values kept as they are before moving to a histogram (16 KB). */
  static final int EXACT = 2048;

  /** Used only for its value-equivalence arithmetic, which depends on the precision alone. */
  private static final Histogram SCALE = new Histogram(3);

  private long[] values = new long[4];
  private int count;
  private @Nullable Histogram histogram;

  void record(long nanos) {
    Histogram h = histogram;
    if (h != null) {
      h.recordValue(nanos);
      return;
    }
    if (count == values.length) {
      if (count == EXACT) {
        h = new Histogram(3);
        for (int i = 0; i < count; i++) {
          h.recordValue(values[i]);
        }
        h.recordValue(nanos);
        histogram = h;
        values = new long[0];
        return;
      }
      values = Arrays.copyOf(values, Math.min(EXACT, count * 2));
    }
    values[count++] = nanos;
  }

  /**
   * The value at a percentile (0 to 100) of the recorded ones, as {@link
   * Histogram#getValueAtPercentile(double)} gives it; 0 when none was recorded.
   */
  long valueAtPercentile(double percentile) {
    Histogram h = histogram;
    if (h != null) {
      return h.getValueAtPercentile(percentile);
    }
    if (count == 0) {
      return 0;
    }
    double p = Math.min(Math.max(Math.nextDown(percentile), 0), 100);
    long rank = Math.max(1, (long) Math.ceil(p * count / 100));
    long[] sorted = Arrays.copyOf(values, count);
    Arrays.sort(sorted);
    long v = sorted[(int) Math.min(rank, count) - 1];
    return percentile == 0 ? SCALE.lowestEquivalentValue(v) : SCALE.highestEquivalentValue(v);
  }
}
