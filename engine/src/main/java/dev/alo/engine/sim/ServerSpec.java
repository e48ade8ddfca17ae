package dev.alo.engine.sim;

/**
 * One simulated server: {@code workers} requests served at once, a speed factor dividing the
 * service time, a service-time distribution (for a speed-1 server) and a queue of at most {@code
 * queueCapacity} waiting requests (a request arriving to a full queue is dropped).
 */
public record ServerSpec(int workers, double speed, ServiceTime service, int queueCapacity) {
  /** Queue capacity meaning "no bound". */
  public static final int UNBOUNDED = Integer.MAX_VALUE;

  public ServerSpec {
    if (workers < 1) {
      throw new IllegalArgumentException("workers: " + workers + " (expected: >= 1)");
    }
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("speed: " + speed + " (expected: > 0)");
    }
    if (queueCapacity < 0) {
      throw new IllegalArgumentException("queue capacity: " + queueCapacity + " (expected: >= 0)");
    }
  }

  /** A server with an unbounded queue. */
  public static ServerSpec of(int workers, double speed, ServiceTime service) {
    return new ServerSpec(workers, speed, service, UNBOUNDED);
  }

  /** The same server with at most {@code capacity} requests waiting (0: none wait). */
  public ServerSpec withQueueCapacity(int capacity) {
    return new ServerSpec(workers, speed, service, capacity);
  }

  /** Requests per second this server completes when all workers are busy. */
  public double capacity() {
    return workers * speed / service.mean();
  }
}
