package dev.alo.engine.scale;

import dev.alo.engine.InputException;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.time.Durations;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * Replays a demand series through a scaling policy, one control interval per value, and measures
 * what it cost. Each interval: replicas whose provisioning delay has passed become ready; the
 * policy observes the last interval's load on the ready replicas and answers; replicas added start
 * (ready after the delay, rounded up to whole intervals), replicas removed leave at once (starting
 * ones first); then the interval is served by the ready replicas, its utilisation = load / (ready ×
 * capacity), violating the SLO above {@link ScalingConfig#sloUtilization()}, and its response times
 * those of an M/M/c queue (one worker per replica with the given mean service time). Scoring starts
 * after the warmup, for every policy alike. Pure and deterministic.
 */
public final class Replay {
  private final RegularSeries demand;
  private final ScalingConfig config;
  private final int scoredFrom;
  private final double serviceSeconds;
  private final int initialReplicas;
  private final int delaySteps;

  private Replay(Builder b) {
    this.demand = b.demand;
    this.config = b.config;
    this.serviceSeconds = b.serviceTime.toNanos() / 1e9;
    long step = demand.stepMillis();
    this.scoredFrom = (int) Math.ceilDiv(b.warmup.toMillis(), step);
    this.delaySteps = (int) Math.ceilDiv(config.provisioningDelay().toMillis(), step);
    this.initialReplicas = b.initialReplicas >= 0 ? b.initialReplicas : initialFor(demand, config);
  }

  /**
   * A replay of {@code demand} (load per control interval, its step the control interval, in the
   * unit {@link ScalingConfig#capacityPerReplica()} is given in) under the delay, SLO and bounds of
   * {@code config}.
   */
  public static Builder builder(RegularSeries demand, ScalingConfig config) {
    return new Builder(demand, config);
  }

  /**
   * Replays the policy of a name, as {@link PolicyName#parse}; {@code oracle} and {@code
   * static-peak} are given the replayed demand.
   *
   * @throws InputException for an unknown name
   */
  public ReplayResult run(String policyName) {
    return run(PolicyName.parse(policyName).create(config, demand));
  }

  /**
   * Replays a policy through the discrete-event simulator instead of queueing formulas ({@code
   * --des}): the same demand, delay, scoring and warmup, with Poisson arrivals and one exponential
   * worker per replica; slower (every request is simulated), for traces short enough.
   *
   * @param seed the simulator's seed
   */
  public ReplayResult simulate(ScalingPolicy policy, long seed) {
    return DesReplay.run(demand, config, policy, scoredFrom, serviceSeconds, initialReplicas, seed);
  }

  /** Replays a policy (a new instance: policies remember their past). */
  public ReplayResult run(ScalingPolicy policy) {
    int n = demand.size();
    long step = demand.stepMillis();
    double[] load = demand.values();
    double capacity = config.capacityPerReplica();
    double slo = config.sloUtilization() / 100;
    ArrayHistory history = new ArrayHistory(demand.startMillis(), step, load, 0);
    ArrayDeque<int[]> starting = new ArrayDeque<>(); // {ready index, count}, oldest first
    int[] desiredAt = new int[n];
    int[] readyAt = new int[n];
    int scored = Math.max(0, n - scoredFrom);
    double[] erlangs = new double[scored];
    int[] servers = new int[scored];
    int desired = initialReplicas;
    int ready = initialReplicas;
    long existSteps = 0;
    int violations = 0;
    int actions = 0;
    int directionChanges = 0;
    int lastDirection = 0;
    int maxServers = 0;
    for (int i = 0; i < n; i++) {
      while (!starting.isEmpty() && starting.peekFirst()[0] <= i) {
        ready += starting.pollFirst()[1];
      }
      boolean scoring = i >= scoredFrom;
      if (i > 0) {
        history.grow(i);
        long now = demand.timeAt(i);
        Observation o = Observation.of(now, desired, desired, ready, load[i - 1], history);
        int next = policy.decide(o).desiredReplicas();
        if (next != desired) {
          int direction = next > desired ? 1 : -1;
          if (scoring) {
            actions++;
            if (lastDirection != 0 && direction != lastDirection) {
              directionChanges++;
            }
          }
          lastDirection = direction;
          if (next > desired) {
            if (delaySteps == 0) {
              ready += next - desired;
            } else {
              starting.addLast(new int[] {i + delaySteps, next - desired});
            }
          } else {
            ready -= remove(starting, desired - next);
          }
          desired = next;
        }
      }
      desiredAt[i] = desired;
      readyAt[i] = ready;
      if (scoring) {
        int k = i - scoredFrom;
        double a = Math.max(0, load[i]) / capacity;
        erlangs[k] = a;
        servers[k] = ready;
        existSteps += desired;
        maxServers = Math.max(maxServers, desired);
        if (violates(a, ready, slo)) {
          violations++;
        }
      }
    }
    double stepHours = step / 3_600_000.0;
    double scoredDays = scored * step / 86_400_000.0;
    double p99 = ResponseTime.quantile(erlangs, servers, scored, 0.99) * serviceSeconds;
    return new ReplayResult(
        policy.name(),
        existSteps * stepHours,
        violations * step / 60_000.0,
        scored == 0 ? 0 : 100.0 * violations / scored,
        actions,
        scoredDays == 0 ? 0 : directionChanges / scoredDays,
        p99,
        maxServers,
        new ReplayTimeline(
            demand.startMillis(), step, Math.min(scoredFrom, n), desiredAt, readyAt));
  }

  /**
   * Whether {@code ready} replicas carrying {@code load} (in replicas at 100 %) run above the SLO
   * utilisation; a relative 1e-9 is allowed, as policies allow it when they round load to replicas,
   * so 18.9 on 21 replicas at 90 % is not a violation.
   */
  public static boolean violates(double load, int ready, double slo) {
    return load > 0 && (ready == 0 || load / ready > slo * (1 + SLO_TOLERANCE));
  }

  /** The relative tolerance of {@link #violates}. */
  static final double SLO_TOLERANCE = 1e-9;

  /**
   * Removes {@code count} replicas, starting ones first (the latest asked for first); returns how
   * many of them were ready.
   */
  private static int remove(ArrayDeque<int[]> starting, int count) {
    int left = count;
    while (left > 0 && !starting.isEmpty()) {
      int[] newest = starting.peekLast();
      int take = Math.min(left, newest[1]);
      newest[1] -= take;
      left -= take;
      if (newest[1] == 0) {
        starting.pollLast();
      }
    }
    return left;
  }

  /** Enough ready replicas for the first interval at the SLO utilisation, within the bounds. */
  private static int initialFor(RegularSeries demand, ScalingConfig config) {
    double perReplica = config.capacityPerReplica() * config.sloUtilization() / 100;
    double c = Math.ceil(Math.max(0, demand.valueAt(0)) / perReplica - 1e-9);
    return (int) Math.clamp(c, config.minReplicas(), config.maxReplicas());
  }

  /** Builds a {@link Replay}; every setter checks its value. */
  public static final class Builder {
    private final RegularSeries demand;
    private final ScalingConfig config;
    private Duration warmup = Duration.ofDays(7);
    private Duration serviceTime = Duration.ofMillis(100);
    private int initialReplicas = -1;

    private Builder(RegularSeries demand, ScalingConfig config) {
      if (demand.size() < 2) {
        throw new InputException(
            "demand: " + demand.size() + " value(s) (expected: at least 2 intervals to replay)");
      }
      for (int i = 0; i < demand.size(); i++) {
        if (demand.valueAt(i) < 0) {
          throw new InputException(
              "demand at index " + i + " is " + demand.valueAt(i) + " (expected: >= 0)");
        }
      }
      this.demand = demand;
      this.config = config;
    }

    /** Intervals before this much time are replayed but not scored (default 7d). */
    public Builder warmup(Duration d) {
      if (d.isNegative()) {
        throw new InputException("warmup: " + d + " (expected: >= 0s)");
      }
      long span = demand.size() * demand.stepMillis();
      if (d.toMillis() >= span) {
        throw new InputException(
            "warmup: "
                + Durations.format(d)
                + " (expected: shorter than the demand's "
                + Durations.format(Duration.ofMillis(span))
                + ")");
      }
      warmup = d;
      return this;
    }

    /** A replica's mean service time for the response-time percentile (default 100ms). */
    public Builder serviceTime(Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new InputException("service time: " + d + " (expected: > 0s)");
      }
      serviceTime = d;
      return this;
    }

    /**
     * Replicas ready at the start (default: enough for the first interval at the SLO utilisation,
     * within the min and max).
     */
    public Builder initialReplicas(int n) {
      if (n < config.minReplicas() || n > config.maxReplicas()) {
        throw new InputException(
            "initial replicas: "
                + n
                + " (expected: "
                + config.minReplicas()
                + ".."
                + config.maxReplicas()
                + ")");
      }
      initialReplicas = n;
      return this;
    }

    /**
     * The replay.
     *
     * @throws InputException when the default warmup is not shorter than the demand
     */
    public Replay build() {
      warmup(warmup);
      return new Replay(this);
    }
  }
}
