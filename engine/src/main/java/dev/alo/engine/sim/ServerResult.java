package dev.alo.engine.sim;

/**
 * One server's figures over a run. {@code requests} were accepted (served or queued); response
 * times are sojourn times (waiting + service) of its completed requests, simulated seconds (NaN
 * when none completed). {@code utilization} is the busy-worker fraction over the time the server
 * was in the pool; {@code meanInFlight} the time-average of requests at it.
 */
public record ServerResult(
    String id,
    long requests,
    long completed,
    long dropped,
    long failed,
    double utilization,
    double meanInFlight,
    int maxInFlight,
    double meanResponse,
    double p50,
    double p95,
    double p99,
    double addedAt,
    double removedAt) {}
