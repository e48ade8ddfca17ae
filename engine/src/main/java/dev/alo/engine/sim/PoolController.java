package dev.alo.engine.sim;

/**
 * Changes the pool during a run (an autoscaler, a scripted scale-out): called every control
 * interval of simulated time with a view of the pool. Must be deterministic for the run to be.
 */
@FunctionalInterface
public interface PoolController {
  void control(Pool pool);
}
