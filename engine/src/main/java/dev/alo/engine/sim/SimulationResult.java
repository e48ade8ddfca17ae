package dev.alo.engine.sim;

import java.util.List;

/**
 * The outcome of one run. Response times are sojourn times (waiting + service) of completed
 * requests in simulated seconds; {@code throughput} is completions per simulated second over {@code
 * duration} (start to the last event). {@code dropped}: refused by a full queue; {@code failed}:
 * lost with a failed server or sent to one before the health check noticed; {@code unrouted}: no
 * healthy backend. {@code utilizationSpread} is over per-server utilisation (the fairness that
 * matters for heterogeneous servers), {@code requestSpread} over per-server requests.
 */
public record SimulationResult(
    String algorithm,
    long arrivals,
    long completed,
    long dropped,
    long failed,
    long unrouted,
    double duration,
    double throughput,
    double meanResponse,
    double p50,
    double p95,
    double p99,
    double maxResponse,
    LoadDistribution utilizationSpread,
    LoadDistribution requestSpread,
    List<ServerResult> servers,
    LoadSeries series) {}
