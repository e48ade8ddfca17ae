package dev.alo.engine.series;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The sampling interval of possibly irregular timestamps: the most common positive difference when
 * at least half of the differences share it, else their median; rounded to a "nice" interval (1s,
 * 5s, 10s, 15s, 30s, 1m, 2m, 5m, 10m, 15m, 30m, 1h, 2h, 3h, 6h, 12h, 1d, 7d) when within 5% of one.
 *
 * @param interval the inferred interval
 * @param regularShare the share (0–1) of differences equal to the interval
 */
public record SamplingInterval(Duration interval, double regularShare) {
  private static final long[] NICE = {
    1_000L,
    5_000L,
    10_000L,
    15_000L,
    30_000L,
    60_000L,
    120_000L,
    300_000L,
    600_000L,
    900_000L,
    1_800_000L,
    3_600_000L,
    7_200_000L,
    10_800_000L,
    21_600_000L,
    43_200_000L,
    86_400_000L,
    604_800_000L
  };

  /** The interval of sorted timestamps, or empty when there are fewer than two distinct ones. */
  public static Optional<SamplingInterval> infer(long[] sortedEpochMillis) {
    long[] d = new long[Math.max(sortedEpochMillis.length - 1, 0)];
    int n = 0;
    for (int i = 1; i < sortedEpochMillis.length; i++) {
      long diff = sortedEpochMillis[i] - sortedEpochMillis[i - 1];
      if (diff > 0) {
        d[n++] = diff;
      }
    }
    if (n == 0) {
      return Optional.empty();
    }
    long[] diffs = Arrays.copyOf(d, n);
    Arrays.sort(diffs);
    long mode = diffs[0];
    int modeCount = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j < n && diffs[j] == diffs[i]) {
        j++;
      }
      if (j - i > modeCount) {
        modeCount = j - i;
        mode = diffs[i];
      }
      i = j;
    }
    long chosen = 2L * modeCount >= n ? mode : diffs[n / 2];
    long nice = nice(chosen);
    int equal = 0;
    for (long x : diffs) {
      if (x == nice) {
        equal++;
      }
    }
    return Optional.of(new SamplingInterval(Duration.ofMillis(nice), (double) equal / n));
  }

  private static long nice(long ms) {
    for (long c : NICE) {
      if (Math.abs(ms - c) <= c * 0.05) {
        return c;
      }
    }
    return ms;
  }

  /** Whether every difference equals the interval. */
  public boolean isRegular() {
    return regularShare == 1.0;
  }
}
