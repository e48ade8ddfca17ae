package dev.alo.proxy;

import dev.alo.engine.balance.Algorithm;
import dev.alo.engine.time.Durations;
import dev.alo.proxy.tls.TlsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Everything the proxy needs to run, immutable. Built with {@link #builder()}, which holds every
 * default and checks every value; the CLI, its configuration file and the tests all go through it.
 */
public final class ProxyConfig {
  private static final InetAddress IPV4_LOOPBACK = ipv4Loopback();

  private final InetSocketAddress listen;
  private final List<BackendAddress> backends;
  private final Algorithm algorithm;
  private final int threads;
  private final Timeouts timeouts;
  private final Limits limits;
  private final HealthCheck health;
  private final Outliers outliers;
  private final Retries retries;
  private final HashKey hashKey;
  private final TlsConfig tls;

  private ProxyConfig(Builder b) {
    this.listen = b.listen;
    this.backends = b.backends;
    this.algorithm = b.algorithm;
    this.threads = b.threads;
    this.timeouts =
        new Timeouts(b.connectTimeout, b.responseTimeout, b.idleTimeout, b.headerTimeout);
    this.limits = new Limits(b.maxConnections, b.maxHeadSize, b.maxHeaders, b.maxBodySize);
    this.health =
        new HealthCheck(
            b.healthChecks,
            b.healthPath,
            b.healthInterval,
            b.healthTimeout,
            b.rise,
            b.fall,
            b.slowStart);
    this.outliers =
        new Outliers(b.ejectAfter, b.ejectionTime, b.maxEjectionTime, b.maxEjectedShare);
    this.retries = new Retries(b.retries, b.maxAttempts, b.retryBudgetRatio, b.minRetries);
    this.hashKey = b.hashKey;
    Path none = Path.of("");
    this.tls =
        new TlsConfig(
            b.tlsChain != null,
            b.tlsChain == null ? none : b.tlsChain,
            b.tlsKey == null ? none : b.tlsKey,
            b.tlsHandshakeTimeout,
            b.tlsReloadInterval);
  }

  private static InetAddress ipv4Loopback() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
    } catch (UnknownHostException e) {
      throw new AssertionError("four bytes are an IPv4 address", e);
    }
  }

  /** A builder holding the defaults: round robin, one thread per core, the values below. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.listen = listen;
    b.backends = backends;
    b.algorithm = algorithm;
    b.threads = threads;
    b.connectTimeout = timeouts.connect();
    b.responseTimeout = timeouts.response();
    b.idleTimeout = timeouts.idle();
    b.headerTimeout = timeouts.headerRead();
    b.maxConnections = limits.maxConnections();
    b.maxHeadSize = limits.maxHeadSize();
    b.maxHeaders = limits.maxHeaders();
    b.maxBodySize = limits.maxBodySize();
    b.healthChecks = health.enabled();
    b.healthPath = health.path();
    b.healthInterval = health.interval();
    b.healthTimeout = health.timeout();
    b.rise = health.rise();
    b.fall = health.fall();
    b.slowStart = health.slowStart();
    b.ejectAfter = outliers.consecutiveFailures();
    b.ejectionTime = outliers.baseEjection();
    b.maxEjectionTime = outliers.maxEjection();
    b.maxEjectedShare = outliers.maxEjectedShare();
    b.retries = retries.enabled();
    b.maxAttempts = retries.maxAttempts();
    b.retryBudgetRatio = retries.budgetRatio();
    b.minRetries = retries.minConcurrent();
    b.hashKey = hashKey;
    b.tlsChain = tls.enabled() ? tls.certificateChain() : null;
    b.tlsKey = tls.enabled() ? tls.privateKey() : null;
    b.tlsHandshakeTimeout = tls.handshakeTimeout();
    b.tlsReloadInterval = tls.reloadInterval();
    return b;
  }

  /** Where clients connect. */
  public InetSocketAddress listen() {
    return listen;
  }

  /** The initial backends, with distinct {@code HOST:PORT}. */
  public List<BackendAddress> backends() {
    return backends;
  }

  /** The balancing algorithm. */
  public Algorithm algorithm() {
    return algorithm;
  }

  /** Event-loop threads. */
  public int threads() {
    return threads;
  }

  /** Connect, response, idle and header-read timeouts. */
  public Timeouts timeouts() {
    return timeouts;
  }

  /** Connection, header and body limits. */
  public Limits limits() {
    return limits;
  }

  /** Active health checks. */
  public HealthCheck health() {
    return health;
  }

  /** Passive outlier detection. */
  public Outliers outliers() {
    return outliers;
  }

  /** The retry policy. */
  public Retries retries() {
    return retries;
  }

  /** What hash-based balancing hashes. */
  public HashKey hashKey() {
    return hashKey;
  }

  /** TLS termination on the listener (not {@link TlsConfig#enabled()}: plain HTTP). */
  public TlsConfig tls() {
    return tls;
  }

  /** The scheme clients use: {@code https} with TLS, else {@code http}. */
  public String scheme() {
    return tls.enabled() ? "https" : "http";
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ProxyConfig c
        && listen.equals(c.listen)
        && backends.equals(c.backends)
        && algorithm == c.algorithm
        && threads == c.threads
        && timeouts.equals(c.timeouts)
        && limits.equals(c.limits)
        && health.equals(c.health)
        && outliers.equals(c.outliers)
        && retries.equals(c.retries)
        && hashKey.equals(c.hashKey)
        && tls.equals(c.tls);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        listen, backends, algorithm, threads, timeouts, limits, health, outliers, retries, hashKey,
        tls);
  }

  @Override
  public String toString() {
    return "ProxyConfig[listen="
        + listen
        + ", backends="
        + backends
        + ", algorithm="
        + algorithm
        + ", threads="
        + threads
        + ", "
        + timeouts
        + ", "
        + limits
        + ", "
        + health
        + ", "
        + outliers
        + ", "
        + retries
        + ", "
        + hashKey
        + ", "
        + tls
        + "]";
  }

  /**
   * Timeouts.
   *
   * @param connect to open a backend connection
   * @param response from the end of the request to the first response byte
   * @param idle a keep-alive connection (client or pooled backend) without traffic is closed
   * @param headerRead a request head must arrive completely within this time (else 408)
   */
  public record Timeouts(Duration connect, Duration response, Duration idle, Duration headerRead) {}

  /**
   * Limits.
   *
   * @param maxConnections concurrent client connections; more are closed at once
   * @param maxHeadSize bytes of a request head (request line and headers); beyond it 431
   * @param maxHeaders header fields in a request; beyond it 431
   * @param maxBodySize bytes of a request body; beyond it 413
   */
  public record Limits(int maxConnections, int maxHeadSize, int maxHeaders, long maxBodySize) {}

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
      Duration slowStart) {}

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
      double maxEjectedShare) {}

  /**
   * Retries of idempotent requests whose backend refused the connection or reset it before any
   * response byte.
   *
   * @param enabled whether requests are retried
   * @param maxAttempts attempts per request, the first included
   * @param budgetRatio concurrent retries allowed as a share of active requests
   * @param minConcurrent concurrent retries always allowed
   */
  public record Retries(boolean enabled, int maxAttempts, double budgetRatio, int minConcurrent) {}

  /**
   * Builds a {@link ProxyConfig}. Holds every default; each setter checks its value and throws
   * {@link InvalidSettingException} naming the setting, the value and what was expected.
   */
  public static final class Builder {
    private InetSocketAddress listen = new InetSocketAddress(IPV4_LOOPBACK, 8080);
    private List<BackendAddress> backends = List.of();
    private Algorithm algorithm = Algorithm.ROUND_ROBIN;
    private int threads = Runtime.getRuntime().availableProcessors();
    private Duration connectTimeout = Duration.ofSeconds(5);
    private Duration responseTimeout = Duration.ofSeconds(60);
    private Duration idleTimeout = Duration.ofSeconds(60);
    private Duration headerTimeout = Duration.ofSeconds(10);
    private int maxConnections = 100_000;
    private int maxHeadSize = 16 * 1024;
    private int maxHeaders = 100;
    private long maxBodySize = Long.MAX_VALUE;
    private boolean healthChecks = true;
    private String healthPath = "/";
    private Duration healthInterval = Duration.ofSeconds(2);
    private Duration healthTimeout = Duration.ofSeconds(1);
    private int rise = 2;
    private int fall = 3;
    private Duration slowStart = Duration.ZERO;
    private int ejectAfter = 5;
    private Duration ejectionTime = Duration.ofSeconds(10);
    private Duration maxEjectionTime = Duration.ofMinutes(5);
    private double maxEjectedShare = 0.5;
    private boolean retries = true;
    private int maxAttempts = 3;
    private double retryBudgetRatio = 0.2;
    private int minRetries = 10;
    private HashKey hashKey = HashKey.CLIENT;
    private @Nullable Path tlsChain;
    private @Nullable Path tlsKey;
    private Duration tlsHandshakeTimeout = Duration.ofSeconds(10);
    private Duration tlsReloadInterval = Duration.ofSeconds(10);

    private Builder() {}

    /** Where clients connect (default 127.0.0.1:8080; port 0 picks a free one). */
    public Builder listen(InetSocketAddress address) {
      listen = address;
      return this;
    }

    /** The initial backends (default none), each {@code HOST:PORT} once. */
    public Builder backends(List<BackendAddress> list) {
      Set<String> seen = new HashSet<>();
      for (BackendAddress b : list) {
        if (!seen.add(b.id())) {
          throw new InvalidSettingException("backends", b.id() + " twice", "each HOST:PORT once");
        }
      }
      backends = List.copyOf(list);
      return this;
    }

    /** The balancing algorithm (default round robin). */
    public Builder algorithm(Algorithm value) {
      algorithm = value;
      return this;
    }

    /** Event-loop threads (default: one per core). */
    public Builder threads(int n) {
      atLeast("threads", n, 1);
      threads = n;
      return this;
    }

    /** Time to open a backend connection (default 5s). */
    public Builder connectTimeout(Duration d) {
      connectTimeout = positive("connectTimeout", d);
      return this;
    }

    /** From the end of a request to the first response byte, then 504 (default 60s). */
    public Builder responseTimeout(Duration d) {
      responseTimeout = positive("responseTimeout", d);
      return this;
    }

    /** Idle keep-alive connections, client or pooled backend, are closed after this (60s). */
    public Builder idleTimeout(Duration d) {
      idleTimeout = positive("idleTimeout", d);
      return this;
    }

    /** A request head must arrive within this, else 408 (default 10s). */
    public Builder headerTimeout(Duration d) {
      headerTimeout = positive("headerTimeout", d);
      return this;
    }

    /** Concurrent client connections; more are closed at once (default 100,000). */
    public Builder maxConnections(int n) {
      atLeast("maxConnections", n, 1);
      maxConnections = n;
      return this;
    }

    /** Bytes of a request head, else 431 (default 16 KiB). */
    public Builder maxHeadSize(int bytes) {
      atLeast("maxHeadSize", bytes, 1);
      maxHeadSize = bytes;
      return this;
    }

    /** Header fields in a request, else 431 (default 100). */
    public Builder maxHeaders(int n) {
      atLeast("maxHeaders", n, 1);
      maxHeaders = n;
      return this;
    }

    /** Bytes of a request body, else 413 (default: no limit). */
    public Builder maxBodySize(long bytes) {
      atLeast("maxBodySize", bytes, 0);
      maxBodySize = bytes;
      return this;
    }

    /** Whether active health checks run (default true). */
    public Builder healthChecks(boolean on) {
      healthChecks = on;
      return this;
    }

    /** The path health checks GET (default /). */
    public Builder healthPath(String path) {
      if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
        throw new InvalidSettingException(
            "healthPath", "'" + path + "'", "a path from /, without spaces");
      }
      healthPath = path;
      return this;
    }

    /** Time between two checks of one backend (default 2s). */
    public Builder healthInterval(Duration d) {
      healthInterval = positive("healthInterval", d);
      return this;
    }

    /** A check without a response within this fails (default 1s). */
    public Builder healthTimeout(Duration d) {
      healthTimeout = positive("healthTimeout", d);
      return this;
    }

    /** Checks passed in a row that bring a down backend up (default 2). */
    public Builder rise(int n) {
      atLeast("rise", n, 1);
      rise = n;
      return this;
    }

    /** Checks failed in a row that take an up backend down (default 3). */
    public Builder fall(int n) {
      atLeast("fall", n, 1);
      fall = n;
      return this;
    }

    /**
     * A backend added or coming back ramps from 10% to 100% of its traffic over this window
     * (default 0s: off).
     */
    public Builder slowStart(Duration d) {
      slowStart = notNegative("slowStart", d);
      return this;
    }

    /** 5xx responses, resets or timeouts in a row that eject a backend (default 5). */
    public Builder ejectAfter(int failures) {
      atLeast("ejectAfter", failures, 1);
      ejectAfter = failures;
      return this;
    }

    /** Ejection time; the n-th ejection in a row lasts n times this (default 10s). */
    public Builder ejectionTime(Duration d) {
      ejectionTime = positive("ejectionTime", d);
      return this;
    }

    /** The longest ejection: repeated ejections grow up to this (default 5m). */
    public Builder maxEjectionTime(Duration d) {
      maxEjectionTime = positive("maxEjectionTime", d);
      return this;
    }

    /** At most this share of the backends is ejected at once, 0 to 1 (default 0.5). */
    public Builder maxEjectedShare(double share) {
      if (!(share >= 0 && share <= 1)) {
        throw new InvalidSettingException("maxEjectedShare", String.valueOf(share), "0 to 1");
      }
      maxEjectedShare = share;
      return this;
    }

    /** Whether idempotent requests are retried on another backend (default true). */
    public Builder retries(boolean on) {
      retries = on;
      return this;
    }

    /** Attempts per request, the first included (default 3). */
    public Builder maxAttempts(int n) {
      atLeast("maxAttempts", n, 1);
      maxAttempts = n;
      return this;
    }

    /** Concurrent retries allowed as a share of active requests (default 0.2). */
    public Builder retryBudgetRatio(double ratio) {
      if (!(ratio >= 0) || Double.isInfinite(ratio)) {
        throw new InvalidSettingException("retryBudgetRatio", String.valueOf(ratio), ">= 0");
      }
      retryBudgetRatio = ratio;
      return this;
    }

    /** Concurrent retries always allowed (default 10). */
    public Builder minRetries(int n) {
      atLeast("minRetries", n, 0);
      minRetries = n;
      return this;
    }

    /** What hash-based balancing hashes (default: the client address). */
    public Builder hashKey(HashKey key) {
      hashKey = key;
      return this;
    }

    /**
     * Terminates TLS on the listener (default: plain HTTP).
     *
     * @param certificateChain PEM file: the server certificate, then its intermediates
     * @param privateKey PEM file: the certificate's unencrypted key (PKCS#8, PKCS#1 or SEC1)
     */
    public Builder tls(Path certificateChain, Path privateKey) {
      tlsChain = certificateChain;
      tlsKey = privateKey;
      return this;
    }

    /** A TLS client whose handshake has not completed within this is closed (default 10s). */
    public Builder tlsHandshakeTimeout(Duration d) {
      tlsHandshakeTimeout = positive("tlsHandshakeTimeout", d);
      return this;
    }

    /** How often the TLS files are checked for a change (default 10s; 0s: never). */
    public Builder tlsReloadInterval(Duration d) {
      tlsReloadInterval = notNegative("tlsReloadInterval", d);
      return this;
    }

    /** The configuration. */
    public ProxyConfig build() {
      return new ProxyConfig(this);
    }

    private static void atLeast(String setting, long value, long min) {
      if (value < min) {
        throw new InvalidSettingException(setting, String.valueOf(value), ">= " + min);
      }
    }

    private static Duration positive(String setting, Duration d) {
      if (d.isNegative() || d.isZero()) {
        throw new InvalidSettingException(setting, format(d), "> 0");
      }
      return d;
    }

    private static Duration notNegative(String setting, Duration d) {
      if (d.isNegative()) {
        throw new InvalidSettingException(setting, format(d), ">= 0");
      }
      return d;
    }

    private static String format(Duration d) {
      return d.isNegative() ? "-" + Durations.format(d.negated()) : Durations.format(d);
    }
  }
}
