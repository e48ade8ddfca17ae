package dev.alo.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.scale.Observation;
import dev.alo.engine.scale.ScalingConfig;
import dev.alo.engine.scale.ScalingDecision;
import dev.alo.engine.scale.ScalingPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The control loop stepped by hand on a manual clock, over scripted readings and a fake target. */
class AutoscaleLoopTest {
  private static final Instant START = Instant.parse("2026-12-02T16:00:00Z");
  private static final ScalingConfig TEN_PER_REPLICA =
      ScalingConfig.builder().capacityPerReplica(10).build();

  private final ManualClock clock = new ManualClock(START);
  private final ScriptedMetrics metrics = new ScriptedMetrics();
  private final FakeTarget target = new FakeTarget();
  private final List<ControlStep> told = new ArrayList<>();

  @Test
  void step_loadAboveThreshold_asksTargetForMoreAndTellsListeners() {
    target.set(1, "a:1");
    metrics.next(up("a:1", 9.5));
    AutoscaleLoop loop = loop(ScalingPolicy.threshold(TEN_PER_REPLICA));

    ControlStep step = loop.step();

    assertThat(step.decision().desiredReplicas()).isEqualTo(2);
    assertThat(step.decision().rule()).isEqualTo("scale-up");
    assertThat(step.applied()).isTrue();
    assertThat(step.load()).isEqualTo(9.5);
    assertThat(target.asked).containsExactly(2);
    assertThat(told).containsExactly(step);
    assertThat(step.line())
        .isEqualTo("2026-12-02T16:00:00.000Z desired=2 ready=1 " + step.decision().describe());
  }

  @Test
  void step_metricUnavailable_holdsAtDesiredAndSaysWhy() {
    target.set(3, "a:1", "b:2", "c:3");
    metrics.failWith("GET http://127.0.0.1:1/stats: connection refused");
    AutoscaleLoop loop = loop(ScalingPolicy.threshold(TEN_PER_REPLICA));

    ControlStep step = loop.step();

    assertThat(step.held()).isTrue();
    assertThat(step.decision().desiredReplicas()).isEqualTo(3);
    assertThat(step.applied()).isFalse();
    assertThat(target.asked).isEmpty();
    assertThat(step.line())
        .isEqualTo(
            "2026-12-02T16:00:00.000Z desired=3 ready=3 hold at 3 (metric-unavailable: GET"
                + " http://127.0.0.1:1/stats: connection refused)");
    assertThat(told).containsExactly(step);
  }

  @Test
  void step_metricUnavailableBelowTheMinimum_risesToTheMinimum_andNeverBelow() {
    target.set(0);
    metrics.failWith("no series");
    AutoscaleLoop loop =
        AutoscaleLoop.builder(ScalingPolicy.threshold(TEN_PER_REPLICA), metrics, target)
            .minReplicas(2)
            .clock(clock)
            .listener(told::add)
            .build();

    ControlStep step = loop.step();

    assertThat(step.held()).isTrue();
    assertThat(step.decision().desiredReplicas()).isEqualTo(2);
    assertThat(step.applied()).isTrue();
    assertThat(target.asked).containsExactly(2);
  }

  @Test
  void step_idleLoadButMetricLost_neverScalesIn() {
    target.set(3, "a:1", "b:2", "c:3");
    metrics.next(up("a:1", 0), up("b:2", 0), up("c:3", 0));
    metrics.failWith("timed out");
    AutoscaleLoop loop = loop(ScalingPolicy.threshold(TEN_PER_REPLICA));

    assertThat(loop.step().decision().desiredReplicas()).isEqualTo(2);
    target.set(3, "a:1", "b:2", "c:3");
    clock.advance(Duration.ofSeconds(15));
    ControlStep held = loop.step();

    assertThat(held.decision().desiredReplicas()).isEqualTo(3);
    assertThat(target.asked).containsExactly(2);
  }

  @Test
  void step_loadOfReadyReplicasOnly_othersAndUnhealthyIgnored() {
    target.set(2, "a:1", "b:2");
    metrics.next(
        up("a:1", 4),
        new BackendLoad("b:2", "down", false, 0, 7, 1),
        up("seed:9", 50),
        new BackendLoad("old:3", "draining", false, 2, 3, 1));
    List<Observation> seen = new ArrayList<>();
    AutoscaleLoop loop = loop(recording(ScalingPolicy.threshold(TEN_PER_REPLICA), seen));

    loop.step();

    Observation o = seen.get(0);
    assertThat(o.totalLoad()).isEqualTo(4);
    assertThat(o.readyReplicas()).isEqualTo(2);
    assertThat(o.metricReplicas()).isEqualTo(1);
  }

