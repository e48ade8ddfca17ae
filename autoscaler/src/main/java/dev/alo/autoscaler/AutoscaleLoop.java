package dev.alo.autoscaler;

import dev.alo.engine.scale.ArrayHistory;
import dev.alo.engine.scale.Observation;
import dev.alo.engine.scale.ScalingDecision;
import dev.alo.engine.scale.ScalingPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The control loop: every interval it reads the load of the target's ready replicas, builds an
 * {@link Observation}, asks the policy and asks the target for the count the policy decided, then
 * tells its listeners. When the metric cannot be read it holds at the count last asked for (it
 * never scales in on a missing metric) and says why; so it does when the policy fails (a forecast
 * that cannot be fitted), rather than stop stepping. One step at a time; {@link #step()} is what a
 * scheduler calls every interval and what tests call by hand with a clock they move.
 */
public final class AutoscaleLoop {
  private final ScalingPolicy policy;
  private final MetricSource metrics;
  private final ScalingTarget target;
  private final LoadMetric metric;
  private final Duration interval;
  private final Clock clock;
  private final List<DecisionListener> listeners;
  private final int minReplicas;
  private @Nullable ArrayHistory history;
  private @Nullable ScheduledFuture<?> schedule;

  private AutoscaleLoop(Builder b) {
    this.policy = b.policy;
    this.metrics = b.metrics;
    this.target = b.target;
    this.metric = b.metric;
    this.interval = b.interval;
    this.clock = b.clock;
    this.listeners = List.copyOf(b.listeners);
    this.minReplicas = b.minReplicas;
  }

  /** A loop of {@code policy} over {@code metrics} and {@code target}, the rest at defaults. */
  public static Builder builder(ScalingPolicy policy, MetricSource metrics, ScalingTarget target) {
    return new Builder(policy, metrics, target);
  }

  /** The time between steps. */
  public Duration interval() {
    return interval;
  }

  /** Runs one control interval: read, decide, apply, tell the listeners. */
  public synchronized ControlStep step() {
    long now = clock.millis();
    ArrayHistory h = history;
    if (h == null) {
      h = ArrayHistory.growing(now, interval.toMillis());
      history = h;
    }
    Replicas before = target.replicas();
    ControlStep step;
    MetricReading reading;
    try {
      reading = metrics.read();
    } catch (MetricUnavailableException e) {
      h.append(h.last());
      step = hold(now, before, h.last(), ControlStep.METRIC_UNAVAILABLE, e);
      tell(step);
      return step;
    }
    try {
      step = decide(now, before, reading, h);
    } catch (RuntimeException e) {
      step = hold(now, before, h.last(), ControlStep.POLICY_FAILED, e);
    }
    tell(step);
    return step;
  }

  /**
   * Holds at the count last asked for, or rises to the minimum when that is below it (a loop that
   * starts with no replicas and no metric yet must still bring up the fewest it may run).
   */
  private ControlStep hold(
      long now, Replicas before, double load, String rule, RuntimeException cause) {
    int desired = Math.max(before.desired(), minReplicas);
    ScalingDecision hold =
        new ScalingDecision(desired, rule, Double.NaN, desired, OptionalDouble.empty());
    boolean change = desired != before.desired();
    if (change) {
      target.scaleTo(desired);
    }
    return new ControlStep(now, hold, before, load, change, String.valueOf(cause.getMessage()));
  }

  private void tell(ControlStep step) {
    for (DecisionListener l : listeners) {
      l.onStep(step);
    }
  }

  private ControlStep decide(long now, Replicas before, MetricReading reading, ArrayHistory h) {
    OptionalDouble total = reading.total();
    if (total.isPresent()) {
      return decide(now, before, total.getAsDouble(), before.readyCount(), h);
    }
    boolean all = target.servesAllBackends();
    List<BackendLoad> reporting = all ? reading.healthy() : reading.healthyAmong(before.ready());
    double load = 0;
    for (BackendLoad b : reporting) {
      load += metric.of(b);
    }
    int metricReplicas = !all ? reporting.size() : reporting.isEmpty() ? 0 : before.readyCount();
    return decide(now, before, load, metricReplicas, h);
  }

  /**
   * Decides on {@code load}, the total of {@code metricReplicas} replicas: those whose load the
   * reading knows, or every ready one when the source reads only the total.
   */
  private ControlStep decide(
      long now, Replicas before, double load, int metricReplicas, ArrayHistory h) {
    h.append(load);
    ScalingDecision d =
        policy.decide(
            new Observation(
                now,
                before.desired(),
                before.current(),
                before.readyCount(),
                metricReplicas,
                load,
                h));
    boolean change = d.desiredReplicas() != before.desired();
    if (change) {
      target.scaleTo(d.desiredReplicas());
    }
    return new ControlStep(now, d, before, load, change, "");
  }

  /** Steps every {@link #interval()} on {@code scheduler}, the first step at once. */
  public synchronized void start(ScheduledExecutorService scheduler) {
    if (schedule != null) {
      throw new IllegalStateException("the loop is already running");
    }
    long millis = interval.toMillis();
    schedule = scheduler.scheduleAtFixedRate(this::step, 0, millis, TimeUnit.MILLISECONDS);
  }

  /** Stops stepping (a step under way finishes). */
  public synchronized void stop() {
    ScheduledFuture<?> s = schedule;
    if (s != null) {
      s.cancel(false);
      schedule = null;
    }
  }

  /** The loop's settings, checked at each step. */
  public static final class Builder {
    private final ScalingPolicy policy;
    private final MetricSource metrics;
    private final ScalingTarget target;
    private LoadMetric metric = LoadMetric.RATE;
    private Duration interval = Duration.ofSeconds(15);
    private Clock clock = Clock.systemUTC();
    private final List<DecisionListener> listeners = new ArrayList<>();
    private int minReplicas;

    private Builder(ScalingPolicy policy, MetricSource metrics, ScalingTarget target) {
      this.policy = policy;
      this.metrics = metrics;
      this.target = target;
    }

    /** The load the policy scales on (default {@link LoadMetric#RATE}). */
    public Builder metric(LoadMetric m) {
      metric = m;
      return this;
    }

    /** The control interval (default 15s, as the HPA's sync period); at least 1 ms. */
    public Builder interval(Duration d) {
      if (d.toMillis() < 1) {
        throw new IllegalArgumentException("control interval: " + d + " (expected: >= 1ms)");
      }
      interval = d;
      return this;
    }

    /** The clock observations are stamped with (default the system's UTC clock). */
    public Builder clock(Clock c) {
      clock = c;
      return this;
    }

    /**
     * The fewest replicas a hold keeps (default 0): when the metric cannot be read and fewer are
     * asked for, the loop asks for this many (give the policy's minimum).
     */
    public Builder minReplicas(int n) {
      if (n < 0) {
        throw new IllegalArgumentException("min replicas: " + n + " (expected: >= 0)");
      }
      minReplicas = n;
      return this;
    }

    /** Adds a listener told of every step. */
    public Builder listener(DecisionListener l) {
      listeners.add(l);
      return this;
    }

    public AutoscaleLoop build() {
      return new AutoscaleLoop(this);
    }
  }
}
