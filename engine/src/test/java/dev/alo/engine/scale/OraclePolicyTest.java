package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.forecast.RegularSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class OraclePolicyTest {
  static final RegularSeries DEMAND =
      RegularSeries.of(0, 60_000, new double[] {0.9, 0.9, 0.9, 4.5, 0.9, 0.9, 0.9, 0.9});
  static final ScalingConfig CONFIG =
      ScalingConfig.builder().provisioningDelay(Duration.ofMinutes(2)).build();

  static int at(ScalingPolicy p, int minute) {
    return p.decide(Observation.of(minute * 60_000L, 1, 1, 1, 0.5, LoadHistory.of(DEMAND)))
        .desiredReplicas();
  }

  @Test
  void oracle_asksAheadByTheDelayForWhatTheSloUtilizationNeeds() {
    ScalingPolicy p = ScalingPolicy.oracle(CONFIG, DEMAND);
    // 4.5 at 90 % needs 5, from minute 3; asked for 2 minutes ahead (minutes 1 to 3)
    assertThat(at(p, 0)).isEqualTo(1);
    assertThat(at(p, 1)).isEqualTo(5);
    assertThat(at(p, 3)).isEqualTo(5);
    assertThat(at(p, 4)).isEqualTo(1);
    assertThat(p.decide(Observation.of(0, 1, 1, 1, 0.5, LoadHistory.of(DEMAND))).rule())
        .isEqualTo("oracle");
  }

  @Test
  void staticPeak_alwaysWhatThePeakNeeds() {
    ScalingPolicy p = ScalingPolicy.staticPeak(CONFIG, DEMAND);
    for (int m = 0; m < DEMAND.size(); m++) {
      assertThat(at(p, m)).isEqualTo(5);
    }
  }

  @Test
  void bounds_maxCapsTheNeed() {
    ScalingConfig capped = ScalingConfig.builder().maxReplicas(3).build();
    assertThat(at(ScalingPolicy.staticPeak(capped, DEMAND), 0)).isEqualTo(3);
  }
}