  @Test
  void step_totalOnlyReading_spreadOverEveryReadyReplica() {
    target.set(3, "a:1", "b:2", "c:3");
    metrics.nextTotal(27);
    List<Observation> seen = new ArrayList<>();
    AutoscaleLoop loop = loop(recording(ScalingPolicy.targetTracking(TEN_PER_REPLICA), seen));

    ControlStep step = loop.step();

    Observation o = seen.get(0);
    assertThat(o.totalLoad()).isEqualTo(27);
    assertThat(o.readyReplicas()).isEqualTo(3);
    assertThat(o.metricReplicas()).isEqualTo(3);
    assertThat(step.load()).isEqualTo(27);
    assertThat(step.decision().desiredReplicas()).isEqualTo(5);
  }

  @Test
  void step_everyInterval_observationsOnTheClockWithHistoryAtTheInterval() {
    target.set(1, "a:1");
    metrics.next(up("a:1", 5));
    metrics.failWith("refused");
    metrics.next(up("a:1", 6));
    List<Observation> seen = new ArrayList<>();
    AutoscaleLoop loop = loop(recording(ScalingPolicy.threshold(TEN_PER_REPLICA), seen));

    loop.step();
    clock.advance(Duration.ofSeconds(15));
    loop.step();
    clock.advance(Duration.ofSeconds(15));
    loop.step();

    assertThat(seen).hasSize(2);
    Observation last = seen.get(1);
    assertThat(last.timeMillis()).isEqualTo(START.plusSeconds(30).toEpochMilli());
    assertThat(last.history().startMillis()).isEqualTo(START.toEpochMilli());
    assertThat(last.history().stepMillis()).isEqualTo(15_000);
    assertThat(last.history().size()).isEqualTo(3);
    assertThat(List.of(0, 1, 2).stream().map(i -> last.history().valueAt(i)))
        .containsExactly(5.0, 5.0, 6.0);
  }

  @Test
  void step_policyFails_holdsAndKeepsStepping() {
    target.set(2, "a:1", "b:2");
    metrics.next(up("a:1", 1), up("b:2", 1));
    metrics.next(up("a:1", 1), up("b:2", 1));
    ScalingPolicy failing =
        new ScalingPolicy() {
          private int calls;

          @Override
          public String name() {
            return "failing-once";
          }

          @Override
          public ScalingDecision decide(Observation o) {
            if (calls++ == 0) {
              throw new IllegalStateException("forecast did not converge");
            }
            return ScalingPolicy.threshold(TEN_PER_REPLICA).decide(o);
          }
        };
    AutoscaleLoop loop = loop(failing);

    ControlStep held = loop.step();
    clock.advance(Duration.ofSeconds(15));
    ControlStep next = loop.step();

    assertThat(held.held()).isTrue();
    assertThat(held.line())
        .endsWith("desired=2 ready=2 hold at 2 (policy-failed: forecast did not converge)");
    assertThat(next.held()).isFalse();
    assertThat(next.decision().rule()).isEqualTo("scale-down");
  }

  private AutoscaleLoop loop(ScalingPolicy policy) {
    return AutoscaleLoop.builder(policy, metrics, target)
        .interval(Duration.ofSeconds(15))
        .clock(clock)
        .listener(told::add)
        .build();
  }

  private static BackendLoad up(String id, double rate) {
    return new BackendLoad(id, "up", true, 0, rate, 1);
  }

  private static ScalingPolicy recording(ScalingPolicy policy, List<Observation> seen) {
    return new ScalingPolicy() {
      @Override
      public String name() {
        return policy.name();
      }

      @Override
      public ScalingDecision decide(Observation o) {
        seen.add(o);
        return policy.decide(o);
      }
    };
  }

  /** Readings (or failures) in the order given. */
  private static final class ScriptedMetrics implements MetricSource {
    private final Deque<Object> script = new ArrayDeque<>();

    void next(BackendLoad... backends) {
      script.add(new MetricReading(List.of(backends)));
    }

    void nextTotal(double load) {
      script.add(MetricReading.ofTotal(load));
    }

    void failWith(String message) {
      script.add(message);
    }

    @Override
    public MetricReading read() {
      Object next = script.remove();
      if (next instanceof MetricReading r) {
        return r;
      }
      throw new MetricUnavailableException((String) next);
    }
  }

  /** A target whose replicas the test sets; remembers what it was asked for. */
  private static final class FakeTarget implements ScalingTarget {
    final List<Integer> asked = new ArrayList<>();
    private Replicas replicas = new Replicas(0, 0, Set.of());

    void set(int desired, String... ready) {
      replicas = new Replicas(desired, ready.length, Set.of(ready));
    }

    @Override
    public String describe() {
      return "fake";
    }

    @Override
    public Replicas replicas() {
      return replicas;
    }

    @Override
    public void scaleTo(int desired) {
      asked.add(desired);
    }

    @Override
    public void close() {}
  }
}
