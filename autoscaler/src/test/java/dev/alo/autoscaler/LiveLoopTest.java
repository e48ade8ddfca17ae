package dev.alo.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The whole chain against a real proxy: the loop stepped by hand reads /stats, asks the threshold
 * policy and the local target adds and drains backends.
 */
class LiveLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void step_loadThenQuiet_addsABackendThenDrainsIt() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-02T16:00:00Z"));
    AtomicLong nanos = new AtomicLong();
    List<ControlStep> steps = new ArrayList<>();
    try (LiveProxy live = new LiveProxy();
        LocalTarget target =
            LocalTarget.builder(
                    live.adminUri(), LiveProxy.TOKEN, new InProcessLauncher(Duration.ZERO))
                .build()) {
      AutoscaleLoop loop =
          AutoscaleLoop.builder(
                  ScalingPolicy.threshold(
                      ScalingConfig.builder().capacityPerReplica(10).maxReplicas(3).build()),
                  MetricSource.proxyAdmin(live.adminUri(), Duration.ofSeconds(5), nanos::get),
                  target)
              .clock(clock)
              .interval(Duration.ofSeconds(1))
              .listener(steps::add)
              .build();

      loop.step();
      await().atMost(WAIT).until(() -> target.replicas().ready().size() == 1);
      next(clock, nanos);
      loop.step();
      for (int i = 0; i < 40; i++) {
        assertThat(live.get()).isEqualTo(200);
      }
      next(clock, nanos);
      ControlStep busy = loop.step();
      await().atMost(WAIT).until(() -> target.replicas().ready().size() == 2);
      next(clock, nanos);
      ControlStep quiet = loop.step();
      await()
          .atMost(WAIT)
          .until(() -> target.replicas().current() == 1 && live.proxy().stats().size() == 2);

      assertThat(steps.get(0).decision().desiredReplicas()).isEqualTo(1);
      assertThat(busy.load()).isEqualTo(20.0);
      assertThat(busy.decision().rule()).isEqualTo("scale-up");
      assertThat(busy.decision().desiredReplicas()).isEqualTo(2);
      assertThat(quiet.load()).isZero();
      assertThat(quiet.decision().rule()).isEqualTo("scale-down");
      assertThat(quiet.decision().desiredReplicas()).isEqualTo(1);
    }
  }

  private static void next(ManualClock clock, AtomicLong nanos) {
    clock.advance(Duration.ofSeconds(1));
    nanos.addAndGet(1_000_000_000L);
  }
}
