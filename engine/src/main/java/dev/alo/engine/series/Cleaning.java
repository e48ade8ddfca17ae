package dev.alo.engine.series;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jspecify.annotations.Nullable;

/**
 * A preprocessing recipe, applied in this order: resample to a fixed interval (optional), clip
 * outliers beyond {@code k·IQR} (optional; before filling, so filled values never come from an
 * outlier and repeated fill values do not move the quartiles), then fill gaps.
 */
public final class Cleaning {
  private static final Cleaning NONE = new Cleaning(null, Aggregation.MEAN, GapFill.NONE, null);

  private final @Nullable Duration resample;
  private final Aggregation aggregation;
  private final GapFill fill;
  private final @Nullable Double clipFactor;

  private Cleaning(
      @Nullable Duration resample,
      Aggregation aggregation,
      GapFill fill,
      @Nullable Double clipFactor) {
    this.resample = resample;
    this.aggregation = aggregation;
    this.fill = fill;
    this.clipFactor = clipFactor;
  }

  /** A recipe that changes nothing; add steps with the {@code with…} methods. */
  public static Cleaning none() {
    return NONE;
  }

  /** Resample to this interval. */
  public Cleaning withResample(Duration interval) {
    if (interval.toMillis() <= 0) {
      throw new IllegalArgumentException("interval: " + interval + " (expected: at least 1ms)");
    }
    return new Cleaning(interval, aggregation, fill, clipFactor);
  }

  /** Do not resample. */
  public Cleaning withoutResample() {
    return new Cleaning(null, aggregation, fill, clipFactor);
  }

  /** Aggregate each resampling bucket this way. */
  public Cleaning withAggregation(Aggregation agg) {
    return new Cleaning(resample, Objects.requireNonNull(agg), fill, clipFactor);
  }

  /** Fill gaps this way. */
  public Cleaning withFill(GapFill gapFill) {
    return new Cleaning(resample, aggregation, Objects.requireNonNull(gapFill), clipFactor);
  }

  /** Clip values beyond {@code factor·IQR} outside the quartiles. */
  public Cleaning withClipIqr(double factor) {
    if (!(factor >= 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("IQR factor: " + factor + " (expected: >= 0)");
    }
    return new Cleaning(resample, aggregation, fill, factor);
  }

  /** Do not clip outliers. */
  public Cleaning withoutClip() {
    return new Cleaning(resample, aggregation, fill, null);
  }

  public Optional<Duration> resample() {
    return Optional.ofNullable(resample);
  }

  public Aggregation aggregation() {
    return aggregation;
  }

  public GapFill fill() {
    return fill;
  }

  public OptionalDouble clipIqr() {
    return clipFactor == null ? OptionalDouble.empty() : OptionalDouble.of(clipFactor);
  }

  /**
   * What cleaning did.
   *
   * @param table the cleaned table
   * @param clipped values moved onto a fence, over all columns
   * @param filled gaps filled, over all columns
   * @param gapsLeft gaps remaining, over all columns
   */
  public record Result(SeriesTable table, int clipped, int filled, int gapsLeft) {}

  /** Applies the recipe to every column of the table. */
  public Result apply(SeriesTable table) {
    SeriesTable t = table;
    if (resample != null) {
      t = Resampling.resample(t, resample, aggregation);
    }
    int clipped = 0;
    if (clipFactor != null) {
      SeriesTable c = OutlierClipping.clip(t, clipFactor);
      clipped = differences(t, c);
      t = c;
    }
    int before = gaps(t);
    t = fill.fill(t);
    int after = gaps(t);
    return new Result(t, clipped, before - after, after);
  }

  /** Applies the recipe to one series. */
  public TimeSeries apply(TimeSeries series) {
    TimeSeries r = apply(SeriesTable.ofSeries(java.util.List.of(series))).table().series(0);
    return TimeSeries.of(r.name(), r.times(), r.values(), series.unit())
        .withTimestampFormat(series.timestampFormat());
  }

  private static int differences(SeriesTable a, SeriesTable b) {
    int n = 0;
    for (int c = 0; c < a.columnCount(); c++) {
      for (int i = 0; i < a.size(); i++) {
        if (Double.compare(a.valueAt(c, i), b.valueAt(c, i)) != 0) {
          n++;
        }
      }
    }
    return n;
  }

  private static int gaps(SeriesTable t) {
    int n = 0;
    for (int c = 0; c < t.columnCount(); c++) {
      for (int i = 0; i < t.size(); i++) {
        if (Double.isNaN(t.valueAt(c, i))) {
          n++;
        }
      }
    }
    return n;
  }

  @Override
  public String toString() {
    return "Cleaning[resample="
        + resample
        + ", agg="
        + aggregation.cliName()
        + ", fill="
        + fill.cliName()
        + ", clipIqr="
        + clipFactor
        + "]";
  }
}
