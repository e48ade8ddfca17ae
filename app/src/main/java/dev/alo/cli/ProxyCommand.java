package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Balancer;
import dev.alo.proxy.AccessLog;
import dev.alo.proxy.AdminServer;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.HashKey;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alo proxy}: the HTTP/1.1 reverse proxy and load balancer. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Runs ALO's HTTP/1.1 reverse proxy: balances requests over the backends",
      "with health checks, outlier ejection and retries, and refuses ambiguous",
      "requests (smuggling). Runs until stopped (Ctrl-C). Logs go to stderr."
    })
final class ProxyCommand implements Callable<Integer> {
  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:8080",
      paramLabel = "127.0.0.1:8080",
      description = "HOST:PORT to bind.")
  String listen = "127.0.0.1:8080";

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description =
          "A backend, http://HOST:PORT[,weight=N]; repeat for each (required here or in the config file).")
  List<String> backends = new ArrayList<>();

  @Option(
      names = "--algorithm",
      defaultValue = "round-robin",
      paramLabel = "round-robin",
      description = "Balancing algorithm by name.")
  String algorithm = "round-robin";

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Event-loop threads (default: the number of cores).")
  @Nullable Integer threads;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      description = "Serve stats (/stats, /metrics) and membership changes here (off by default).")
  @Nullable String admin;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description = "Bearer token required by the admin endpoint (needed off loopback).")
  @Nullable String adminToken;

  @Option(
      names = "--connect-timeout",
      defaultValue = "5s",
      paramLabel = "5s",
      description = "Backend connect timeout.")
  String connectTimeout = "5s";

  @Option(
      names = "--response-timeout",
      defaultValue = "60s",
      paramLabel = "60s",
      description = "From the end of a request to the first response byte; then 504.")
  String responseTimeout = "60s";

  @Option(
      names = "--idle-timeout",
      defaultValue = "60s",
      paramLabel = "60s",
      description = "Idle keep-alive connections are closed after this.")
  String idleTimeout = "60s";

  @Option(
      names = "--header-timeout",
      defaultValue = "10s",
      paramLabel = "10s",
      description = "A request head must arrive within this (else 408).")
  String headerTimeout = "10s";

  @Option(
      names = "--max-connections",
      defaultValue = "100000",
      paramLabel = "100000",
      description = "Concurrent client connections.")
  int maxConnections = 100_000;

  @Option(
      names = "--max-header-size",
      defaultValue = "16384",
      paramLabel = "16384",
      description = "Bytes of a request head (else 431).")
  int maxHeaderSize = 16384;

  @Option(
      names = "--max-body-size",
      defaultValue = "0",
      paramLabel = "0",
      description = "Bytes of a request body, 0 for no limit (else 413).")
  long maxBodySize;

  @Option(
      names = "--health-path",
      defaultValue = "/",
      paramLabel = "/",
      description = "Path of active checks.")
  String healthPath = "/";

  @Option(
      names = "--health-interval",
      defaultValue = "2s",
      paramLabel = "2s",
      description = "Check interval.")
  String healthInterval = "2s";

  @Option(
      names = "--health-timeout",
      defaultValue = "1s",
      paramLabel = "1s",
      description = "Check timeout.")
  String healthTimeout = "1s";

  @Option(
      names = "--rise",
      defaultValue = "2",
      paramLabel = "2",
      description = "Passed checks to come up.")
  int rise = 2;

  @Option(
      names = "--fall",
      defaultValue = "3",
      paramLabel = "3",
      description = "Failed checks to go down.")
  int fall = 3;

  @Option(
      names = "--slow-start",
      defaultValue = "0s",
      paramLabel = "0s",
      description =
          "Ramp a backend added or coming back from 10%% to 100%% of its traffic over this window.")
  String slowStart = "0s";

  @Option(names = "--no-health-checks", description = "Disable active health checks.")
  boolean noHealthChecks;

  @Option(names = "--no-retries", description = "Never retry a request on another backend.")
  boolean noRetries;

  @Option(
      names = "--ejection-time",
      defaultValue = "10s",
      paramLabel = "10s",
      description = "Base ejection time of an outlier (grows with repeated ejections).")
  String ejectionTime = "10s";

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML file of options (keys are the long options, e.g. health-interval: 2s);"
              + " flags override it.")
  @Nullable Path config;

  @Option(
      names = "--access-log",
      paramLabel = "FILE",
      description =
          "Write an access log line per request to FILE ('-' for stderr); off by default.")
  @Nullable String accessLog;

  @Option(
      names = "--access-log-format",
      defaultValue = "common",
      paramLabel = "common",
      description = "Access log format: common (common log format) or json.")
  String accessLogFormat = "common";

  @Option(
      names = "--hash-key",
      defaultValue = "client",
      paramLabel = "client",
      description = "What ip-hash hashes: client, header:NAME, cookie:NAME or path.")
  String hashKey = "client";

  @Option(
      names = "--trusted-proxy",
      paramLabel = "IP",
      description = "A proxy in front whose X-Forwarded-For gives the client address; repeatable.")
  List<String> trustedProxies = new ArrayList<>();

  @Option(
      names = "--tls-cert",
      paramLabel = "FILE.pem",
      description =
          "Terminate TLS (1.2 and 1.3) with this PEM certificate chain: the server certificate,"
              + " then its intermediates. Needs --tls-key.")
  @Nullable String tlsCert;

  @Option(
      names = "--tls-key",
      paramLabel = "FILE.pem",
      description =
          "The certificate's unencrypted PEM private key (PKCS#8, or PKCS#1 RSA / SEC1 EC)."
              + " Needs --tls-cert.")
  @Nullable String tlsKey;

  @Option(
      names = "--tls-handshake-timeout",
      defaultValue = "10s",
      paramLabel = "10s",
      description = "A client that has not completed its TLS handshake within this is closed.")
  String tlsHandshakeTimeout = "10s";

  @Option(
      names = "--tls-reload-interval",
      defaultValue = "10s",
      paramLabel = "10s",
      description =
          "How often the certificate and key files are checked for changes, which new"
              + " connections then get (0s: never).")
  String tlsReloadInterval = "10s";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (config != null) {
      ConfigFile.apply(config, spec);
    }
    if (backends.isEmpty()) {
      throw new UsageException(
          "no backend: give --backend http://HOST:PORT (or backend: in the config file)");
    }
    ProxyConfig.Tls tls = tls();
    InetSocketAddress address = Addresses.parse("--listen", listen);
    List<BackendAddress> list = new ArrayList<>();
    for (String b : backends) {
      try {
        list.add(BackendAddress.parse(b));
      } catch (InputException e) {
        throw new UsageException("--backend: " + e.getMessage());
      }
    }
    if (Balancer.canonicalName(algorithm).isEmpty()) {
      throw new UsageException(
          "--algorithm '"
              + algorithm
              + "' is unknown (expected one of: "
              + String.join(", ", Balancer.names())
              + ")");
    }
    int n = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
    if (n < 1) {
      throw new UsageException("--threads " + n + " (expected >= 1)");
    }
    positive("--max-connections", maxConnections);
    positive("--max-header-size", maxHeaderSize);
    positive("--rise", rise);
    positive("--fall", fall);
    if (maxBodySize < 0) {
      throw new UsageException("--max-body-size " + maxBodySize + " (expected >= 0)");
    }
    if (!healthPath.startsWith("/")) {
      throw new UsageException("--health-path '" + healthPath + "' (expected a path from /)");
    }
    ProxyConfig config =
        ProxyConfig.defaults(address, list)
            .withAlgorithm(algorithm)
            .withThreads(n)
            .withTimeouts(
                new ProxyConfig.Timeouts(
                    BackendCommand.duration("--connect-timeout", connectTimeout),
                    BackendCommand.duration("--response-timeout", responseTimeout),
                    BackendCommand.duration("--idle-timeout", idleTimeout),
                    BackendCommand.duration("--header-timeout", headerTimeout)))
            .withLimits(
                new ProxyConfig.Limits(
                    maxConnections,
                    maxHeaderSize,
                    ProxyConfig.Limits.DEFAULT.maxHeaders(),
                    maxBodySize == 0 ? Long.MAX_VALUE : maxBodySize))
            .withHealth(
                new ProxyConfig.HealthCheck(
                    !noHealthChecks,
                    healthPath,
                    BackendCommand.duration("--health-interval", healthInterval),
                    BackendCommand.duration("--health-timeout", healthTimeout),
                    rise,
                    fall,
                    BackendCommand.duration("--slow-start", slowStart)))
            .withOutliers(
                new ProxyConfig.Outliers(
                    ProxyConfig.Outliers.DEFAULT.consecutiveFailures(),
                    BackendCommand.duration("--ejection-time", ejectionTime),
                    ProxyConfig.Outliers.DEFAULT.maxEjection(),
                    ProxyConfig.Outliers.DEFAULT.maxEjectedShare()))
            .withRetries(
                noRetries ? new ProxyConfig.Retries(false, 1, 0, 0) : ProxyConfig.Retries.DEFAULT);
    config = config.withTls(tls);
    try {
      config = config.withHashKey(HashKey.parse(hashKey, trustedProxies));
    } catch (InputException e) {
      throw new UsageException("--hash-key: " + e.getMessage());
    }
    InetSocketAddress adminAddress = admin == null ? null : Addresses.parse("--admin", admin);
    if (adminAddress != null
        && !adminAddress.getAddress().isLoopbackAddress()
        && (adminToken == null || adminToken.isBlank())) {
      throw new UsageException(
          "--admin " + admin + " is not a loopback address: give --admin-token too");
    }
    AccessLog.Format format =
        switch (accessLogFormat.toLowerCase(java.util.Locale.ROOT)) {
          case "common" -> AccessLog.Format.COMMON;
          case "json" -> AccessLog.Format.JSON;
          default ->
              throw new UsageException(
                  "--access-log-format '" + accessLogFormat + "' (expected common or json)");
        };
    ProxyLog log = Serving.stderrLog(spec.commandLine().getErr());
    AccessLog access = null;
    if (accessLog != null) {
      java.io.Writer w;
      try {
        w =
            accessLog.equals("-")
                ? new java.io.OutputStreamWriter(
                    System.err, java.nio.charset.StandardCharsets.UTF_8)
                : java.nio.file.Files.newBufferedWriter(
                    Path.of(accessLog),
                    java.nio.charset.StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      access = AccessLog.to(w, format);
    }
    ProxyServer.disableLeakDetectionUnlessConfigured();
    AccessLog opened = access;
    ProxyConfig settings = config;
    ProxyServer proxy =
        Addresses.listen(
            address,
            () ->
                opened == null
                    ? ProxyServer.start(settings, log)
                    : ProxyServer.start(settings, log, opened));
    AdminServer adminServer = null;
    if (adminAddress != null) {
      try {
        adminServer =
            Addresses.listen(
                adminAddress,
                () -> AdminServer.start(proxy, adminAddress, Optional.ofNullable(adminToken)));
      } catch (RuntimeException e) {
        proxy.close();
        throw e;
      }
      log.log("admin endpoint on http://" + admin + "/stats and /metrics");
    }
    AdminServer a = adminServer;
    AccessLog al = access;
    Serving.untilStopped(
        () -> {
          if (a != null) {
            a.close();
          }
          proxy.close();
          if (al != null) {
            al.close();
          }
        });
    return 0;
  }

  /** TLS from the two files, which come together or not at all. */
  private ProxyConfig.Tls tls() {
    java.time.Duration handshake =
        BackendCommand.duration("--tls-handshake-timeout", tlsHandshakeTimeout);
    java.time.Duration reload = BackendCommand.duration("--tls-reload-interval", tlsReloadInterval);
    if (handshake.isZero()) {
      throw new UsageException("--tls-handshake-timeout 0s (expected more than 0)");
    }
    String cert = tlsCert;
    String key = tlsKey;
    if (cert == null && key == null) {
      return ProxyConfig.Tls.OFF;
    }
    if (cert == null) {
      throw new UsageException("--tls-key given without --tls-cert: TLS needs both PEM files");
    }
    if (key == null) {
      throw new UsageException("--tls-cert given without --tls-key: TLS needs both PEM files");
    }
    return new ProxyConfig.Tls(true, Path.of(cert), Path.of(key), handshake, reload);
  }

  private static void positive(String option, long v) {
    if (v < 1) {
      throw new UsageException(option + " " + v + " (expected >= 1)");
    }
  }
}
