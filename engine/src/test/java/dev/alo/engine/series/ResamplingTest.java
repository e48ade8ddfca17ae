package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ResamplingTest {
  static final long H = 3_600_000L;
  static final long T0 = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

  // 00:10=1, 00:20=2, 00:50=3 | 01:30=4 | (02:xx empty) | 03:05=gap, 03:10=6
  static final TimeSeries SERIES =
      TimeSeries.of(
          "load",
          new long[] {
            T0 + 10 * 60_000,
            T0 + 20 * 60_000,
            T0 + 50 * 60_000,
            T0 + 90 * 60_000,
            T0 + 185 * 60_000,
            T0 + 190 * 60_000
          },
          new double[] {1, 2, 3, 4, Double.NaN, 6});

  static double[] resample(Aggregation agg) {
    TimeSeries r = Resampling.resample(SERIES, Duration.ofHours(1), agg);
    assertThat(r.times()).containsExactly(T0, T0 + H, T0 + 2 * H, T0 + 3 * H);
    return r.values();
  }

  @Test
  void resample_eachAggregation_matchesHandComputedBuckets() {
    assertThat(resample(Aggregation.MEAN)).containsExactly(2, 4, Double.NaN, 6);
    assertThat(resample(Aggregation.SUM)).containsExactly(6, 4, Double.NaN, 6);
    assertThat(resample(Aggregation.MAX)).containsExactly(3, 4, Double.NaN, 6);
    assertThat(resample(Aggregation.MIN)).containsExactly(1, 4, Double.NaN, 6);
    assertThat(resample(Aggregation.LAST)).containsExactly(3, 4, Double.NaN, 6);
  }

  @Test
  void resample_bucketsAlignToTheEpochFloorEvenBefore1970() {
    long t = -90 * 60_000L; // 1969-12-31T22:30Z
    TimeSeries s = TimeSeries.of("x", new long[] {t, t + 60_000}, new double[] {1, 3});
    TimeSeries r = Resampling.resample(s, Duration.ofHours(1), Aggregation.MEAN);
    assertThat(r.times()).containsExactly(-2 * H);
    assertThat(r.values()).containsExactly(2);
  }

  @Test
  void resample_keepsNameAndTimestampStyle() {
    TimeSeries s = SERIES.withTimestampFormat(TimestampFormat.dateTime());
    TimeSeries r = Resampling.resample(s, Duration.ofMinutes(30), Aggregation.MEAN);
    assertThat(r.name()).isEqualTo("load");
    assertThat(r.timestampFormat()).isEqualTo(TimestampFormat.dateTime());
    assertThat(r.values()).containsExactly(1.5, 3, Double.NaN, 4, Double.NaN, Double.NaN, 6);
  }

  @Test
  void aggregationParse_unknownName_listsTheNames() {
    assertThat(Aggregation.parse("SUM")).isEqualTo(Aggregation.SUM);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aggregation.parse("avg"))
        .hasMessageContaining("'avg'")
        .hasMessageContaining("mean, sum, max, min, last");
  }
}
