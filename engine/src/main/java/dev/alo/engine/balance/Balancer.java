package dev.alo.engine.balance;

import java.util.List;
import java.util.Optional;

/**
 * Chooses a backend for each request. One abstraction shared by the simulator, the reverse proxy
 * and the autoscaler's what-if analysis: implementations only use what a real proxy can observe
 * (weight, health, requests in flight, observed latency), are thread-safe, and do not allocate per
 * pick.
 *
 * <p>Membership changes at runtime through {@link #setBackends(List)}; the list's order is the
 * balancer's notion of backend order (round robin goes through it in that order).
 */
public interface Balancer {

  /** The canonical name, as used by the CLI, configuration and API (e.g. {@code round-robin}). */
  String name();

  /** Replaces the set of backends. Picks in progress finish against the previous set. */
  void setBackends(List<Backend> backends);

  /** The current backends, in order. */
  List<Backend> backends();

  /**
   * Picks a healthy backend for a request.
   *
   * @param key the request's affinity key (a hash of the client address, a header...); only hash
   *     based balancers use it
   * @return the backend, or empty when no backend is healthy
   */
  Optional<Backend> pick(long key);

  /** Round robin over the healthy backends, in order, ignoring weights. */
  static Balancer roundRobin() {
    return new RoundRobinBalancer();
  }
}
