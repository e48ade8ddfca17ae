package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProtocolV1Test {
  private static final long H = 3_600_000L;
  private static final long M = 60_000L;

  @Test
  void hourly_meansEachHourAndInterpolatesMissingHours() {
    long[] t = {
      10 * H + 5 * M,
      10 * H + 35 * M, // hour 10: mean of 2 and 4
      11 * H, // hour 11: 6
      14 * H + 59 * M // hour 14: 12; hours 12 and 13 missing
    };
    double[] v = {2, 4, 6, 12};
    RegularSeries s = ProtocolV1.hourly(t, v);
    assertThat(s.startMillis()).isEqualTo(10 * H);
    assertThat(s.stepMillis()).isEqualTo(H);
    assertThat(s.values()).containsExactly(3, 6, 8, 10, 12);
  }

  @Test
  void hourly_ignoresNaNValues() {
    RegularSeries s = ProtocolV1.hourly(new long[] {0, H, 2 * H}, new double[] {1, Double.NaN, 5});
    assertThat(s.values()).containsExactly(1, 3, 5);
  }

  @Test
  void evaluate_trainsOnTheFirstNMinus24kHours() {
    double[] y = Synthetic.hourlyLoad(24 * 10, 50, 10, 1, 2);
    long[] clock = {0};
    ProtocolV1.SeriesResult r =
        ProtocolV1.evaluate(
            "s", Forecaster.seasonalNaive(), Synthetic.hourly(y), () -> clock[0] += 1_000_000);
    assertThat(r.origins()).extracting(ProtocolV1.Origin::k).containsExactly(3, 2, 1);
    assertThat(r.origins())
        .extracting(ProtocolV1.Origin::nTrain)
        .containsExactly(240 - 72, 240 - 48, 240 - 24);
    assertThat(r.seconds()).isCloseTo(0.001, within(1e-12));
  }

  @Test
  void summarize_geometricMeanOfMase() {
    ProtocolV1.SeriesResult a =
        new ProtocolV1.SeriesResult("a", List.of(new ProtocolV1.Origin(1, 10, 10, 0.5, 1, 0)));
    ProtocolV1.SeriesResult b =
        new ProtocolV1.SeriesResult("b", List.of(new ProtocolV1.Origin(1, 10, 20, 2.0, 0.5, 0)));
    ProtocolV1.Summary s = ProtocolV1.summarize(List.of(a, b));
    assertThat(s.gmMase()).isCloseTo(1.0, within(1e-12));
    assertThat(s.mase()).isCloseTo(1.25, within(1e-12));
    assertThat(s.smape()).isCloseTo(15, within(1e-12));
    assertThat(s.coverage80()).isCloseTo(0.75, within(1e-12));
  }
}
