package dev.alo.proxy;

/**
 * Proxy-wide counters.
 *
 * @param connections open client connections
 * @param activeRequests requests being served
 * @param retries requests retried on another backend since start
 * @param clientErrors requests refused as malformed (400, 408, 413, 431...) since start
 * @param tlsHandshakeFailures TLS connections that never completed a handshake (failed, timed out
 *     or not TLS at all) since start; 0 without TLS
 * @param transport epoll or nio
 * @param threads event-loop threads
 */
public record ProxyStats(
    int connections,
    int activeRequests,
    long retries,
    long clientErrors,
    long tlsHandshakeFailures,
    String transport,
    int threads) {}
