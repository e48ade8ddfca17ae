package dev.alo.engine.sim;

/**
 * What a {@link PoolController} sees of the simulated pool at a control tick, and what it may do.
 * Figures over "the last interval" cover the time since the previous tick.
 */
public interface Pool {
  /** Simulated seconds since the start. */
  double now();

  /** Servers receiving traffic (up or failed but not yet removed; not draining). */
  int serving();

  /** Servers added and still starting (they take the provisioning delay). */
  int provisioning();

  /** Requests that arrived per second over the last interval. */
  double arrivalRate();

  /** Busy-worker fraction of the serving servers over the last interval, in [0, 1]. */
  double utilization();

  /** Requests currently at servers (waiting or in service). */
  int inFlight();

  /** Starts a server; it receives traffic after the provisioning delay. */
  void addServer(ServerSpec spec);

  /**
   * Takes the most recently added serving server out of rotation; it is removed once its in-flight
   * requests finish. Refuses (returns false) to remove the last serving server.
   */
  boolean removeServer();
}
