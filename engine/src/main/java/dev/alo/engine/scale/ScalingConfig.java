package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.time.Durations;
import java.time.Duration;

/**
 * Every setting of every scaling policy, with its default, in one validated blueprint: the CLI,
 * files and tests map onto {@link #builder()}. Utilisations are percent of a replica's capacity;
 * load is in the unit the observations give (requests/s, or servers at 100 % with capacity 1).
 * Immutable.
 */
public final class ScalingConfig {
  private final int minReplicas;
  private final int maxReplicas;
  private final double capacityPerReplica;
  private final double scaleUpAbove;
  private final double scaleDownBelow;
  private final int step;
  private final Duration cooldown;
  private final double target;
  private final double tolerance;
  private final ScalingRules scaleUp;
  private final ScalingRules scaleDown;
  private final double reactiveTarget;
  private final double sloUtilization;
  private final Duration provisioningDelay;
  private final Duration buffer;
  private final String forecaster;
  private final double level;
  private final Duration forecastStep;
  private final Duration fitWindow;
  private final Duration minHistory;
  private final Duration refitInterval;
  private final Duration scaleInWindow;

  private ScalingConfig(Builder b) {
    this.minReplicas = b.minReplicas;
    this.maxReplicas = b.maxReplicas;
    this.capacityPerReplica = b.capacityPerReplica;
    this.scaleUpAbove = b.scaleUpAbove;
    this.scaleDownBelow = b.scaleDownBelow;
    this.step = b.step;
    this.cooldown = b.cooldown;
    this.target = b.target;
    this.tolerance = b.tolerance;
    this.scaleUp = b.scaleUp;
    this.scaleDown = b.scaleDown;
    this.reactiveTarget = b.reactiveTarget;
    this.sloUtilization = b.sloUtilization;
    this.provisioningDelay = b.provisioningDelay;
    this.buffer = b.buffer;
    this.forecaster = b.forecaster;
    this.level = b.level;
    this.forecastStep = b.forecastStep;
    this.fitWindow = b.fitWindow;
    this.minHistory = b.minHistory;
    this.refitInterval = b.refitInterval;
    this.scaleInWindow = b.scaleInWindow;
  }

  /** Every setting at its default. */
  public static ScalingConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Fewest replicas every policy keeps (default 1). */
  public int minReplicas() {
    return minReplicas;
  }

  /** Most replicas any policy asks for (default 100). */
  public int maxReplicas() {
    return maxReplicas;
  }

  /** The load one replica carries at 100 % utilisation (default 1: load in servers at 100 %). */
  public double capacityPerReplica() {
    return capacityPerReplica;
  }

  /** threshold: utilisation percent above which it adds {@link #step()} replicas (default 80). */
  public double scaleUpAbove() {
    return scaleUpAbove;
  }

  /** threshold: utilisation percent below which it removes {@link #step()} (default 20). */
  public double scaleDownBelow() {
    return scaleDownBelow;
  }

  /** threshold: replicas added or removed at a time (default 1). */
  public int step() {
    return step;
  }

  /** threshold: no change sooner than this after the last one (default 0s). */
  public Duration cooldown() {
    return cooldown;
  }

  /** target-tracking: the utilisation percent it holds the replicas at (default 60). */
  public double target() {
    return target;
  }

  /** target-tracking: no change while |utilisation / target − 1| ≤ this (default 0.1). */
  public double tolerance() {
    return tolerance;
  }

  /** target-tracking: the scale-up behaviour (default {@link ScalingRules#defaultScaleUp()}). */
  public ScalingRules scaleUp() {
    return scaleUp;
  }

  /**
   * target-tracking: the scale-down behaviour (default {@link ScalingRules#defaultScaleDown()}).
   */
  public ScalingRules scaleDown() {
    return scaleDown;
  }

  /** predictive: the target of its reactive target-tracking floor, percent (default 80). */
  public double reactiveTarget() {
    return reactiveTarget;
  }

