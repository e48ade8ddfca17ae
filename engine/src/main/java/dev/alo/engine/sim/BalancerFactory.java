package dev.alo.engine.sim;

import dev.alo.engine.balance.Balancer;
import java.util.function.LongSupplier;

/**
 * Makes a fresh balancer for one run, given the run's simulated clock (nanoseconds) and a seed for
 * any randomness the algorithm uses.
 */
@FunctionalInterface
public interface BalancerFactory {
  Balancer create(LongSupplier nanoClock, long seed);
}
