package dev.alo.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.InputException;
import dev.alo.engine.series.TimeSeries;
import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RateCurveTest {

  private static TimeSeries trace(long stepMillis, double... rates) {
    long[] t = new long[rates.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = 1_700_000_000_000L + i * stepMillis;
    }
    return TimeSeries.of("t", t, rates);
  }

  @Test
  void constant_requestKDueAtKOverRate() {
    RateCurve c = RateCurve.constant(200, Duration.ofMillis(500));
    assertThat(c.requests()).isEqualTo(100);
    assertThat(c.dueAt(0)).isZero();
    assertThat(c.dueAt(1)).isEqualTo(5_000_000);
    assertThat(c.dueAt(99)).isEqualTo(495_000_000);
  }

  @Test
  void trace_hourAtTimeScale60_lastsAMinuteAtTheSameRates() {
    // 0 -> 100 req/s over an hour of trace, played in a minute.
    RateCurve c = RateCurve.fromTrace(trace(3_600_000, 0, 100), 60, 1);
    assertThat(c.length()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.rateAt(30_000_000_000L)).isCloseTo(50, within(1e-9));
    // Area of the ramp: 60 s * 100 / 2.
    assertThat(c.expected()).isCloseTo(3000, within(1e-6));
    // Half the requests of a linear ramp are due at 1/sqrt(2) of its length.
    assertThat(c.dueAt(1500) / 1e9).isCloseTo(60 / Math.sqrt(2), within(1e-6));
  }

  @Test
  void trace_rateScaleMultiplies_gapsBridged() {
    RateCurve c = RateCurve.fromTrace(trace(1000, 10, Double.NaN, 30), 1, 2);
    assertThat(c.rateAt(1_000_000_000L)).isCloseTo(40, within(1e-9));
    assertThat(c.expected()).isCloseTo(80, within(1e-9));
  }

  @Test
  void maxRate_theHighestPointOfTheCurve() {
    assertThat(RateCurve.fromTrace(trace(1000, 10, 70, 30), 1, 2).maxRate()).isEqualTo(140);
    assertThat(RateCurve.constant(5, Duration.ofSeconds(1)).maxRate()).isEqualTo(5);
  }

  @Test
  void trace_badInput_clearMessages() {
    assertThatThrownBy(() -> RateCurve.fromTrace(trace(1000, 5), 1, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("a single rate")
        .hasMessageContaining("at least two rows");
    assertThatThrownBy(() -> RateCurve.fromTrace(trace(1000, Double.NaN, Double.NaN), 1, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("no rate");
    assertThatThrownBy(() -> RateCurve.fromTrace(trace(1000, 5, -1, 3), 1, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("rate -1.0 at row 2")
        .hasMessageContaining(">= 0");
    assertThatThrownBy(() -> RateCurve.fromTrace(trace(1000, 0, 0), 1, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("fewer than one request");
    assertThatThrownBy(() -> RateCurve.fromTrace(trace(1000, 1, 1), 0, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("--time-scale 0.0");
  }

  @Test
  void truncate_keepsTheStart_refusesBeyondTheEnd() {
    RateCurve c = RateCurve.fromTrace(trace(10_000, 0, 100), 1, 1);
    RateCurve first = c.truncate(Duration.ofSeconds(5));
    assertThat(first.length()).isEqualTo(Duration.ofSeconds(5));
    assertThat(first.expected()).isCloseTo(5 * 50 / 2.0, within(1e-9));
    assertThatThrownBy(() -> c.truncate(Duration.ofSeconds(11)))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("11000 ms is beyond the curve, which lasts 10000 ms");
  }

  @Property(tries = 200)
  void dueTimes_nonDecreasing_andMatchTheArea(
      @ForAll @Size(min = 2, max = 6) java.util.List<@DoubleRange(min = 0, max = 500) Double> rates,
      @ForAll @IntRange(min = 100, max = 5000) int stepMillis) {
    double[] r = rates.stream().mapToDouble(Double::doubleValue).toArray();
    r[0] += 30; // at least one request, even over the shortest step
    RateCurve c = RateCurve.fromTrace(trace(stepMillis, r), 1, 1);
    long n = c.requests();
    long previous = -1;
    for (long k = 0; k < n; k++) {
      long t = c.dueAt(k);
      assertThat(t).isGreaterThanOrEqualTo(previous).isLessThanOrEqualTo(c.length().toNanos());
      previous = t;
    }
    assertThat((double) n).isCloseTo(c.expected(), within(1.0 + 1e-6));
  }
}
