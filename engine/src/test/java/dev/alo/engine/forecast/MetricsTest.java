package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.InputException;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private final double[] a = {10, 20, 30, 40};
  private final double[] f = {12, 18, 33, 40};

  @Test
  void maeMseRmse_handComputed() {
    // errors -2, 2, -3, 0
    assertThat(Metrics.mae(a, f)).isCloseTo(7.0 / 4, within(1e-12));
    assertThat(Metrics.mse(a, f)).isCloseTo(17.0 / 4, within(1e-12));
    assertThat(Metrics.rmse(a, f)).isCloseTo(Math.sqrt(17.0 / 4), within(1e-12));
  }

  @Test
  void mapeAndSmape_handComputed() {
    double mape = (100 * 2.0 / 10 + 100 * 2.0 / 20 + 100 * 3.0 / 30 + 0) / 4;
    double smape = (200 * 2.0 / 22 + 200 * 2.0 / 38 + 200 * 3.0 / 63 + 0) / 4;
    assertThat(Metrics.mape(a, f)).isCloseTo(mape, within(1e-12));
    assertThat(Metrics.smape(a, f)).isCloseTo(smape, within(1e-12));
    assertThat(Metrics.smape(new double[] {0}, new double[] {0})).isZero();
  }

  @Test
  void mase_scalesBySeasonalNaiveMaeOfTraining() {
    double[] train = {1, 2, 3, 5, 4, 9};
    // lag 2 differences: 2, 3, 1, 4 → mean 2.5
    assertThat(Metrics.maseScale(train, 2)).isCloseTo(2.5, within(1e-12));
    assertThat(Metrics.mase(a, f, train, 2)).isCloseTo(7.0 / 4 / 2.5, within(1e-12));
  }

  @Test
  void coverage_countsBoundsAsInside() {
    double[] lo = {9, 21, 25, 40};
    double[] hi = {10, 25, 35, 41};
    assertThat(Metrics.coverage(a, lo, hi)).isCloseTo(0.75, within(1e-12));
  }

  @Test
  void metrics_mismatchedOrShortInputs_throwInputException() {
    assertThatThrownBy(() -> Metrics.mae(a, new double[] {1}))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("4 and 1");
    assertThatThrownBy(() -> Metrics.maseScale(new double[] {1, 2}, 24))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("m = 24");
  }
}
