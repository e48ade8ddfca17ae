package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Kubernetes HPA's documented behaviours, case by case, at capacity 1 and target 50 %. */
class TargetTrackingPolicyTest {
  static final LoadHistory NONE = LoadHistory.empty(0, 60_000);

  /** Defaults but target 50 % and no scale-down stabilization, to see the calculator alone. */
  static ScalingConfig.Builder config() {
    return ScalingConfig.builder()
        .target(50)
        .scaleDown(ScalingRules.defaultScaleDown().withStabilizationWindow(Duration.ZERO));
  }

  /** Every replica ready and reporting, each at {@code percent} utilisation. */
  static Observation at(long seconds, int replicas, double percent) {
    return Observation.of(
        seconds * 1000, replicas, replicas, replicas, replicas * percent / 100, NONE);
  }

  @Test
  void ratio_desiredIsCeilOfReplicasTimesMetricOverTarget() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 2 replicas at 100 % with target 50 %: ceil(2 × 100 / 50) = 4
    ScalingDecision d = p.decide(at(0, 2, 100));
    assertThat(d.desiredReplicas()).isEqualTo(4);
    assertThat(d.rule()).isEqualTo("ratio");
    assertThat(d.utilization()).isEqualTo(100);
  }

  @Test
  void ratio_roundsUpButNotOnFloatingPointNoise() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().target(60).build());
    // 3 replicas carrying 2.4 at a target of 0.6 each: 2.4 / 0.6 is 4.000000000000001 in doubles,
    // the HPA's answer is 4
    assertThat(p.decide(Observation.of(0, 3, 3, 3, 2.4, NONE)).desiredReplicas()).isEqualTo(4);
  }

  @Test
  void tolerance_noChangeWhileRatioWithinTenPercent() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 54 % over 50 %: ratio 1.08, within 0.1
    ScalingDecision d = p.decide(at(0, 10, 54));
    assertThat(d.desiredReplicas()).isEqualTo(10);
    assertThat(d.rule()).isEqualTo("tolerance");
    // 46 %: ratio 0.92, within too
    assertThat(p.decide(at(15, 10, 46)).desiredReplicas()).isEqualTo(10);
    // 56 %: ratio 1.12, outside: ceil(10 × 1.12) = 12
    assertThat(p.decide(at(30, 10, 56)).desiredReplicas()).isEqualTo(12);
  }

  @Test
  void scaleDownStabilization_highestRecommendationOfTheLast300sWins() {
    ScalingPolicy p =
        ScalingPolicy.targetTracking(ScalingConfig.builder().target(50).maxReplicas(100).build());
    // t=0: 10 replicas at 50 %: within tolerance, recommendation 10 (and the initial 10)
    assertThat(p.decide(at(0, 10, 50)).desiredReplicas()).isEqualTo(10);
    // t=60..299: load drops to 10 %: recommendation 2, but 10 was recommended within 300 s
    for (long t = 60; t < 300; t += 60) {
      ScalingDecision d = p.decide(at(t, 10, 10));
      assertThat(d.desiredReplicas()).as("t=%d", t).isEqualTo(10);
      assertThat(d.rule()).isEqualTo("stabilized");
      assertThat(d.recommendation()).isEqualTo(2);
    }
    // t=300: the recommendation of t=0 is 300 s old, no longer after the cutoff: down to 2
    ScalingDecision d = p.decide(at(300, 10, 10));
    assertThat(d.desiredReplicas()).isEqualTo(2);
    assertThat(d.rule()).isEqualTo("ratio");
  }

  @Test
  void scaleDownStabilization_aMiddlePeakHoldsUntilItAges() {
    ScalingPolicy p = ScalingPolicy.targetTracking(ScalingConfig.builder().target(50).build());
    p.decide(at(0, 4, 50)); // recommendation 4
    p.decide(at(100, 4, 100)); // recommendation 8 → scale up at once (no up window)
    // t=200: recommendation 2 from 8 × 12.5 %; the highest within 300 s is 8
    assertThat(p.decide(at(200, 8, 12.5)).desiredReplicas()).isEqualTo(8);
    // t=400: 8 of t=100 has aged out; highest within (100, 400] is 2
    assertThat(p.decide(at(400, 8, 12.5)).desiredReplicas()).isEqualTo(2);
  }

  @Test
  void scaleUp_noStabilizationByDefault() {
    ScalingPolicy p = ScalingPolicy.targetTracking(ScalingConfig.builder().target(50).build());
    assertThat(p.decide(at(0, 4, 50)).desiredReplicas()).isEqualTo(4);
    assertThat(p.decide(at(15, 4, 100)).desiredReplicas()).isEqualTo(8);
  }

  @Test
  void defaultScaleUpRate_largerOf100PercentAnd4ReplicasPer15s() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // target 1 %: 1 replica at 100 % recommends 100
    ScalingPolicy big = ScalingPolicy.targetTracking(config().target(1).build());
    // from 1: max(1 × 2, 1 + 4) = 5
    ScalingDecision d = big.decide(at(0, 1, 100));
    assertThat(d.desiredReplicas()).isEqualTo(5);
    assertThat(d.rule()).isEqualTo("rate-limited");
    // 10 s later the 4 added count in the period: the period started at 1, limit still 5
    assertThat(big.decide(at(10, 5, 100)).desiredReplicas()).isEqualTo(5);
    // 15 s after the event it has left the period: from 5, max(10, 9) = 10
    assertThat(big.decide(at(15, 5, 100)).desiredReplicas()).isEqualTo(10);
    // from 10: max(20, 14) = 20 — the percent policy is now the larger
    assertThat(big.decide(at(30, 10, 100)).desiredReplicas()).isEqualTo(20);
    // and the max (100) bounds it in the end
    assertThat(big.decide(at(45, 20, 100)).desiredReplicas()).isEqualTo(40);
    assertThat(big.decide(at(60, 40, 100)).desiredReplicas()).isEqualTo(80);
    ScalingDecision atMax = big.decide(at(75, 80, 100));
    assertThat(atMax.desiredReplicas()).isEqualTo(100);
    assertThat(atMax.rule()).isEqualTo("max");
    assertThat(p.decide(at(0, 1, 100)).desiredReplicas()).isEqualTo(2);
  }

  @Test
  void selectPolicyMin_scaleUpTakesTheSmallerChange() {
    ScalingConfig c =
        config()
            .target(1)
            .scaleUp(ScalingRules.defaultScaleUp().withSelect(ScalingRules.Select.MIN))
            .build();
    // from 1: min(1 × 2, 1 + 4) = 2
    assertThat(ScalingPolicy.targetTracking(c).decide(at(0, 1, 100)).desiredReplicas())
        .isEqualTo(2);
    // from 10: min(20, 14) = 14
    assertThat(ScalingPolicy.targetTracking(c).decide(at(0, 10, 100)).desiredReplicas())
        .isEqualTo(14);
  }

  @Test
  void selectPolicyDisabled_neverScalesThatWay() {
    ScalingConfig c =
        config()
            .scaleUp(ScalingRules.defaultScaleUp().withSelect(ScalingRules.Select.DISABLED))
            .scaleDown(
                ScalingRules.defaultScaleDown()
                    .withStabilizationWindow(Duration.ZERO)
                    .withSelect(ScalingRules.Select.DISABLED))
            .build();
    ScalingPolicy p = ScalingPolicy.targetTracking(c);
    assertThat(p.decide(at(0, 4, 100)).desiredReplicas()).isEqualTo(4);
    assertThat(p.decide(at(60, 4, 10)).desiredReplicas()).isEqualTo(4);
  }

  @Test
  void scaleDownRate_percentOfThePeriodsStartTruncated() {
    ScalingConfig c =
        config()
            .scaleDown(
                new ScalingRules(
                    Duration.ZERO,
                    List.of(ScalingRules.RatePolicy.percent(50, Duration.ofSeconds(60))),
                    ScalingRules.Select.MAX))
            .build();
    ScalingPolicy p = ScalingPolicy.targetTracking(c);
    // 9 replicas at 5 %: recommendation 1; at most 50 % of 9 removed: int(9 × 0.5) = 4 kept
    assertThat(p.decide(at(0, 9, 5)).desiredReplicas()).isEqualTo(4);
    // 30 s later the period still starts at 9: no further
    assertThat(p.decide(at(30, 4, 5)).desiredReplicas()).isEqualTo(4);
    // 60 s later the event has left the period: int(4 × 0.5) = 2
    assertThat(p.decide(at(60, 4, 5)).desiredReplicas()).isEqualTo(2);
  }

  @Test
  void defaultScaleDownRate_allowsDroppingToTheRecommendationAtOnce() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 100 % per 15 s: the limit is 0, the min (1) and the recommendation decide
    assertThat(p.decide(at(0, 20, 5)).desiredReplicas()).isEqualTo(2);
    ScalingPolicy q = ScalingPolicy.targetTracking(config().minReplicas(3).build());
    ScalingDecision d = q.decide(at(0, 20, 5));
    assertThat(d.desiredReplicas()).isEqualTo(3);
    assertThat(d.rule()).isEqualTo("min");
  }

  @Test
  void missingMetrics_onScaleDownCountAsAtTheTarget() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 4 ready, 3 reporting 25 % each (ratio 0.5); the 4th assumed at 50 %:
    // (0.5 × 3 + 1) / 4 = 0.625 → ceil(0.625 × 4) = 3, not ceil(0.5 × 3) = 2
    Observation o = new Observation(0, 4, 4, 4, 3, 3 * 0.25, NONE);
    assertThat(p.decide(o).desiredReplicas()).isEqualTo(3);
  }

  @Test
  void missingMetrics_onScaleUpCountAsZero() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 4 ready, 3 reporting 100 % (ratio 2); the 4th assumed at 0: 6 / 4 = 1.5 → 6, not 8
    Observation o = new Observation(0, 4, 4, 4, 3, 3 * 1.0, NONE);
    assertThat(p.decide(o).desiredReplicas()).isEqualTo(6);
  }

  @Test
  void missingMetrics_thatWouldReverseTheDirectionMeanNoChange() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 10 ready, 1 reporting 40 % (ratio 0.8): 9 missing at the target make it 0.98, within
    // tolerance → no change (without them it would be ceil(0.8) = 1)
    Observation o = new Observation(0, 10, 10, 10, 1, 0.4, NONE);
    ScalingDecision d = p.decide(o);
    assertThat(d.desiredReplicas()).isEqualTo(10);
    assertThat(d.rule()).isEqualTo("tolerance");
  }

  @Test
  void notReady_onScaleUpCountAsZero() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 6 asked for, 3 ready at 100 % (ratio 2), 3 starting at 0: 6 / 6 = 1.0 → within tolerance
    assertThat(p.decide(Observation.of(0, 6, 6, 3, 3 * 1.0, NONE)).desiredReplicas()).isEqualTo(6);
    // 3 ready at 200 % (ratio 4): 12 / 6 = 2 → 12
    assertThat(p.decide(Observation.of(15, 6, 6, 3, 3 * 2.0, NONE)).desiredReplicas())
        .isEqualTo(12);
    // 12 asked for, 3 ready at 130 % (ratio 2.6): 7.8 / 12 = 0.65 would reverse the direction,
    // so no change (the ready ones alone would ask for ceil(2.6 × 3) = 8)
    assertThat(p.decide(Observation.of(30, 12, 12, 3, 3 * 1.3, NONE)).desiredReplicas())
        .isEqualTo(12);
  }

  @Test
  void notReady_onScaleDownAreLeftOut() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    // 6 asked for, 2 ready at 25 % (ratio 0.5): ceil(0.5 × 2) = 1 → min 1
    Observation o = Observation.of(0, 6, 6, 2, 2 * 0.25, NONE);
    assertThat(p.decide(o).desiredReplicas()).isEqualTo(1);
  }

  @Test
  void noMetrics_holds() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().build());
    ScalingDecision d = p.decide(new Observation(0, 5, 5, 5, 0, 0, NONE));
    assertThat(d.desiredReplicas()).isEqualTo(5);
    assertThat(d.rule()).isEqualTo("no-metrics");
  }

  @Test
  void bounds_currentOutsideMinOrMaxIsBroughtBackFirst() {
    ScalingPolicy p = ScalingPolicy.targetTracking(config().minReplicas(2).maxReplicas(8).build());
    assertThat(p.decide(at(0, 12, 50)).desiredReplicas()).isEqualTo(8);
    assertThat(p.decide(at(15, 1, 50)).desiredReplicas()).isEqualTo(2);
    assertThat(p.decide(at(30, 0, 50)).rule()).isEqualTo("disabled");
  }
}
