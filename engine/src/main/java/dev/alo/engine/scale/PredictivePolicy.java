package dev.alo.engine.scale;

import dev.alo.engine.forecast.Forecast;
import dev.alo.engine.forecast.Forecaster;
import dev.alo.engine.forecast.RegularSeries;
import java.util.ArrayDeque;
import java.util.OptionalDouble;

/**
 * Forecast-driven scaling. Every refit interval (once the history covers the min history) the last
 * fit window of load is cut into forecast steps ending now, each step's value the highest load
 * within it, and forecast on a log scale (log(load + 0.1 × capacity), so that bursts widen the
 * interval in proportion rather than everywhere) far enough to serve until the next refit; between
 * refits the forecast's path is reused. The plan is enough replicas that the interval's upper bound
 * over [now, now + provisioning delay + buffer] stays at the SLO utilisation; the floor is the
 * HPA's replica calculator at the reactive target; desired = max(plan, floor) within the min and
 * max, and scaling in goes only to the highest such count of the scale-in window.
 */
final class PredictivePolicy implements ScalingPolicy {
  private record Recent(long time, int replicas) {}

  /** Added before the logarithm, in replicas' capacity, so that idle steps stay finite. */
  private static final double OFFSET = 0.1;

  private final ScalingConfig config;
  private final Forecaster forecaster;
  private final double reactiveLoad;
  private final double sloLoad;
  private final long lookahead;
  private final long refitMillis;
  private final long scaleInWindow;
  private final ArrayDeque<Recent> recent = new ArrayDeque<>();
  private long lastFit = Long.MIN_VALUE;
  private double[] upper = new double[0];
  private long forecastStart;
  private long forecastStep = 1;

  PredictivePolicy(ScalingConfig config) {
    this.config = config;
    this.forecaster = Forecaster.byName(config.forecaster());
    this.reactiveLoad = config.capacityPerReplica() * config.reactiveTarget() / 100;
    this.sloLoad = config.capacityPerReplica() * config.sloUtilization() / 100;
    this.lookahead = config.provisioningDelay().plus(config.buffer()).toMillis();
    this.refitMillis = config.refitInterval().toMillis();
    this.scaleInWindow = config.scaleInWindow().toMillis();
  }

  @Override
  public String name() {
    return PolicyName.PREDICTIVE.canonicalName();
  }

  @Override
  public ScalingDecision decide(Observation o) {
    long now = o.timeMillis();
    int current = o.desiredReplicas();
    double utilization = ThresholdPolicy.utilization(o, config.capacityPerReplica());
    maybeRefit(o.history(), now);
    OptionalDouble peak = peak(now);
    int plan = peak.isPresent() ? replicasFor(peak.getAsDouble()) : -1;
    ReplicaCalculator.Result floor =
        ReplicaCalculator.recommend(o, reactiveLoad, config.tolerance());
    int floorReplicas = floor.replicas() < 0 ? current : floor.replicas();
    int recommendation = Math.max(plan, floorReplicas);
    int bounded = Math.clamp(recommendation, config.minReplicas(), config.maxReplicas());
    int desired = stabilize(bounded, now);
    String rule;
    if (desired > bounded) {
      rule = "stabilized";
    } else if (bounded < recommendation) {
      rule = "max";
    } else if (bounded > recommendation) {
      rule = "min";
    } else {
      rule = plan >= floorReplicas ? "plan" : "floor";
    }
    return new ScalingDecision(desired, rule, utilization, recommendation, peak);
  }

  private int replicasFor(double load) {
    double c = Math.ceil(load / sloLoad - 1e-9);
    return c >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, c);
  }

  /** The highest desired count of the scale-in window, this one included. */
  private int stabilize(int bounded, long now) {
    while (!recent.isEmpty() && recent.peekFirst().time() <= now - scaleInWindow) {
      recent.removeFirst();
    }
    int highest = bounded;
    for (Recent r : recent) {
      highest = Math.max(highest, r.replicas());
    }
    recent.addLast(new Recent(now, bounded));
    return highest;
  }

  /** The forecast's highest upper bound over the steps meeting [now, now + lookahead]. */
  private OptionalDouble peak(long now) {
    if (upper.length == 0) {
      return OptionalDouble.empty();
    }
    long end = now + lookahead;
    double max = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < upper.length; j++) {
      long from = forecastStart + j * forecastStep;
      if (from > end) {
        break;
      }
      if (from + forecastStep > now) {
        max = Math.max(max, upper[j]);
      }
    }
    return max == Double.NEGATIVE_INFINITY
        ? OptionalDouble.empty()
        : OptionalDouble.of(Math.max(0, max));
  }

  private void maybeRefit(LoadHistory history, long now) {
    long step = history.stepMillis();
    int n = history.size();
    if ((long) n * step < config.minHistory().toMillis()) {
      return;
    }
    if (lastFit != Long.MIN_VALUE && now - lastFit < refitMillis) {
      return;
    }
    int perBucket = (int) Math.max(1, config.forecastStep().toMillis() / step);
    int window = (int) Math.min(n, config.fitWindow().toMillis() / step);
    int buckets = window / perBucket;
    if (buckets < 2) {
      return;
    }
    double[] peaks = new double[buckets];
    double offset = OFFSET * config.capacityPerReplica();
    int first = n - buckets * perBucket;
    for (int b = 0; b < buckets; b++) {
      double max = 0;
      for (int k = first + b * perBucket, end = k + perBucket; k < end; k++) {
        max = Math.max(max, history.valueAt(k));
      }
      peaks[b] = Math.log(max + offset);
    }
    long bucketMillis = perBucket * step;
    int horizon = (int) Math.ceilDiv(refitMillis + lookahead, bucketMillis) + 1;
    Forecast f =
        forecaster.forecast(
            RegularSeries.of(history.timeAt(first), bucketMillis, peaks), horizon, config.level());
    upper = f.upper();
    for (int j = 0; j < upper.length; j++) {
      upper[j] = Math.exp(upper[j]) - offset;
    }
    forecastStart = history.timeAt(n);
    forecastStep = bucketMillis;
    lastFit = now;
  }
}
