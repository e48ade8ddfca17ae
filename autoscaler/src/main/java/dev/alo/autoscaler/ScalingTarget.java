package dev.alo.autoscaler;

/**
 * What the control loop scales: replicas that start, become ready and stop on their own time. A
 * target is asked for a count and converges to it in the background; {@link #replicas()} says how
 * far it got.
 */
public interface ScalingTarget extends AutoCloseable {
  /** A short description for logs, e.g. {@code local backends via http://127.0.0.1:9100}. */
  String describe();

  /** The replicas now. */
  Replicas replicas();

  /** Asks for {@code desired} replicas; returns at once, the target converges in the background. */
  void scaleTo(int desired);

  /**
   * Whether every backend the proxy reports is one of this target's replicas (a Kubernetes
   * Deployment the proxy fronts, through its pods or its Service): the load is then summed over all
   * healthy backends and spread over {@link Replicas#readyCount()}. Otherwise (by default) only the
   * backends named in {@link Replicas#ready()} count, one replica each.
   */
  default boolean servesAllBackends() {
    return false;
  }

  /** Stops what the target started (a local target drains and stops its backends). */
  @Override
  void close();
}
