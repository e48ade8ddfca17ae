package dev.alo.engine.sim;

import dev.alo.engine.balance.Backend;
import dev.alo.engine.balance.Balancer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One run of the event loop. Three event sources: the next arrival (one pending at a time), a heap
 * of service completions whose payload is a request slot, and a small heap of rarer events
 * (samples, control ticks, failures, health-check marks, servers becoming ready). Requests live in
 * parallel primitive arrays indexed by a recycled slot number, so the hot path does not allocate.
 * At equal times a completion goes first, then the rarer events, then the arrival.
 *
 * <p>The per-server load series keeps at most {@link LoadSeries#maxIntervals(int)} intervals: when
 * it would hold more, neighbouring intervals merge and the interval doubles, so its memory does not
 * depend on how long the run lasts against the first interval (a drain after a burst of arrivals at
 * a high rate can last a million intervals).
 */
final class SimulationRun {
  private static final byte WAITING = 0;
  private static final byte SERVING = 1;
  private static final byte CANCELLED = 2;

  private static final int SAMPLE = 0;
  private static final int CONTROL = 1;
  private static final int FAIL = 2;
  private static final int RECOVER = 3;
  private static final int MARK_DOWN = 4;
  private static final int MARK_UP = 5;
  private static final int READY = 6;
  private static final int KIND_BITS = 3;

  private final SimulationConfig config;
  private final Arrivals.Stream arrivalStream;
  private final Rng work;
  private final Rng keys;
  private final long keySalt;
  private final Balancer balancer;
  private final EventHeap completions = new EventHeap(256);
  private final EventHeap misc = new EventHeap(16);
  private final IdentityHashMap<Backend, ServerState> byBackend = new IdentityHashMap<>();
  private final List<Backend> rotation = new ArrayList<>();
  private final Histogram sojourns = new Histogram(3);
  private final DoubleList sampleTimes = new DoubleList();
  private final long maxRequests;
  private final double arrivalDeadline;
  private final int clients;
  private final double weightUnit;
  private final int maxIntervals;
  private final DoubleConsumer progress;
  private double sampleInterval;

  private ServerState[] servers = new ServerState[8];
  private int serverCount;

  private double[] reqArrival = new double[1024];
  private double[] reqWork = new double[1024];
  private int[] reqServer = new int[1024];
  private byte[] reqState = new byte[1024];
  private int[] freeSlots = new int[1024];
  private int freeTop;
  private int slotsUsed;

  private double now;
  private double nextArrival;
  private long arrivals;
  private long completed;
  private long dropped;
  private long failed;
  private long unrouted;
  private double sumSojourn;
  private double lastSample;
  private double lastControl;
  private long arrivalsAtControl;

  SimulationRun(SimulationConfig config, BalancerFactory factory, DoubleConsumer progress) {
    this.config = config;
    this.progress = progress;
    this.sampleInterval = config.sampleInterval();
    this.maxIntervals = LoadSeries.maxIntervals(config.servers().size());
    long seed = config.seed();
    this.arrivalStream = config.arrivals().open(Rng.stream(seed, 1));
    this.work = Rng.stream(seed, 2);
    this.keys = Rng.stream(seed, 3);
    this.keySalt = Rng.stream(seed, 4).nextLong();
    this.balancer = factory.create(this::nowNanos, Rng.stream(seed, 5).nextLong());
    this.maxRequests = config.maxRequests();
    this.arrivalDeadline = config.duration();
    this.clients = config.clients();
    this.weightUnit = weightUnit(config.servers());
    for (ServerSpec spec : config.servers()) {
      ServerState s = newServer(spec);
      s.state = ServerState.UP;
      s.addedAt = 0;
      rotation.add(s.backend);
    }
    balancer.setBackends(rotation);
    for (Failure f : config.failures()) {
      misc.push(f.at(), encode(FAIL, f.server()));
      if (!Double.isInfinite(f.recoverAt())) {
        misc.push(f.recoverAt(), encode(RECOVER, f.server()));
      }
    }
    misc.push(sampleInterval, encode(SAMPLE, 0));
    if (config.controller().isPresent()) {
      misc.push(config.controlInterval(), encode(CONTROL, 0));
    }
  }

  SimulationResult run() {
    double first = arrivalStream.next();
    nextArrival = first > arrivalDeadline ? Double.POSITIVE_INFINITY : first;
    while (true) {
      double ta = nextArrival;
      double tc = completions.peekTime();
      double tm = misc.peekTime();
      if (tc <= ta && tc <= tm) {
        if (tc == Double.POSITIVE_INFINITY) {
          break;
        }
        now = tc;
        int slot = completions.peekPayload();
        completions.pop();
        complete(slot);
      } else if (tm <= ta) {
        if (ta == Double.POSITIVE_INFINITY && completions.isEmpty()) {
          break;
        }
        now = tm;
        int code = misc.peekPayload();
        misc.pop();
        onMisc(code & ((1 << KIND_BITS) - 1), code >>> KIND_BITS);
      } else {
        now = ta;
        arrive();
      }
    }
    return finish();
  }

  /** The share of the arrivals done so far, from 0 to 1 (by count or by time). */
  private double arrivalShare() {
    double byCount = maxRequests == Long.MAX_VALUE ? 0 : (double) arrivals / maxRequests;
    double end = config.expectedArrivalEnd();
    double byTime = end > 0 && !Double.isInfinite(end) ? now / end : 0;
    return Math.min(1, Math.max(byCount, byTime));
  }

  private long nowNanos() {
    return (long) (now * 1e9);
  }

  private static int encode(int kind, int server) {
    return (server << KIND_BITS) | kind;
  }

  // ---- requests -------------------------------------------------------------------------------

  private void arrive() {
    arrivals++;
    double u = work.nextOpenDouble();
    long key = Rng.mix(keySalt + keys.nextInt(clients));
    double next = arrivalStream.next();
    nextArrival =
        arrivals >= maxRequests || next > arrivalDeadline ? Double.POSITIVE_INFINITY : next;
    Optional<Backend> picked = balancer.pick(key);
    if (picked.isEmpty()) {
      unrouted++;
      return;
    }
    Backend backend = picked.get();
    ServerState s = byBackend.get(backend);
    if (s == null || !s.inPool()) {
      throw new IllegalStateException("the balancer picked a backend outside the pool: " + backend);
    }
    if (s.state == ServerState.DOWN) {
      // Connection refused: the proxy sees an immediate error.
      s.failed++;
      failed++;
      backend.requestStarted();
      backend.requestFinished(nowNanos(), 0);
      return;
    }
    s.touch(now);
    int slot;
    if (s.busy < s.workers) {
      slot = allocate(u, s.index);
      startService(s, slot);
    } else if (s.queue.size() < s.queueCapacity) {
      slot = allocate(u, s.index);
      reqState[slot] = WAITING;
      s.queue.add(slot);
    } else {
      s.dropped++;
      dropped++;
      return;
    }
    s.requests++;
    int inFlight = s.busy + s.queue.size();
    if (inFlight > s.maxInFlight) {
      s.maxInFlight = inFlight;
    }
    backend.requestStarted();
  }

  private void startService(ServerState s, int slot) {
    s.busy++;
    reqState[slot] = SERVING;
    completions.push(now + s.service.sample(reqWork[slot]) * s.invSpeed, slot);
  }

  private void complete(int slot) {
    if (reqState[slot] == CANCELLED) {
      release(slot);
      return;
    }
    ServerState s = servers[reqServer[slot]];
    s.touch(now);
    s.busy--;
    double sojourn = now - reqArrival[slot];
    release(slot);
    long sojournNanos = (long) (sojourn * 1e9);
    sojourns.recordValue(sojournNanos);
    s.sojourns.record(sojournNanos);
    sumSojourn += sojourn;
    s.sumSojourn += sojourn;
    completed++;
    s.completed++;
    s.backend.requestFinished(nowNanos(), sojournNanos);
    if (!s.queue.isEmpty()) {
      startService(s, s.queue.poll());
    } else if (s.state == ServerState.DRAINING && s.busy == 0) {
      retire(s);
    }
  }

  private int allocate(double u, int server) {
    int slot;
    if (freeTop > 0) {
      slot = freeSlots[--freeTop];
    } else {
      if (slotsUsed == reqArrival.length) {
        int n = slotsUsed * 2;
        reqArrival = Arrays.copyOf(reqArrival, n);
        reqWork = Arrays.copyOf(reqWork, n);
        reqServer = Arrays.copyOf(reqServer, n);
        reqState = Arrays.copyOf(reqState, n);
        freeSlots = Arrays.copyOf(freeSlots, n);
      }
      slot = slotsUsed++;
    }
    reqArrival[slot] = now;
    reqWork[slot] = u;
    reqServer[slot] = server;
    return slot;
  }

  private void release(int slot) {
    freeSlots[freeTop++] = slot;
  }

  // ---- pool changes ---------------------------------------------------------------------------

  private ServerState newServer(ServerSpec spec) {
    if (serverCount == servers.length) {
      servers = Arrays.copyOf(servers, serverCount * 2);
    }
    int index = serverCount++;
    ServerState s = new ServerState(index, spec, Backend.of("s" + (index + 1), weight(spec)));
    s.lastChange = now;
    for (int k = 0; k < sampleTimes.size(); k++) {
      s.busySeries.add(Double.NaN);
      s.inFlightSeries.add(Double.NaN);
    }
    servers[index] = s;
    byBackend.put(s.backend, s);
    return s;
  }

  /**
   * The balancer weight of a server: its capacity (workers × speed ÷ mean service time) relative to
   * the initial servers' greatest common unit, so capacities 2 and 1 give weights 2 and 1, and 1.5
   * and 1 give 3 and 2 (capacities are resolved to a hundredth of the smallest).
   */
  private int weight(ServerSpec spec) {
    return (int) Math.max(1, Math.round(spec.capacity() / weightUnit));
  }

  private static double weightUnit(List<ServerSpec> specs) {
    double min = Double.POSITIVE_INFINITY;
    for (ServerSpec spec : specs) {
      min = Math.min(min, spec.capacity());
    }
    double step = min / 100;
    long g = 0;
    for (ServerSpec spec : specs) {
      g = gcd(g, Math.max(1, Math.round(spec.capacity() / step)));
    }
    return step * g;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  private void onMisc(int kind, int server) {
    switch (kind) {
      case SAMPLE -> {
        sample();
        misc.push(now + sampleInterval, encode(SAMPLE, 0));
        progress.accept(arrivalShare()); // some 100 times over the arrivals, free in the hot path
      }
      case CONTROL -> control();
      case FAIL -> fail(servers[server]);
      case RECOVER -> recover(servers[server]);
      case MARK_DOWN -> {
        ServerState s = servers[server];
        if (s.state == ServerState.DOWN) {
          s.backend.setHealthy(false);
        }
      }
      case MARK_UP -> {
        ServerState s = servers[server];
        if (s.state == ServerState.UP) {
          s.backend.setHealthy(true);
        }
      }
      case READY -> ready(servers[server]);
      default -> throw new IllegalStateException("unknown event kind " + kind);
    }
  }

  private void fail(ServerState s) {
    if (s.state != ServerState.UP && s.state != ServerState.DRAINING) {
      return;
    }
    s.touch(now);
    boolean draining = s.state == ServerState.DRAINING;
    s.state = ServerState.DOWN;
    while (!s.queue.isEmpty()) {
      int slot = s.queue.poll();
      lose(s, slot);
      release(slot);
    }
    for (int i = 0; i < completions.size(); i++) {
      int slot = completions.payloadAt(i);
      if (reqServer[slot] == s.index && reqState[slot] == SERVING) {
        lose(s, slot);
        reqState[slot] = CANCELLED;
      }
    }
    s.busy = 0;
    if (draining) {
      retire(s);
      return;
    }
    markAtNextHealthCheck(s, MARK_DOWN, false);
  }

  private void lose(ServerState s, int slot) {
    s.failed++;
    failed++;
    s.backend.requestFinished(nowNanos(), (long) ((now - reqArrival[slot]) * 1e9));
  }

  private void recover(ServerState s) {
    if (s.state != ServerState.DOWN) {
      return;
    }
    s.touch(now);
    s.state = ServerState.UP;
    markAtNextHealthCheck(s, MARK_UP, true);
  }

  private void markAtNextHealthCheck(ServerState s, int kind, boolean healthy) {
    double h = config.healthCheckInterval();
    if (h == 0) {
      s.backend.setHealthy(healthy);
    } else {
      misc.push(Math.ceil(now / h) * h, encode(kind, s.index));
    }
  }

  private void ready(ServerState s) {
    s.state = ServerState.UP;
    s.addedAt = now;
    s.lastChange = now;
    s.sampleBusyMark = 0;
    s.sampleInFlightMark = 0;
    rotation.add(s.backend);
    balancer.setBackends(rotation);
  }

  private void retire(ServerState s) {
    s.touch(now);
    s.state = ServerState.RETIRED;
    s.removedAt = now;
    rotation.remove(s.backend);
    balancer.setBackends(rotation);
  }

  private void drain(ServerState s) {
    s.state = ServerState.DRAINING;
    rotation.remove(s.backend);
    balancer.setBackends(rotation);
    if (s.inFlight() == 0) {
      retire(s);
    }
  }

  // ---- periodic events ------------------------------------------------------------------------

  /**
   * Ends a sample interval: each server present in it records its busy-worker and request seconds
   * since the last sample (turned into averages at the end, once the intervals are final).
   */
  private void sample() {
    double since = lastSample;
    sampleTimes.add(now);
    for (int i = 0; i < serverCount; i++) {
      ServerState s = servers[i];
      boolean present = !Double.isNaN(s.addedAt) && s.addedAt < now && !(s.removedAt <= since);
      if (!present) {
        s.busySeries.add(Double.NaN);
        s.inFlightSeries.add(Double.NaN);
        continue;
      }
      s.touch(now);
      s.busySeries.add(s.busyArea - s.sampleBusyMark);
      s.inFlightSeries.add(s.inFlightArea - s.sampleInFlightMark);
      s.sampleBusyMark = s.busyArea;
      s.sampleInFlightMark = s.inFlightArea;
    }
    lastSample = now;
    if (sampleTimes.size() >= maxIntervals) {
      sampleTimes.mergePairs(true);
      for (int i = 0; i < serverCount; i++) {
        servers[i].busySeries.mergePairs(false);
        servers[i].inFlightSeries.mergePairs(false);
      }
      sampleInterval *= 2;
    }
  }

  /**
   * A server's averages per sample interval from its recorded seconds: busy workers ÷ workers
   * (utilisation) or requests at it, over the part of the interval it was in the pool; NaN where it
   * was not.
   */
  private double[] averages(ServerState s, DoubleList seconds, double[] times, int divisor) {
    double[] out = new double[times.length];
    for (int k = 0; k < times.length; k++) {
      double from = Math.max(k == 0 ? 0 : times[k - 1], s.addedAt);
      double to = Double.isNaN(s.removedAt) ? times[k] : Math.min(times[k], s.removedAt);
      double dt = to - from;
      double v = seconds.get(k);
      out[k] = dt > 0 && !Double.isNaN(v) ? v / (divisor * dt) : Double.NaN;
    }
    return out;
  }

  private void control() {
    PoolController controller = config.controller().orElseThrow();
    controller.control(new PoolView(now - lastControl, arrivals - arrivalsAtControl));
    for (int i = 0; i < serverCount; i++) {
      ServerState s = servers[i];
      s.touch(now);
      s.controlBusyMark = s.busyArea;
    }
    lastControl = now;
    arrivalsAtControl = arrivals;
    misc.push(now + config.controlInterval(), encode(CONTROL, 0));
  }

  /** The controller's view; valid during one call. */
  private final class PoolView implements Pool {
    private final double interval;
    private final long arrivalsInInterval;

    PoolView(double interval, long arrivalsInInterval) {
      this.interval = interval;
      this.arrivalsInInterval = arrivalsInInterval;
    }

    @Override
    public double now() {
      return now;
    }

    @Override
    public int serving() {
      int n = 0;
      for (int i = 0; i < serverCount; i++) {
        int st = servers[i].state;
        n += st == ServerState.UP || st == ServerState.DOWN ? 1 : 0;
      }
      return n;
    }

    @Override
    public int provisioning() {
      int n = 0;
      for (int i = 0; i < serverCount; i++) {
        n += servers[i].state == ServerState.PROVISIONING ? 1 : 0;
      }
      return n;
    }

    @Override
    public double arrivalRate() {
      return interval > 0 ? arrivalsInInterval / interval : 0;
    }

    @Override
    public double utilization() {
      double busy = 0;
      double capacity = 0;
      for (int i = 0; i < serverCount; i++) {
        ServerState s = servers[i];
        if (s.state == ServerState.UP || s.state == ServerState.DOWN) {
          s.touch(now);
          double from = Math.max(lastControl, s.addedAt);
          busy += s.busyArea - s.controlBusyMark;
          capacity += s.workers * Math.max(0, now - from);
        }
      }
      return capacity > 0 ? Math.min(1, busy / capacity) : 0;
    }

    @Override
    public int inFlight() {
      int n = 0;
      for (int i = 0; i < serverCount; i++) {
        n += servers[i].inFlight();
      }
      return n;
    }

    @Override
    public void addServer(ServerSpec spec) {
      ServerState s = newServer(spec);
      s.state = ServerState.PROVISIONING;
      misc.push(now + config.provisioningDelay(), encode(READY, s.index));
    }

    @Override
    public boolean removeServer() {
      @Nullable ServerState newest = null;
      int serving = 0;
      for (int i = 0; i < serverCount; i++) {
        ServerState s = servers[i];
        if (s.state == ServerState.UP || s.state == ServerState.DOWN) {
          serving++;
          newest = s;
        }
      }
      if (newest == null || serving < 2) {
        return false;
      }
      if (newest.state == ServerState.DOWN) {
        newest.touch(now);
        retire(newest);
      } else {
        drain(newest);
      }
      return true;
    }
  }

  // ---- results --------------------------------------------------------------------------------

  private SimulationResult finish() {
    double end = now;
    // A last partial interval is kept unless it is a sliver (its averages would be mere noise).
    if (end - lastSample >= 0.1 * sampleInterval) {
      sample();
    }
    double[] times = sampleTimes.toArray();
    List<ServerResult> results = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    double[] util = new double[serverCount];
    double[] reqs = new double[serverCount];
    double[][] utilSeries = new double[serverCount][];
    double[][] inFlightSeries = new double[serverCount][];
    int present = 0;
    for (int i = 0; i < serverCount; i++) {
      ServerState s = servers[i];
      s.touch(end);
      double from = Double.isNaN(s.addedAt) ? end : s.addedAt;
      double to = Double.isNaN(s.removedAt) ? end : s.removedAt;
      double span = to - from;
      double utilization = span > 0 ? s.busyArea / (s.workers * span) : 0;
      double meanInFlight = span > 0 ? s.inFlightArea / span : 0;
      results.add(
          new ServerResult(
              s.backend.id(),
              s.requests,
              s.completed,
              s.dropped,
              s.failed,
              utilization,
              meanInFlight,
              s.maxInFlight,
              s.completed > 0 ? s.sumSojourn / s.completed : Double.NaN,
              percentile(s.sojourns, s.completed, 50),
              percentile(s.sojourns, s.completed, 95),
              percentile(s.sojourns, s.completed, 99),
              Double.isNaN(s.addedAt) ? Double.NaN : s.addedAt,
              s.removedAt));
      ids.add(s.backend.id());
      utilSeries[i] = averages(s, s.busySeries, times, s.workers);
      inFlightSeries[i] = averages(s, s.inFlightSeries, times, 1);
      if (!Double.isNaN(s.addedAt)) {
        util[present] = utilization;
        reqs[present] = s.requests;
        present++;
      }
    }
    return new SimulationResult(
        balancer.name(),
        arrivals,
        completed,
        dropped,
        failed,
        unrouted,
        end,
        end > 0 ? completed / end : 0,
        completed > 0 ? sumSojourn / completed : Double.NaN,
        percentile(sojourns, completed, 50),
        percentile(sojourns, completed, 95),
        percentile(sojourns, completed, 99),
        completed > 0 ? sojourns.getMaxValue() / 1e9 : Double.NaN,
        LoadDistribution.of(Arrays.copyOf(util, Math.max(1, present))),
        LoadDistribution.of(Arrays.copyOf(reqs, Math.max(1, present))),
        results,
        new LoadSeries(ids, times, utilSeries, inFlightSeries));
  }

  private static double percentile(Histogram h, long count, double p) {
    return count > 0 ? h.getValueAtPercentile(p) / 1e9 : Double.NaN;
  }

  private static double percentile(SojournRecorder r, long count, double p) {
    return count > 0 ? r.valueAtPercentile(p) / 1e9 : Double.NaN;
  }
}
