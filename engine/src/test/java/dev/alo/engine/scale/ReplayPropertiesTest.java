package dev.alo.engine.scale;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.forecast.RegularSeries;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class ReplayPropertiesTest {
  @Property(tries = 40)
  void anyDemand_everyPolicyStaysInBounds_andReadyNeverExceedsDesired(
      @ForAll @Size(min = 2, max = 200) List<@DoubleRange(min = 0, max = 30) Double> load,
      @ForAll @IntRange(min = 0, max = 5) int delayMinutes,
      @ForAll @IntRange(min = 1, max = 3) int min,
      @ForAll @IntRange(min = 3, max = 40) int max) {
    double[] v = load.stream().mapToDouble(Double::doubleValue).toArray();
    ScalingConfig config =
        ScalingConfig.builder()
            .minReplicas(min)
            .maxReplicas(max)
            .provisioningDelay(Duration.ofMinutes(delayMinutes))
            .build();
    Replay replay =
        Replay.builder(RegularSeries.of(0, 60_000, v), config).warmup(Duration.ZERO).build();
    for (String name : ScalingPolicy.names()) {
      ReplayResult r = replay.run(name);
      int[] desired = r.timeline().desired();
      int[] ready = r.timeline().ready();
      for (int i = 0; i < v.length; i++) {
        assertThat(desired[i]).as("%s at %d", name, i).isBetween(min, max);
        assertThat(ready[i]).as("%s at %d", name, i).isBetween(0, desired[i]);
      }
      assertThat(r.violationPercent()).isBetween(0.0, 100.0);
      assertThat(r.serverHours()).isBetween(min * v.length / 60.0, max * v.length / 60.0);
      if (name.equals("oracle") && oracleCanKeepUp(v, delayMinutes, min, max)) {
        assertThat(r.violationMinutes()).as("oracle").isZero();
      }
    }
  }

  /**
   * True when no interval needs more than the max, and none before the first decision's replicas
   * can be ready (minutes 1 to the delay) needs more than the first interval's replicas.
   */
  private static boolean oracleCanKeepUp(double[] v, int delay, int min, int max) {
    int initial = Math.max(min, need(v[0]));
    for (int i = 0; i < v.length; i++) {
      if (need(v[i]) > max || (i <= delay && need(v[i]) > initial)) {
        return false;
      }
    }
    return true;
  }

  private static int need(double load) {
    return (int) Math.ceil(load / 0.9 - 1e-9);
  }
}
