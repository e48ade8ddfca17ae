package dev.alo.engine.series;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CleaningTest {
  static final long H = 3_600_000L;

  @Test
  void apply_resamplesThenClipsThenFills() {
    long[] t = new long[10];
    double[] v = new double[10];
    for (int i = 0; i < 10; i++) {
      t[i] = i * H + (i == 9 ? 2 * H : 0); // a one-hour hole before the last point
      v[i] = i == 5 ? 1000 : i;
    }
    SeriesTable table =
        SeriesTable.of("ts", t, List.of("v"), List.of(v), TimestampFormat.dateTime());
    Cleaning.Result r =
        Cleaning.none()
            .withResample(Duration.ofHours(1))
            .withFill(GapFill.FFILL)
            .withClipIqr(1.5)
            .apply(table);
    // values 0..4, 1000, 6, 7, 8, 9 (n = 10): Q1 = 2.25, Q3 = 7.75, upper fence 16
    assertThat(r.table().values(0)).containsExactly(0, 1, 2, 3, 4, 16, 6, 7, 8, 8, 8, 9);
    assertThat(r.clipped()).isEqualTo(1);
    assertThat(r.filled()).isEqualTo(2);
    assertThat(r.gapsLeft()).isZero();
    assertThat(r.table().timestampFormat()).isEqualTo(TimestampFormat.dateTime());
    assertThat(r.table().timeColumn()).isEqualTo("ts");
  }

  @Test
  void none_changesNothing() {
    TimeSeries s = TimeSeries.of("x", new long[] {0, 5}, new double[] {1, Double.NaN});
    assertThat(Cleaning.none().apply(s).values()).containsExactly(1, Double.NaN);
  }
}
