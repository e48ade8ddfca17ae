package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.alo.engine.forecast.RegularSeries;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DesReplayTest {
  /**
   * 26 hours of 1-minute demand in servers at 100 %: 1.3 for two hours, 11.3 for two hours (off the
   * policies' thresholds, where Poisson noise alone would decide), again and again, so that every
   * step up catches a reactive policy out for its provisioning delay.
   */
  static RegularSeries steps() {
    double[] v = new double[26 * 60];
    for (int i = 0; i < v.length; i++) {
      v[i] = (i / 120) % 2 == 0 ? 1.3 : 11.3;
    }
    return RegularSeries.of(0, 60_000, v);
  }

  @Test
  void dayLongTrace_desAgreesWithTheFluidReplay_onServerHoursAndViolations() {
    ScalingConfig config = ScalingConfig.builder().provisioningDelay(Duration.ofMinutes(5)).build();
    Replay replay =
        Replay.builder(steps(), config)
            .warmup(Duration.ofHours(2))
            .serviceTime(Duration.ofMillis(200))
            .build();
    for (String name : new String[] {"threshold", "target-tracking"}) {
      PolicyName p = PolicyName.parse(name);
      ReplayResult fluid = replay.run(p.create(config, steps()));
      ReplayResult des = replay.simulate(p.create(config, steps()), 7);
      assertThat(fluid.violationMinutes()).as(name + " fluid violations").isGreaterThan(10);
      assertThat(des.serverHours())
          .as(name + " server-hours")
          .isCloseTo(fluid.serverHours(), within(0.05 * fluid.serverHours()));
      assertThat(des.violationMinutes())
          .as(name + " violation minutes")
          .isCloseTo(fluid.violationMinutes(), within(0.2 * fluid.violationMinutes()));
      // the fluid model calls a pool with over 1 % of requests in overloaded minutes infinitely
      // slow; the simulator measures the queue those minutes build, far above a service time
      assertThat(fluid.p99Response()).isInfinite();
      assertThat(des.p99Response()).as(name + " p99").isGreaterThan(10).isFinite();
    }
  }

  @Test
  void oracle_sameServerHours_itsExactlyFullIntervalsTipOverWithPoissonNoise() {
    ScalingConfig config = ScalingConfig.defaults();
    Replay replay =
        Replay.builder(steps(), config)
            .warmup(Duration.ofHours(2))
            .serviceTime(Duration.ofMillis(200))
            .build();
    ReplayResult fluid = replay.run("oracle");
    ReplayResult des = replay.simulate(PolicyName.ORACLE.create(config, steps()), 3);
    // the oracle plans from the demand, not from what arrived: the same servers
    assertThat(des.serverHours()).isEqualTo(fluid.serverHours());
    assertThat(fluid.violationMinutes()).isZero();
    // 11.3 servers of work on ceil(11.3 / 0.9) = 13 replicas is 87 %: noise rarely tips it over
    assertThat(des.violationPercent()).isLessThan(5);
  }
}
