package dev.alo.engine.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SojournRecorderTest {

  @Property(tries = 200)
  void valueAtPercentile_isTheHistogramsInBothForms(
      @ForAll @Size(min = 1, max = 2 * SojournRecorder.EXACT + 10)
          List<@LongRange(min = 1, max = 2_000_000_000_000L) Long> values,
      @ForAll @DoubleRange(min = 0, max = 100) double percentile) {
    SojournRecorder r = new SojournRecorder();
    Histogram h = new Histogram(3);
    for (long v : values) {
      r.record(v);
      h.recordValue(v);
    }
    for (double p : new double[] {percentile, 0, 50, 95, 99, 100}) {
      assertThat(r.valueAtPercentile(p))
          .as("p%s of %s values", p, values.size())
          .isEqualTo(h.getValueAtPercentile(p));
    }
  }

  @Test
  void valueAtPercentile_nothingRecorded_isZero() {
    assertThat(new SojournRecorder().valueAtPercentile(50)).isZero();
  }
}
