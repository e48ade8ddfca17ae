package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class BacktestTest {
  @Test
  void rollingOrigin_lastOriginLeavesOneHorizon_earlierStepBackByPeriod() {
    List<Backtest.Split> s = Backtest.rollingOrigin(100, 50, 12, 24);
    assertThat(s).extracting(Backtest.Split::trainEnd).containsExactly(52, 64, 76);
    assertThat(s).allMatch(x -> x.horizon() == 24);
  }

  @Test
  void rollingOrigin_tooShort_saysHowManyValuesAreNeeded() {
    assertThatThrownBy(() -> Backtest.rollingOrigin(60, 50, 12, 24))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("at least 74 values");
  }

  @Test
  void run_scoresEveryOrigin() {
    double[] y = Synthetic.hourlyLoad(24 * 12, 50, 10, 1, 8);
    List<Backtest.Fold> folds =
        Backtest.run(
            Forecaster.seasonalNaive(),
            Synthetic.hourly(y),
            Backtest.rollingOrigin(y.length, 24 * 7, 24, 24),
            24,
            0.8);
    assertThat(folds).hasSize(5);
    assertThat(folds).allMatch(f -> f.mase() > 0 && f.mase() < 3 && f.coverage() >= 0);
  }
}
