package dev.alo.proxy;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the proxy needs to run. Start from {@link #defaults} and change what differs.
 *
 * @param listen where clients connect
 * @param backends the initial backends
 * @param algorithm the balancer's canonical name
 * @param threads event-loop threads
 * @param timeouts connect, response, idle and header-read timeouts
 * @param limits connection, header and body limits
 * @param health active health checks
 * @param outliers passive outlier detection
 * @param retries retry policy
 * @param hashKey what hash-based balancing hashes
 * @param tls TLS termination on the listener ({@link Tls#OFF}: plain HTTP)
 */
public record ProxyConfig(
    InetSocketAddress listen,
    List<BackendAddress> backends,
    String algorithm,
    int threads,
    Timeouts timeouts,
    Limits limits,
    HealthCheck health,
    Outliers outliers,
    Retries retries,
    HashKey hashKey,
    Tls tls) {

  /** Copies the backend list. */
  public ProxyConfig {
    backends = List.copyOf(backends);
    if (threads < 1) {
      throw new IllegalArgumentException("threads: " + threads + " (expected >= 1)");
    }
  }

  /** The defaults: round robin, one thread per core, the timeouts and limits below. */
  public static ProxyConfig defaults(InetSocketAddress listen, List<BackendAddress> backends) {
    return new ProxyConfig(
        listen,
        backends,
        "round-robin",
        Runtime.getRuntime().availableProcessors(),
        Timeouts.DEFAULT,
        Limits.DEFAULT,
        HealthCheck.DEFAULT,
        Outliers.DEFAULT,
        Retries.DEFAULT,
        HashKey.CLIENT,
        Tls.OFF);
  }

  public ProxyConfig withAlgorithm(String algorithm) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withThreads(int threads) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withHashKey(HashKey hashKey) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withTimeouts(Timeouts timeouts) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withLimits(Limits limits) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withHealth(HealthCheck health) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withOutliers(Outliers outliers) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withRetries(Retries retries) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  public ProxyConfig withTls(Tls tls) {
    return new ProxyConfig(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  /** The scheme clients use: {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return tls.enabled() ? "https" : "http";
  }

  /**
   * Timeouts.
   *
   * @param connect to open a backend connection
   * @param response from the end of the request to the first response byte
   * @param idle a keep-alive connection (client or pooled backend) without traffic is closed
   * @param headerRead a request head must arrive completely within this time (else 408)
   */
  public record Timeouts(Duration connect, Duration response, Duration idle, Duration headerRead) {
    public static final Timeouts DEFAULT =
        new Timeouts(
            Duration.ofSeconds(5),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            Duration.ofSeconds(10));
  }

  /**
   * Limits.
   *
   * @param maxConnections concurrent client connections; more are closed at once
   * @param maxHeadSize bytes of a request head (request line and headers); beyond it 431
   * @param maxHeaders header fields in a request; beyond it 431
   * @param maxBodySize bytes of a request body; beyond it 413
   */
  public record Limits(int maxConnections, int maxHeadSize, int maxHeaders, long maxBodySize) {
    public static final Limits DEFAULT = new Limits(100_000, 16 * 1024, 100, Long.MAX_VALUE);
  }

  /**
   * Active health checks, as HAProxy's inter/rise/fall.
   *
   * @param enabled whether checks run
   * @param path the path requested with GET
   * @param interval time between checks of one backend
   * @param timeout a check without a response within it fails
   * @param rise consecutive successes that bring a down backend up
   * @param fall consecutive failures that take an up backend down
   * @param slowStart a backend added at runtime or coming back gets a share of its traffic that
   *     ramps from 10% to 100% over this window (zero: off)
   */
  public record HealthCheck(
      boolean enabled,
      String path,
      Duration interval,
      Duration timeout,
      int rise,
      int fall,
      Duration slowStart) {
    public static final HealthCheck DEFAULT =
        new HealthCheck(
            true, "/", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3, Duration.ZERO);

    /** Checks without slow start. */
    public HealthCheck(
        boolean enabled, String path, Duration interval, Duration timeout, int rise, int fall) {
      this(enabled, path, interval, timeout, rise, fall, Duration.ZERO);
    }
  }

  /**
   * Passive outlier detection.
   *
   * @param consecutiveFailures 5xx responses, resets or timeouts in a row that eject a backend
   * @param baseEjection ejection time; the n-th ejection in a row lasts n times this
   * @param maxEjection the longest ejection
   * @param maxEjectedShare at most this share of the backends is ejected at once
   */
  public record Outliers(
      int consecutiveFailures,
      Duration baseEjection,
      Duration maxEjection,
      double maxEjectedShare) {
    public static final Outliers DEFAULT =
        new Outliers(5, Duration.ofSeconds(10), Duration.ofMinutes(5), 0.5);
  }

  /**
   * Retries of idempotent requests whose backend refused the connection or reset it before any
   * response byte.
   *
   * @param enabled whether requests are retried
   * @param maxAttempts attempts per request, the first included
   * @param budgetRatio concurrent retries allowed as a share of active requests
   * @param minConcurrent concurrent retries always allowed
   */
  public record Retries(boolean enabled, int maxAttempts, double budgetRatio, int minConcurrent) {
    public static final Retries DEFAULT = new Retries(true, 3, 0.2, 10);
  }

  /**
   * TLS termination: clients connect with TLS 1.2 or 1.3 and the proxy speaks plain HTTP to the
   * backends.
   *
   * @param enabled whether the listener speaks TLS
   * @param certificateChain PEM file: the server certificate, then its intermediates
   * @param privateKey PEM file: the certificate's unencrypted key (PKCS#8, PKCS#1 RSA or SEC1 EC)
   * @param handshakeTimeout a connection whose handshake has not completed within it is closed
   * @param reloadInterval how often the files are checked for a change that is then served to new
   *     connections (zero: never)
   */
  public record Tls(
      boolean enabled,
      Path certificateChain,
      Path privateKey,
      Duration handshakeTimeout,
      Duration reloadInterval) {
    /** No TLS: the listener speaks plain HTTP. */
    public static final Tls OFF =
        new Tls(false, Path.of(""), Path.of(""), Duration.ofSeconds(10), Duration.ZERO);

    /** Checks the durations. */
    public Tls {
      if (handshakeTimeout.isNegative() || handshakeTimeout.isZero()) {
        throw new IllegalArgumentException(
            "handshakeTimeout: " + handshakeTimeout + " (expected > 0)");
      }
      if (reloadInterval.isNegative()) {
        throw new IllegalArgumentException(
            "reloadInterval: " + reloadInterval + " (expected >= 0)");
      }
    }

    /** TLS from PEM files, with a 10 s handshake timeout and a check for new files every 10 s. */
    public static Tls pem(Path certificateChain, Path privateKey) {
      return new Tls(
          true, certificateChain, privateKey, Duration.ofSeconds(10), Duration.ofSeconds(10));
    }
  }
}
