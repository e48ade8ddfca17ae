package dev.alo.engine.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Everything a run needs except the balancer. Arrivals stop after {@code maxRequests} arrivals, at
 * {@code duration} seconds or when the arrival process ends, whichever comes first; the run then
 * drains (every accepted request completes or fails). Build with {@link #builder(List, Arrivals)}.
 */
public final class SimulationConfig {
  private final List<ServerSpec> servers;
  private final Arrivals arrivals;
  private final long maxRequests;
  private final double duration;
  private final long seed;
  private final List<Failure> failures;
  private final double healthCheckInterval;
  private final double sampleInterval;
  private final int clients;
  private final @Nullable PoolController controller;
  private final double controlInterval;
  private final double provisioningDelay;

  private SimulationConfig(Builder b) {
    this.servers = List.copyOf(b.servers);
    this.arrivals = b.arrivals;
    this.maxRequests = b.maxRequests;
    this.duration = b.duration;
    this.seed = b.seed;
    this.failures = List.copyOf(b.failures);
    this.healthCheckInterval = b.healthCheckInterval;
    this.clients = b.clients;
    this.controller = b.controller;
    this.controlInterval = b.controlInterval;
    this.provisioningDelay = b.provisioningDelay;
    this.sampleInterval = b.sampleInterval > 0 ? b.sampleInterval : defaultSampleInterval();
  }

  /** A configuration with the given initial servers and arrivals; the rest has defaults. */
  public static Builder builder(List<ServerSpec> servers, Arrivals arrivals) {
    return new Builder(servers, arrivals);
  }

  public List<ServerSpec> servers() {
    return servers;
  }

  public Arrivals arrivals() {
    return arrivals;
  }

  public long maxRequests() {
    return maxRequests;
  }

  public double duration() {
    return duration;
  }

  public long seed() {
    return seed;
  }

  public List<Failure> failures() {
    return failures;
  }

  public double healthCheckInterval() {
    return healthCheckInterval;
  }

  public double sampleInterval() {
    return sampleInterval;
  }

  public int clients() {
    return clients;
  }

  public Optional<PoolController> controller() {
    return Optional.ofNullable(controller);
  }

  public double controlInterval() {
    return controlInterval;
  }

  public double provisioningDelay() {
    return provisioningDelay;
  }

  /** When arrivals are expected to stop, simulated seconds. */
  public double expectedArrivalEnd() {
    double byCount = maxRequests / arrivals.meanRate();
    return Math.min(Math.min(duration, arrivals.end()), byCount);
  }

  private double defaultSampleInterval() {
    double end = expectedArrivalEnd();
    return end > 0 && !Double.isInfinite(end) ? end / 100 : 1.0;
  }

  /** Builds a {@link SimulationConfig}; every setter checks its value. */
  public static final class Builder {
    private final List<ServerSpec> servers;
    private final Arrivals arrivals;
    private long maxRequests = Long.MAX_VALUE;
    private double duration = Double.POSITIVE_INFINITY;
    private long seed = 1;
    private final List<Failure> failures = new ArrayList<>();
    private double healthCheckInterval;
    private double sampleInterval;
    private int clients = 10_000;
    private @Nullable PoolController controller;
    private double controlInterval = 1;
    private double provisioningDelay;

    private Builder(List<ServerSpec> servers, Arrivals arrivals) {
      if (servers.isEmpty()) {
        throw new IllegalArgumentException("servers: none (expected: at least one)");
      }
      this.servers = List.copyOf(servers);
      this.arrivals = arrivals;
    }

    /** Stop arrivals after this many (at least 1). */
    public Builder maxRequests(long n) {
      if (n < 1) {
        throw new IllegalArgumentException("requests: " + n + " (expected: >= 1)");
      }
      this.maxRequests = n;
      return this;
    }

    /** Stop arrivals at this simulated time (seconds, > 0). */
    public Builder duration(double seconds) {
      if (!(seconds > 0)) {
        throw new IllegalArgumentException("duration: " + seconds + " s (expected: > 0)");
      }
      this.duration = seconds;
      return this;
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Adds a failure of one of the initial servers. */
    public Builder failure(Failure failure) {
      if (failure.server() >= servers.size()) {
        throw new IllegalArgumentException(
            "failure: server index "
                + failure.server()
                + " (expected: < "
                + servers.size()
                + ", the number of servers)");
      }
      failures.add(failure);
      return this;
    }

    /**
     * How often the balancer's health checks run, seconds: a failure or recovery is seen at the
     * next multiple of it (0, the default: at once). Until then picks still go to a failed server
     * and fail.
     */
    public Builder healthCheckInterval(double seconds) {
      if (!(seconds >= 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException(
            "health check interval: " + seconds + " s (expected: >= 0)");
      }
      this.healthCheckInterval = seconds;
      return this;
    }

    /**
     * Length of the first intervals of the per-server load series, seconds (default: a hundredth of
     * the expected arrival period). The interval doubles whenever the series would exceed {@link
     * LoadSeries#maxIntervals(int)} intervals (a long drain, or a short interval), so the series'
     * memory is bounded whatever the interval.
     */
    public Builder sampleInterval(double seconds) {
      if (!(seconds > 0) || Double.isInfinite(seconds)) {
        throw new IllegalArgumentException("sample interval: " + seconds + " s (expected: > 0)");
      }
      this.sampleInterval = seconds;
      return this;
    }

    /** Distinct clients the affinity keys are drawn from, uniformly (default 10,000). */
    public Builder clients(int clients) {
      if (clients < 1) {
        throw new IllegalArgumentException("clients: " + clients + " (expected: >= 1)");
      }
      this.clients = clients;
      return this;
    }

    /**
     * Calls {@code controller} every {@code interval} simulated seconds; servers it adds take
     * {@code provisioningDelay} seconds to start.
     */
    public Builder controller(
        PoolController controller, double interval, double provisioningDelay) {
      if (!(interval > 0) || Double.isInfinite(interval)) {
        throw new IllegalArgumentException("control interval: " + interval + " s (expected: > 0)");
      }
      if (!(provisioningDelay >= 0) || Double.isInfinite(provisioningDelay)) {
        throw new IllegalArgumentException(
            "provisioning delay: " + provisioningDelay + " s (expected: >= 0)");
      }
      this.controller = controller;
      this.controlInterval = interval;
      this.provisioningDelay = provisioningDelay;
      return this;
    }

    public SimulationConfig build() {
      if (maxRequests == Long.MAX_VALUE
          && Double.isInfinite(duration)
          && Double.isInfinite(arrivals.end())) {
        throw new IllegalArgumentException(
            "the run never ends: set a number of requests or a duration");
      }
      return new SimulationConfig(this);
    }
  }
}
