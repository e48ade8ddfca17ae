package dev.alo.proxy;

/**
 * Live statistics of one backend, as served by the admin endpoint.
 *
 * @param id {@code HOST:PORT}
 * @param url {@code http://HOST:PORT}
 * @param weight current weight
 * @param healthy whether the balancer may pick it
 * @param state up, down (active checks), ejected (outlier detection), draining or removed
 * @param inFlight requests sent and not finished
 * @param requests finished requests since start
 * @param requestsPerSecond finished requests per second over the last second
 * @param errors 5xx responses, resets, timeouts and connect failures since start
 * @param errorRate errors / requests
 * @param latencyEwmaMs peak-sensitive EWMA of latency in milliseconds
 * @param p50Ms median latency since start, milliseconds
 * @param p95Ms 95th percentile latency since start, milliseconds
 * @param p99Ms 99th percentile latency since start, milliseconds
 * @param ejections times ejected since start
 */
public record BackendStats(
    String id,
    String url,
    int weight,
    boolean healthy,
    String state,
    int inFlight,
    long requests,
    double requestsPerSecond,
    long errors,
    double errorRate,
    double latencyEwmaMs,
    double p50Ms,
    double p95Ms,
    double p99Ms,
    long ejections) {}
