package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PolicyNameTest {
  static final RegularSeries DEMAND = RegularSeries.of(0, 60_000, new double[] {1, 2});

  @Test
  void names_listsTheFivePoliciesInOrder() {
    assertThat(ScalingPolicy.names())
        .containsExactly("threshold", "target-tracking", "predictive", "oracle", "static-peak");
  }

  @Test
  void byName_buildsEachPolicy_caseInsensitive() {
    for (String name : ScalingPolicy.names()) {
      ScalingPolicy p =
          ScalingPolicy.byName(
              " " + name.toUpperCase(java.util.Locale.ROOT), ScalingConfig.defaults(), DEMAND);
      assertThat(p.name()).isEqualTo(name);
    }
  }

  @Test
  void byName_unknownNameListsTheValidOnes() {
    assertThatThrownBy(() -> ScalingPolicy.byName("hpa", ScalingConfig.defaults(), DEMAND))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "unknown scaling policy 'hpa' (expected one of: threshold, target-tracking,"
                + " predictive, oracle, static-peak)");
  }

  @Test
  void byName_forALiveLoopRefusesTheBoundsThatKnowTheFuture() {
    assertThat(ScalingPolicy.byName("predictive", ScalingConfig.defaults()).name())
        .isEqualTo("predictive");
    assertThatThrownBy(() -> ScalingPolicy.byName("oracle", ScalingConfig.defaults()))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("replays only");
  }

  @Test
  void config_defaultsAreTheIssues() {
    ScalingConfig c = ScalingConfig.defaults();
    assertThat(c.scaleUpAbove()).isEqualTo(80);
    assertThat(c.scaleDownBelow()).isEqualTo(20);
    assertThat(c.step()).isEqualTo(1);
    assertThat(c.cooldown()).isZero();
    assertThat(c.minReplicas()).isEqualTo(1);
    assertThat(c.maxReplicas()).isEqualTo(100);
    assertThat(c.target()).isEqualTo(60);
    assertThat(c.tolerance()).isEqualTo(0.1);
    assertThat(c.scaleDown().stabilizationWindow()).isEqualTo(Duration.ofMinutes(5));
    assertThat(c.scaleUp().stabilizationWindow()).isZero();
    assertThat(c.reactiveTarget()).isEqualTo(80);
    assertThat(c.sloUtilization()).isEqualTo(90);
    assertThat(c.refitInterval()).isEqualTo(Duration.ofHours(1));
    assertThat(c.minHistory()).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void config_rejectsContradictions_namingTheValue() {
    assertThatThrownBy(() -> ScalingConfig.builder().minReplicas(5).maxReplicas(4).build())
        .isInstanceOf(InputException.class)
        .hasMessage("min replicas: 5 (expected: <= max replicas 4)");
    assertThatThrownBy(() -> ScalingConfig.builder().scaleDownBelow(90).build())
        .isInstanceOf(InputException.class)
        .hasMessage("scale-down-below: 90.0 (expected: below scale-up-above 80.0)");
    assertThatThrownBy(() -> ScalingConfig.builder().target(0))
        .isInstanceOf(InputException.class)
        .hasMessage("target: 0.0 (expected: a percent in (0, 100])");
    assertThatThrownBy(() -> ScalingConfig.builder().forecaster("crystal-ball"))
        .isInstanceOf(InputException.class)
        .hasMessageContaining("crystal-ball");
  }
}
