package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.RegularSeries;
import java.util.List;
import org.junit.jupiter.api.Test;

class CapacityPlanTest {
  static final long FIVE_MINUTES = 300_000;

  /** Three days of 5-minute load: 100 at night, 1,000 from 12:00 to 13:00, 400 otherwise. */
  static RegularSeries days() {
    double[] v = new double[3 * 288];
    for (int i = 0; i < v.length; i++) {
      int minute = (i % 288) * 5;
      v[i] = minute < 6 * 60 ? 100 : minute >= 12 * 60 && minute < 13 * 60 ? 1_000 : 400;
    }
    return RegularSeries.of(0, FIVE_MINUTES, v);
  }

  @Test
  void fiveMinuteForecast_oneRowPerHour_withItsHighestLoad_andServersAtTheTarget() {
    Forecast f = Forecaster.seasonalNaive().forecast(days(), 288, 0.8);
    List<CapacityPlan.Row> plan = CapacityPlan.of(f, FIVE_MINUTES, 100, 60, 1);
    assertThat(plan).hasSize(24);
    CapacityPlan.Row noon = plan.get(12);
    assertThat(noon.startMillis()).isEqualTo(3 * 86_400_000L + 12 * 3_600_000L);
    assertThat(noon.expected()).isEqualTo(1_000);
    // 1,000 at 60 % of 100 per server: ceil(16.67) = 17
    assertThat(noon.expectedServers()).isEqualTo(17);
    assertThat(plan.get(3).expected()).isEqualTo(100);
    assertThat(plan.get(3).expectedServers()).isEqualTo(2);
    for (CapacityPlan.Row r : plan) {
      assertThat(r.upper()).isGreaterThanOrEqualTo(r.expected());
      assertThat(r.servers())
          .isEqualTo((int) Math.max(1, Math.ceil(r.upper() / 60 - 1e-9)))
          .isGreaterThanOrEqualTo(r.expectedServers());
    }
  }

  @Test
  void stepsOfAnHourOrMore_areRowsOfTheirOwn() {
    double[] v = new double[48];
    java.util.Arrays.fill(v, 50);
    Forecast f = Forecaster.seasonalNaive().forecast(RegularSeries.of(0, 7_200_000, v), 6, 0.8);
    List<CapacityPlan.Row> plan = CapacityPlan.of(f, 7_200_000, 10, 100, 0);
    assertThat(plan).hasSize(6);
    assertThat(plan.get(1).startMillis() - plan.get(0).startMillis()).isEqualTo(7_200_000);
    assertThat(plan.get(0).expectedServers()).isEqualTo(5);
  }

  @Test
  void settingsOutOfRange_areRefusedNamingTheValue() {
    Forecast f = Forecaster.seasonalNaive().forecast(days(), 12, 0.8);
    assertThatThrownBy(() -> CapacityPlan.of(f, FIVE_MINUTES, 0, 60, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("capacity: 0.0");
    assertThatThrownBy(() -> CapacityPlan.of(f, FIVE_MINUTES, 10, 120, 1))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("target: 120.0");
  }
}