  /**
   * The utilisation percent above which an interval violates the SLO; predictive, oracle and
   * static-peak plan capacity to stay at or below it (default 90).
   */
  public double sloUtilization() {
    return sloUtilization;
  }

  /** How long a replica takes from being asked for to serving (default 3m). */
  public Duration provisioningDelay() {
    return provisioningDelay;
  }

  /** predictive: planned beyond the provisioning delay (default 5m), as AWS's scheduling buffer. */
  public Duration buffer() {
    return buffer;
  }

  /** predictive: the forecasting model's name, as {@link Forecaster#byName} (default theta). */
  public String forecaster() {
    return forecaster;
  }

  /** predictive: the forecast interval's nominal coverage in (0, 1) (default 0.8). */
  public double level() {
    return level;
  }

  /**
   * predictive: the step the load is forecast at; each step's value is the highest load observed
   * within it, so the plan covers the peaks inside a step (default 15m).
   */
  public Duration forecastStep() {
    return forecastStep;
  }

  /** predictive: the most recent history each fit sees (default 7d). */
  public Duration fitWindow() {
    return fitWindow;
  }

  /** predictive: the history needed before the first forecast (default 1d). */
  public Duration minHistory() {
    return minHistory;
  }

  /** predictive: how often the forecast is refitted; between fits its path is reused (1h). */
  public Duration refitInterval() {
    return refitInterval;
  }

  /** predictive: scale-in only to the highest desired count within this window (default 300s). */
  public Duration scaleInWindow() {
    return scaleInWindow;
  }

  /** Builds a {@link ScalingConfig}; every setter checks its value, {@link #build()} the rest. */
  public static final class Builder {
    private int minReplicas = 1;
    private int maxReplicas = 100;
    private double capacityPerReplica = 1;
    private double scaleUpAbove = 80;
    private double scaleDownBelow = 20;
    private int step = 1;
    private Duration cooldown = Duration.ZERO;
    private double target = 60;
    private double tolerance = 0.1;
    private ScalingRules scaleUp = ScalingRules.defaultScaleUp();
    private ScalingRules scaleDown = ScalingRules.defaultScaleDown();
    private double reactiveTarget = 80;
    private double sloUtilization = 90;
    private Duration provisioningDelay = Duration.ofMinutes(3);
    private Duration buffer = Duration.ofMinutes(5);
    private String forecaster = "theta";
    private double level = 0.8;
    private Duration forecastStep = Duration.ofMinutes(15);
    private Duration fitWindow = Duration.ofDays(7);
    private Duration minHistory = Duration.ofDays(1);
    private Duration refitInterval = Duration.ofHours(1);
    private Duration scaleInWindow = Duration.ofMinutes(5);

    private Builder() {}

    public Builder minReplicas(int n) {
      minReplicas = atLeast("min replicas", n, 0);
      return this;
    }

    public Builder maxReplicas(int n) {
      maxReplicas = atLeast("max replicas", n, 1);
      return this;
    }

    public Builder capacityPerReplica(double load) {
      capacityPerReplica = positive("capacity per replica", load);
      return this;
    }

    public Builder scaleUpAbove(double percent) {
      scaleUpAbove = percent("scale-up-above", percent);
      return this;
    }

    public Builder scaleDownBelow(double percent) {
      if (!(percent >= 0 && percent < 100)) {
        throw new InputException("scale-down-below: " + percent + " (expected: 0 to < 100)");
      }
      scaleDownBelow = percent;
      return this;
    }

    public Builder step(int replicas) {
      step = atLeast("step", replicas, 1);
      return this;
    }

    public Builder cooldown(Duration d) {
      cooldown = notNegative("cooldown", d);
      return this;
    }

    public Builder target(double percent) {
      target = percent("target", percent);
      return this;
    }

