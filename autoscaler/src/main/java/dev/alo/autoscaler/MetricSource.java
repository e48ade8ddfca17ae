package dev.alo.autoscaler;

/** Where the control loop reads the load from, once per control interval. */
public interface MetricSource {
  /**
   * The load now.
   *
   * @throws MetricUnavailableException when it cannot be read (the loop then holds)
   */
  MetricReading read();
}
