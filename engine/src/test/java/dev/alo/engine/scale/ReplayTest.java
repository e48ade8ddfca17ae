package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import java.time.Duration;
import java.util.Arrays;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ReplayTest {
  static final long MINUTE = 60_000;

  static RegularSeries minutes(double[] v) {
    return RegularSeries.of(0, MINUTE, v);
  }

  /** {@code before} for {@code stepAt} minutes, then {@code after}, {@code total} minutes. */
  static RegularSeries step(int total, int stepAt, double before, double after) {
    double[] v = new double[total];
    Arrays.fill(v, 0, stepAt, before);
    Arrays.fill(v, stepAt, total, after);
    return minutes(v);
  }

  /** A policy that asks for a fixed sequence, one count per decision. */
  static ScalingPolicy scripted(int... counts) {
    return new ScalingPolicy() {
      private int next;

      @Override
      public String name() {
        return "scripted";
      }

      @Override
      public ScalingDecision decide(Observation o) {
        int c = counts[Math.min(next++, counts.length - 1)];
        return new ScalingDecision(c, "script", 0, c, OptionalDouble.empty());
      }
    };
  }

  @Test
  void loadThatFillsReplicasExactlyToTheSlo_isNotAViolation_despiteRounding() {
    // 18.9 / 0.9 is 21.000000000000004 in doubles: the oracle keeps 21 replicas, which carry it
    // at exactly 90 %
    assertThat(Replay.violates(18.9, 21, 0.9)).isFalse();
    assertThat(Replay.violates(18.91, 21, 0.9)).isTrue();
    assertThat(Replay.violates(0.1, 0, 0.9)).isTrue();
    assertThat(Replay.violates(0, 0, 0.9)).isFalse();
    Replay r =
        Replay.builder(step(2880, 1500, 9, 18.9), ScalingConfig.defaults())
            .warmup(Duration.ofDays(1))
            .build();
    assertThat(r.run("oracle").violationMinutes()).isZero();
  }

  @Test
  void constantDemand_oracleKeepsExactlyEnough_andCostsServersTimesHours() {
    Replay r =
        Replay.builder(step(2880, 0, 4.5, 4.5), ScalingConfig.defaults())
            .warmup(Duration.ofDays(1))
            .build();
    ReplayResult o = r.run("oracle");
    // 4.5 servers of work at 90 % needs 5 servers, for the 24 scored hours
    assertThat(o.serverHours()).isCloseTo(120, within(1e-9));
    assertThat(o.violationMinutes()).isZero();
    assertThat(o.actions()).isZero();
    assertThat(o.maxServers()).isEqualTo(5);
    assertThat(o.policy()).isEqualTo("oracle");
  }

  @Test
  void stepUp_targetTrackingViolatesUntilItsNewReplicasAreReady() {
    // 1.0 → 3.0 at minute 1500; 2 servers at 150 % until 3 more are ready: seen at 1501,
    // asked for at 1501, ready at 1504 → minutes 1500 to 1503 violate
    Replay r =
        Replay.builder(step(2880, 1500, 1.0, 3.0), ScalingConfig.defaults())
            .warmup(Duration.ofDays(1))
            .build();
    ReplayResult tt = r.run("target-tracking");
    assertThat(tt.violationMinutes()).isEqualTo(4);
    assertThat(tt.violationPercent()).isCloseTo(100.0 * 4 / 1440, within(1e-9));
    assertThat(tt.actions()).isEqualTo(1);
    int[] ready = tt.timeline().ready();
    assertThat(ready[1503]).isEqualTo(2);
    assertThat(ready[1504]).isEqualTo(5);
    // the oracle asked 3 minutes ahead: no violation
    assertThat(r.run("oracle").violationMinutes()).isZero();
  }

  @Test
  void warmup_violationsBeforeItAreNotScored() {
    Replay r =
        Replay.builder(step(2880, 100, 1.0, 3.0), ScalingConfig.defaults())
            .warmup(Duration.ofDays(1))
            .build();
    assertThat(r.run("target-tracking").violationMinutes()).isZero();
  }

  @Test
  void removal_isImmediate_startingReplicasGoFirst_andStartingOnesCost() {
    Replay r =
        Replay.builder(step(10, 0, 1.0, 1.0), ScalingConfig.defaults())
            .warmup(Duration.ZERO)
            .initialReplicas(2)
            .build();
    // minute 1: ask 5 (3 starting until minute 4); minute 2: ask 3 (2 starting ones removed)
    ReplayResult s = r.run(scripted(5, 3, 3, 3, 3, 1));
    assertThat(s.timeline().desired()).containsExactly(2, 5, 3, 3, 3, 3, 1, 1, 1, 1);
    assertThat(s.timeline().ready()).containsExactly(2, 2, 2, 2, 3, 3, 1, 1, 1, 1);
    assertThat(s.serverHours()).isCloseTo((2 + 5 + 3 * 4 + 4) / 60.0, within(1e-12));
    assertThat(s.maxServers()).isEqualTo(5);
  }

  @Test
  void actionsAndDirectionChanges_countedOverTheScoredDays() {
    Replay r =
        Replay.builder(step(1441, 0, 1.0, 1.0), ScalingConfig.defaults())
            .warmup(Duration.ofMinutes(1))
            .build();
    // 2 → 3 → 4 → 3 → 3 → 4: four actions, directions up up down up: two changes, over 1 day
    ReplayResult s = r.run(scripted(2, 3, 4, 3, 3, 4));
    assertThat(s.actions()).isEqualTo(4);
    assertThat(s.directionChangesPerDay()).isCloseTo(2, within(1e-9));
  }

  @Test
  void p99Response_isTheMmcPercentileInSeconds() {
    // 0.5 servers of work on 1 server (M/M/1 at ρ = 0.5), 100 ms service: ln(100) / 0.5 × 0.1 s
    Replay r =
        Replay.builder(step(100, 0, 0.5, 0.5), ScalingConfig.defaults())
            .warmup(Duration.ZERO)
            .build();
    assertThat(r.run("static-peak").p99Response())
        .isCloseTo(0.1 * Math.log(100) / 0.5, within(1e-3));
  }

  @Test
  void dailyCycle_serverHoursOrderedOracleUnderPredictiveUnderTargetTrackingUnderStaticPeak() {
    double[] v = new double[3 * 1440];
    for (int i = 0; i < v.length; i++) {
      v[i] = 10 + 8 * Math.sin(2 * Math.PI * i / 1440);
    }
    Replay r =
        Replay.builder(minutes(v), ScalingConfig.defaults()).warmup(Duration.ofDays(2)).build();
    ReplayResult oracle = r.run("oracle");
    ReplayResult predictive = r.run("predictive");
    ReplayResult tracking = r.run("target-tracking");
    ReplayResult peak = r.run("static-peak");
    assertThat(oracle.serverHours())
        .isLessThan(predictive.serverHours())
        .isLessThan(tracking.serverHours())
        .isLessThan(peak.serverHours());
    assertThat(predictive.serverHours()).isLessThan(tracking.serverHours());
    assertThat(peak.serverHours()).isCloseTo(20.0 * 24, within(1e-9)); // ceil(18 / 0.9)
    for (ReplayResult res : new ReplayResult[] {oracle, predictive, tracking, peak}) {
      assertThat(res.violationMinutes()).as(res.policy()).isZero();
    }
    // one rise and one fall a day
    assertThat(oracle.directionChangesPerDay()).isEqualTo(2);
    assertThat(r.run("threshold").policy()).isEqualTo("threshold");
  }

  @Test
  void builder_rejectsAWarmupAsLongAsTheDemand() {
    assertThatThrownBy(() -> Replay.builder(step(60, 0, 1, 1), ScalingConfig.defaults()).build())
        .isInstanceOf(InputException.class)
        .hasMessage("warmup: 7d (expected: shorter than the demand's 1h)");
  }
}