    public Builder tolerance(double t) {
      if (!(t >= 0 && t < 1)) {
        throw new InputException("tolerance: " + t + " (expected: 0 to < 1, e.g. 0.1)");
      }
      tolerance = t;
      return this;
    }

    public Builder scaleUp(ScalingRules rules) {
      scaleUp = rules;
      return this;
    }

    public Builder scaleDown(ScalingRules rules) {
      scaleDown = rules;
      return this;
    }

    public Builder reactiveTarget(double percent) {
      reactiveTarget = percent("reactive target", percent);
      return this;
    }

    public Builder sloUtilization(double percent) {
      sloUtilization = percent("slo utilization", percent);
      return this;
    }

    public Builder provisioningDelay(Duration d) {
      provisioningDelay = notNegative("provisioning delay", d);
      return this;
    }

    public Builder buffer(Duration d) {
      buffer = notNegative("buffer", d);
      return this;
    }

    /**
     * The predictive policy's forecasting model.
     *
     * @throws InputException for a name {@link Forecaster#byName} does not know
     */
    public Builder forecaster(String name) {
      forecaster = Forecaster.byName(name).name();
      return this;
    }

    public Builder level(double l) {
      if (!(l > 0 && l < 1)) {
        throw new InputException("level: " + l + " (expected: between 0 and 1, e.g. 0.8)");
      }
      level = l;
      return this;
    }

    public Builder forecastStep(Duration d) {
      forecastStep = positive("forecast step", d);
      return this;
    }

    public Builder fitWindow(Duration d) {
      fitWindow = positive("fit window", d);
      return this;
    }

    public Builder minHistory(Duration d) {
      minHistory = positive("min history", d);
      return this;
    }

    public Builder refitInterval(Duration d) {
      refitInterval = positive("refit interval", d);
      return this;
    }

    public Builder scaleInWindow(Duration d) {
      scaleInWindow = notNegative("scale-in window", d);
      return this;
    }

    /**
     * The configuration.
     *
     * @throws InputException when settings contradict each other (min above max, scale-down-below
     *     not under scale-up-above, a fit window shorter than the min history or than two forecast
     *     steps)
     */
    public ScalingConfig build() {
      if (minReplicas > maxReplicas) {
        throw new InputException(
            "min replicas: " + minReplicas + " (expected: <= max replicas " + maxReplicas + ")");
      }
      if (scaleDownBelow >= scaleUpAbove) {
        throw new InputException(
            "scale-down-below: "
                + scaleDownBelow
                + " (expected: below scale-up-above "
                + scaleUpAbove
                + ")");
      }
      if (fitWindow.compareTo(minHistory) < 0) {
        throw new InputException(
            "fit window: "
                + Durations.format(fitWindow)
                + " (expected: at least the min history "
                + Durations.format(minHistory)
                + ")");
      }
      if (minHistory.compareTo(forecastStep.multipliedBy(2)) < 0) {
        throw new InputException(
            "min history: "
                + Durations.format(minHistory)
                + " (expected: at least two forecast steps, "
                + Durations.format(forecastStep.multipliedBy(2))
                + ")");
      }
      return new ScalingConfig(this);
    }

    private static int atLeast(String what, int n, int least) {
      if (n < least) {
        throw new InputException(what + ": " + n + " (expected: >= " + least + ")");
      }
      return n;
    }

    private static double positive(String what, double v) {
      if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
        throw new InputException(what + ": " + v + " (expected: a number > 0)");
      }
      return v;
    }

    private static double percent(String what, double v) {
      if (!(v > 0 && v <= 100)) {
        throw new InputException(what + ": " + v + " (expected: a percent in (0, 100])");
      }
      return v;
    }

    private static Duration notNegative(String what, Duration d) {
      if (d.isNegative()) {
        throw new InputException(what + ": " + d + " (expected: >= 0s)");
      }
      return d;
    }

    private static Duration positive(String what, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new InputException(what + ": " + Durations.format(d) + " (expected: > 0s)");
      }
      return d;
    }
  }
}
