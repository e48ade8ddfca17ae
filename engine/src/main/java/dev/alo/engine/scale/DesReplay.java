package dev.alo.engine.scale;

import dev.alo.engine.balance.Balancer;
import dev.alo.engine.forecast.RegularSeries;
import dev.alo.engine.series.TimeSeries;
import dev.alo.engine.sim.Arrivals;
import dev.alo.engine.sim.Pool;
import dev.alo.engine.sim.PoolController;
import dev.alo.engine.sim.ServerSpec;
import dev.alo.engine.sim.ServiceTime;
import dev.alo.engine.sim.SimulationConfig;
import dev.alo.engine.sim.SimulationResult;
import dev.alo.engine.sim.Simulator;
import java.util.ArrayList;
import java.util.List;

/**
 * The replay of {@link Replay#simulate} through the discrete-event simulator: Poisson arrivals at
 * the demand's rate per interval (a replica at 100 % serves 1 / service time requests a second),
 * one exponential worker per replica behind least-connections, and the policy as the simulator's
 * {@link PoolController}, called at the end of every interval with the load that arrived in it.
 * Servers asked for start after the provisioning delay; removed ones drain their requests first.
 * Scored as the fluid replay: server-hours of the replicas asked for, and an interval violates when
 * the requests that arrived in it keep its serving replicas busier than the SLO utilisation; the
 * response-time percentile is the simulator's, over every request.
 */
final class DesReplay {
  private DesReplay() {}

  static ReplayResult run(
      RegularSeries demand,
      ScalingConfig config,
      ScalingPolicy policy,
      int scoredFrom,
      double serviceSeconds,
      int initialReplicas,
      long seed) {
    int n = demand.size();
    long step = demand.stepMillis();
    double stepSeconds = step / 1000.0;
    double perReplicaRate = 1 / serviceSeconds;
    double capacity = config.capacityPerReplica();
    double slo = config.sloUtilization() / 100;
    long[] times = new long[n];
    double[] counts = new double[n];
    for (int i = 0; i < n; i++) {
      times[i] = demand.timeAt(i);
      counts[i] = Math.max(0, demand.valueAt(i)) / capacity * perReplicaRate * stepSeconds;
    }
    ServerSpec server = ServerSpec.of(1, 1, ServiceTime.exponential(serviceSeconds));
    List<ServerSpec> initial = new ArrayList<>();
    for (int i = 0; i < Math.max(1, initialReplicas); i++) {
      initial.add(server);
    }
    Controller c =
        new Controller(
            demand, policy, server, scoredFrom, perReplicaRate, capacity, slo, initial.size());
    SimulationConfig sim =
        SimulationConfig.builder(
                initial, Arrivals.fromCounts(TimeSeries.of("demand", times, counts), 1))
            .duration(n * stepSeconds)
            .controller(c, stepSeconds, readyBeforeTick(config, step))
            .sampleInterval(Math.max(stepSeconds, n * stepSeconds / 1000))
            .seed(seed)
            .build();
    SimulationResult r = Simulator.run(sim, (clock, s) -> Balancer.leastConnections());
    int scored = Math.max(0, n - scoredFrom);
    double scoredDays = scored * step / 86_400_000.0;
    return new ReplayResult(
        policy.name(),
        c.existSteps * step / 3_600_000.0,
        c.violations * step / 60_000.0,
        scored == 0 ? 0 : 100.0 * c.violations / scored,
        c.actions,
        scoredDays == 0 ? 0 : c.directionChanges / scoredDays,
        r.p99(),
        c.maxServers,
        new ReplayTimeline(
            demand.startMillis(), step, Math.min(scoredFrom, n), c.desiredAt, c.readyAt));
  }

  /**
   * The provisioning delay rounded up to whole intervals, as the fluid replay counts it, less a
   * microsecond: a server due at a control tick serves from just before it, so the policy sees it
   * ready there (not one interval later, which the order of simultaneous events would decide).
   */
  static double readyBeforeTick(ScalingConfig config, long stepMillis) {
    long steps = Math.ceilDiv(config.provisioningDelay().toMillis(), stepMillis);
    return steps == 0 ? 0 : steps * stepMillis / 1000.0 - 1e-6;
  }

  /** The policy as the simulator's controller, scoring each interval as it ends. */
  private static final class Controller implements PoolController {
    private final RegularSeries demand;
    private final ScalingPolicy policy;
    private final ServerSpec server;
    private final int scoredFrom;
    private final double perReplicaRate;
    private final double capacity;
    private final double slo;
    private final double[] observed;
    private final ArrayHistory history;
    final int[] desiredAt;
    final int[] readyAt;
    private int desired;
    private int interval;
    long existSteps;
    int violations;
    int actions;
    int directionChanges;
    int maxServers;
    private int lastDirection;

    Controller(
        RegularSeries demand,
        ScalingPolicy policy,
        ServerSpec server,
        int scoredFrom,
        double perReplicaRate,
        double capacity,
        double slo,
        int initial) {
      this.demand = demand;
      this.policy = policy;
      this.server = server;
      this.scoredFrom = scoredFrom;
      this.perReplicaRate = perReplicaRate;
      this.capacity = capacity;
      this.slo = slo;
      this.observed = new double[demand.size()];
      this.history = new ArrayHistory(demand.startMillis(), demand.stepMillis(), observed, 0);
      this.desiredAt = new int[demand.size()];
      this.readyAt = new int[demand.size()];
      this.desired = initial;
    }

    @Override
    public void control(Pool pool) {
      int i = interval++;
      if (i >= demand.size()) {
        return;
      }
      // interval i has just ended: score it with the replicas that served it
      int ready = pool.serving();
      double load = pool.arrivalRate() / perReplicaRate; // replicas at 100 %
      observed[i] = load * capacity;
      desiredAt[i] = desired;
      readyAt[i] = ready;
      if (i >= scoredFrom) {
        // what exists: servers serving or starting (one asked for cannot be called back while it
        // starts, so a scale-in then removes a serving one and the starting one still costs)
        int exist = Math.max(desired, ready + pool.provisioning());
        existSteps += exist;
        maxServers = Math.max(maxServers, exist);
        if (Replay.violates(load, ready, slo)) {
          violations++;
        }
      }
      if (i + 1 >= demand.size()) {
        return;
      }
      history.grow(i + 1);
      Observation o =
          Observation.of(demand.timeAt(i + 1), desired, desired, ready, observed[i], history);
      int next = policy.decide(o).desiredReplicas();
      if (next == desired) {
        return;
      }
      int direction = next > desired ? 1 : -1;
      if (i + 1 >= scoredFrom) {
        actions++;
        if (lastDirection != 0 && direction != lastDirection) {
          directionChanges++;
        }
      }
      lastDirection = direction;
      for (int k = desired; k < next; k++) {
        pool.addServer(server);
      }
      int removed = 0;
      for (int k = next; k < desired; k++) {
        if (pool.removeServer()) {
          removed++;
        }
      }
      desired = next > desired ? next : desired - removed;
    }
  }
}
