package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ThresholdPolicyTest {
  static final LoadHistory NONE = LoadHistory.empty(0, 60_000);

  static Observation at(long seconds, int replicas, double percent) {
    return Observation.of(
        seconds * 1000, replicas, replicas, replicas, replicas * percent / 100, NONE);
  }

  @Test
  void defaults_oneUpAbove80_oneDownBelow20_holdBetween() {
    ScalingPolicy p = ScalingPolicy.threshold(ScalingConfig.defaults());
    assertThat(p.decide(at(0, 3, 81)).desiredReplicas()).isEqualTo(4);
    assertThat(p.decide(at(60, 3, 80)).desiredReplicas()).isEqualTo(3);
    assertThat(p.decide(at(120, 3, 20)).rule()).isEqualTo("hold");
    ScalingDecision down = p.decide(at(180, 3, 19));
    assertThat(down.desiredReplicas()).isEqualTo(2);
    assertThat(down.rule()).isEqualTo("scale-down");
    assertThat(down.describe()).isEqualTo("2 (scale-down: utilisation 19.0%, recommended 2)");
  }

  @Test
  void bounds_neverUnderMinNorOverMax() {
    ScalingPolicy p = ScalingPolicy.threshold(ScalingConfig.builder().maxReplicas(3).build());
    assertThat(p.decide(at(0, 1, 0)).desiredReplicas()).isEqualTo(1);
    assertThat(p.decide(at(60, 3, 100)).desiredReplicas()).isEqualTo(3);
  }

  @Test
  void stepAndCooldown_changeByStepAndWaitBetweenChanges() {
    ScalingConfig c = ScalingConfig.builder().step(2).cooldown(Duration.ofMinutes(5)).build();
    ScalingPolicy p = ScalingPolicy.threshold(c);
    assertThat(p.decide(at(0, 4, 90)).desiredReplicas()).isEqualTo(6);
    ScalingDecision waiting = p.decide(at(240, 6, 90));
    assertThat(waiting.desiredReplicas()).isEqualTo(6);
    assertThat(waiting.rule()).isEqualTo("cooldown");
    assertThat(p.decide(at(300, 6, 90)).desiredReplicas()).isEqualTo(8);
  }

  @Test
  void noReadyReplica_withLoad_scalesUp() {
    ScalingPolicy p = ScalingPolicy.threshold(ScalingConfig.defaults());
    ScalingDecision d = p.decide(Observation.of(0, 2, 2, 0, 5, NONE));
    assertThat(d.utilization()).isInfinite();
    assertThat(d.desiredReplicas()).isEqualTo(3);
  }
}
