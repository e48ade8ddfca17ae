package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.stats.Quantiles;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TracesTest {
  @Test
  void interpolate_linearAtTheControlInterval_bridgingGaps() {
    TimeSeries trace =
        TimeSeries.of(
            "rps",
            new long[] {0, 300_000, 600_000, 900_000},
            new double[] {10, 20, Double.NaN, 50});
    RegularSeries s = Traces.interpolate(trace, Duration.ofMinutes(1));
    assertThat(s.size()).isEqualTo(16);
    assertThat(s.stepMillis()).isEqualTo(60_000);
    assertThat(s.valueAt(0)).isEqualTo(10);
    assertThat(s.valueAt(1)).isCloseTo(12, within(1e-9));
    assertThat(s.valueAt(5)).isEqualTo(20);
    assertThat(s.valueAt(10)).isCloseTo(35, within(1e-9)); // across the NaN, 20 → 50
    assertThat(s.valueAt(15)).isEqualTo(50);
  }

  @Test
  void scaleToPeakServers_the99thPercentileBecomesThePeak() {
    double[] v = new double[1000];
    for (int i = 0; i < v.length; i++) {
      v[i] = i;
    }
    v[999] = 1e6; // a burst does not set the scale
    RegularSeries s = Traces.scaleToPeakServers(RegularSeries.of(0, 60_000, v), 20);
    assertThat(Quantiles.of(s.values(), 0.99)).isCloseTo(20, within(1e-9));
    assertThat(s.valueAt(999)).isGreaterThan(20_000);
  }

  @Test
  void scaleToPeakServers_rejectsAnAllZeroTrace() {
    assertThatThrownBy(
            () -> Traces.scaleToPeakServers(RegularSeries.of(0, 1, new double[] {0, 0}), 5))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("99th percentile is 0.0");
  }

  @Test
  void interpolate_refusesMoreIntervalsThanAnArrayHolds() {
    TimeSeries year = TimeSeries.of("x", new long[] {0, 366L * 86_400_000}, new double[] {1, 2});
    assertThatThrownBy(() -> Traces.interpolate(year, Duration.ofMillis(1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("spans 366d: more than");
  }

  @Test
  void interpolate_needsTwoFiniteValues() {
    TimeSeries one = TimeSeries.of("x", new long[] {0, 1}, new double[] {1, Double.NaN});
    assertThatThrownBy(() -> Traces.interpolate(one, Duration.ofMinutes(1)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("1 finite value(s)");
  }
}
