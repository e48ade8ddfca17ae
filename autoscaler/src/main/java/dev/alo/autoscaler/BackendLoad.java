package dev.alo.autoscaler;

/**
 * The load of one backend as the proxy reported it.
 *
 * @param id {@code HOST:PORT}, as the proxy names it
 * @param state up, down, ejected, draining or removed
 * @param healthy whether the proxy may send it requests
 * @param inFlight requests sent to it and not finished
 * @param requestsPerSecond finished requests per second since the previous reading (the proxy's
 *     last-second rate in the first reading)
 * @param latencyEwmaMs the proxy's peak-sensitive latency average, milliseconds
 */
public record BackendLoad(
    String id,
    String state,
    boolean healthy,
    int inFlight,
    double requestsPerSecond,
    double latencyEwmaMs) {}
