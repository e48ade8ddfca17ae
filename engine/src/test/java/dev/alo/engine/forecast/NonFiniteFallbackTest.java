package dev.alo.engine.forecast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class NonFiniteFallbackTest {
  /** A model that breaks down: NaN everywhere. */
  private static final class BrokenModel implements Model {
    @Override
    public String name() {
      return "broken";
    }

    @Override
    public Prediction predict(double[] y, int horizon, double level, double[] periods) {
      double[] nan = new double[horizon];
      Arrays.fill(nan, Double.NaN);
      return new Prediction("broken", nan, nan.clone(), nan.clone());
    }
  }

  @Test
  void forecast_modelGivesNaN_fallsBackToSeasonalNaiveWithANote() {
    double[] y = Synthetic.hourlyLoad(24 * 5, 50, 10, 1, 1);
    Forecast f = new CheckedForecaster(new BrokenModel()).forecast(Synthetic.hourly(y), 24, 0.8);
    assertThat(f.model()).isEqualTo("snaive(24)");
    assertThat(f.mean()[0]).isEqualTo(y[y.length - 24]);
    assertThat(f.notes().get(0)).contains("broken gave non-finite values");
  }
}
