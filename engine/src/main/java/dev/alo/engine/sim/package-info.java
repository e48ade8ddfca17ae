/**
 * A deterministic discrete-event simulator of a load-balanced server pool: Poisson, time-varying
 * and replayed arrivals, heterogeneous multi-worker servers with optional bounded queues, failures,
 * a pool that grows and drains under a controller, and the same {@link
 * dev.alo.engine.balance.Balancer} code the proxy runs. Simulated time only; seeded randomness.
 */
@NullMarked
package dev.alo.engine.sim;

import org.jspecify.annotations.NullMarked;
