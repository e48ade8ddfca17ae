package dev.alo.engine.forecast;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.util.Arrays;

/**
 * A gap-free series at a fixed step: the history a {@link Forecaster} fits. Values are copied in
 * and out, so an instance never changes.
 */
public final class RegularSeries {
  private final long startMillis;
  private final long stepMillis;
  private final double[] values;

  private RegularSeries(long startMillis, long stepMillis, double[] values) {
    this.startMillis = startMillis;
    this.stepMillis = stepMillis;
    this.values = values;
  }

  /**
   * A series whose i-th value is at {@code startMillis + i * stepMillis}.
   *
   * @throws InputException when the step is not positive or a value is NaN or infinite
   */
  public static RegularSeries of(long startMillis, long stepMillis, double[] values) {
    if (stepMillis <= 0) {
      throw new InputException("series step: " + stepMillis + " ms (expected: > 0)");
    }
    for (int i = 0; i < values.length; i++) {
      if (!Double.isFinite(values[i])) {
        throw new InputException(
            "series value at index "
                + i
                + " is "
                + values[i]
                + " (expected: a finite number; fill gaps before forecasting)");
      }
    }
    return new RegularSeries(startMillis, stepMillis, values.clone());
  }

  /**
   * The series of a {@link TimeSeries} whose times are evenly spaced and whose values have no gaps.
   *
   * @throws InputException when the series is empty, irregular or has a gap
   */
  public static RegularSeries from(TimeSeries series) {
    if (series.size() < 2) {
      throw new InputException(
          "series '"
              + series.name()
              + "' has "
              + series.size()
              + " value(s) (expected: at least 2 to forecast)");
    }
    long step = series.timeAt(1) - series.timeAt(0);
    for (int i = 2; i < series.size(); i++) {
      long d = series.timeAt(i) - series.timeAt(i - 1);
      if (d != step) {
        throw new InputException(
            "series '"
                + series.name()
                + "' is not regular: step "
                + d
                + " ms at index "
                + i
                + " differs from "
                + step
                + " ms (expected: resample to a fixed interval first)");
      }
    }
    return of(series.timeAt(0), step, series.values());
  }

  public long startMillis() {
    return startMillis;
  }

  public long stepMillis() {
    return stepMillis;
  }

  public int size() {
    return values.length;
  }

  public double valueAt(int i) {
    return values[i];
  }

  /** A copy of the values. */
  public double[] values() {
    return values.clone();
  }

  /** The time of index i (also valid past the end, for future steps). */
  public long timeAt(int i) {
    return startMillis + i * stepMillis;
  }

  /** The first {@code n} values, same start and step. */
  public RegularSeries head(int n) {
    return new RegularSeries(startMillis, stepMillis, Arrays.copyOf(values, n));
  }

  double[] unsafeValues() {
    return values;
  }
}
