package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Algorithm;
import dev.alo.engine.balance.Balancer;
import dev.alo.proxy.AccessLog;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.HashKey;
import dev.alo.proxy.InvalidSettingException;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.admin.AdminAccess;
import dev.alo.proxy.admin.AdminServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  ALO_ADMIN_TOKEN  The bearer token that admin changes need (instead of",
      "                   --admin-token-file); without a token the admin endpoint",
      "                   is read-only."
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
      description =
          "Serve stats (/stats, /metrics) here, and membership changes to holders of the admin"
              + " token (off by default).")
  @Nullable String admin;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "File holding the bearer token that admin changes need (or set ALO_ADMIN_TOKEN);"
              + " without a token the admin endpoint is read-only.")
  @Nullable String adminTokenFile;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Deprecated: visible to other users in ps; use --admin-token-file or ALO_ADMIN_TOKEN.")
  @Nullable String adminToken;

  @Option(
      names = "--admin-hostname",
      paramLabel = "NAME",
      description =
          "A name admin clients use in Host (besides the admin IP, and localhost on loopback);"
              + " repeatable.")
  List<String> adminHostnames = new ArrayList<>();

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
    AdminAccess adminAccess = adminAccess();
    if (backends.isEmpty()) {
      throw new UsageException(
          "no backend: give --backend http://HOST:PORT (or backend: in the config file)");
    }
    ProxyConfig proxyConfig = proxyConfig();
    InetSocketAddress adminAddress = admin == null ? null : Addresses.parse("--admin", admin);
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
    ProxyServer proxy =
        access == null
            ? ProxyServer.start(proxyConfig, log)
            : ProxyServer.start(proxyConfig, log, access);
    AdminServer adminServer = null;
    if (adminAddress != null) {
      try {
        adminServer = AdminServer.start(proxy, adminAddress, adminAccess);
      } catch (RuntimeException e) {
        proxy.close();
        throw e;
      }
      log.log(
          "admin endpoint on http://"
              + admin
              + "/stats and /metrics, "
              + (adminAccess.allowsChanges()
                  ? "changes with the admin token"
                  : "read-only (no admin token)"));
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

  /**
   * Who may use the admin endpoint: the token from the environment or a file (or the deprecated
   * flag, with a warning), and the extra host names.
   */
  private AdminAccess adminAccess() {
    CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--admin-token")) {
      spec.commandLine()
          .getErr()
          .println(
              "alo: warning: --admin-token is deprecated: other local users can read it with ps;"
                  + " use --admin-token-file FILE or ALO_ADMIN_TOKEN");
    }
    if (admin == null) {
      String needsAdmin =
          adminTokenFile != null
              ? "--admin-token-file"
              : adminToken != null
                  ? "--admin-token"
                  : adminHostnames.isEmpty() ? null : "--admin-hostname";
      if (needsAdmin != null) {
        throw new UsageException(needsAdmin + " needs --admin HOST:PORT");
      }
      return AdminAccess.readOnly();
    }
    AdminAccess access =
        AdminToken.resolve(
                System.getenv(),
                adminToken,
                adminTokenFile == null ? null : Path.of(adminTokenFile))
            .map(AdminAccess::withToken)
            .orElseGet(AdminAccess::readOnly);
    try {
      return access.withHostnames(adminHostnames);
    } catch (InputException e) {
      throw new UsageException("--admin-hostname " + e.getMessage());
    }
  }

  /** The configuration the options describe; the builder holds the defaults and checks. */
  ProxyConfig proxyConfig() {
    ProxyConfig.Builder b = ProxyConfig.builder();
    set("--listen", () -> b.listen(Addresses.parse("--listen", listen)));
    List<BackendAddress> list = new ArrayList<>();
    for (String spec : backends) {
      try {
        list.add(BackendAddress.parse(spec));
      } catch (InputException e) {
        throw new UsageException("--backend: " + e.getMessage());
      }
    }
    set("--backend", () -> b.backends(list));
    if (Balancer.canonicalName(algorithm).isEmpty()) {
      throw new UsageException(
          "--algorithm '"
              + algorithm
              + "' is unknown (expected one of: "
              + String.join(", ", Balancer.names())
              + ")");
    }
    set("--algorithm", () -> b.algorithm(Algorithm.parse(algorithm)));
    Integer n = threads;
    if (n != null) {
      set("--threads", () -> b.threads(n));
    }
    set("--connect-timeout", () -> b.connectTimeout(duration("--connect-timeout", connectTimeout)));
    set(
        "--response-timeout",
        () -> b.responseTimeout(duration("--response-timeout", responseTimeout)));
    set("--idle-timeout", () -> b.idleTimeout(duration("--idle-timeout", idleTimeout)));
    set("--header-timeout", () -> b.headerTimeout(duration("--header-timeout", headerTimeout)));
    set("--max-connections", () -> b.maxConnections(maxConnections));
    set("--max-header-size", () -> b.maxHeadSize(maxHeaderSize));
    set("--max-body-size", () -> b.maxBodySize(maxBodySize == 0 ? Long.MAX_VALUE : maxBodySize));
    set("--no-health-checks", () -> b.healthChecks(!noHealthChecks));
    set("--health-path", () -> b.healthPath(healthPath));
    set("--health-interval", () -> b.healthInterval(duration("--health-interval", healthInterval)));
    set("--health-timeout", () -> b.healthTimeout(duration("--health-timeout", healthTimeout)));
    set("--rise", () -> b.rise(rise));
    set("--fall", () -> b.fall(fall));
    set("--slow-start", () -> b.slowStart(duration("--slow-start", slowStart)));
    set("--ejection-time", () -> b.ejectionTime(duration("--ejection-time", ejectionTime)));
    set("--no-retries", () -> b.retries(!noRetries));
    try {
      b.hashKey(HashKey.parse(hashKey, trustedProxies));
    } catch (InputException e) {
      throw new UsageException("--hash-key: " + e.getMessage());
    }
    set(
        "--tls-handshake-timeout",
        () -> b.tlsHandshakeTimeout(duration("--tls-handshake-timeout", tlsHandshakeTimeout)));
    set(
        "--tls-reload-interval",
        () -> b.tlsReloadInterval(duration("--tls-reload-interval", tlsReloadInterval)));
    String cert = tlsCert;
    String key = tlsKey;
    if (cert == null && key != null) {
      throw new UsageException("--tls-key given without --tls-cert: TLS needs both PEM files");
    }
    if (cert != null && key == null) {
      throw new UsageException("--tls-cert given without --tls-key: TLS needs both PEM files");
    }
    if (cert != null && key != null) {
      b.tls(Path.of(cert), Path.of(key));
    }
    return b.build();
  }

  /** Applies an option to the builder; a value it refuses is reported under the option's name. */
  private static void set(String option, Runnable setter) {
    try {
      setter.run();
    } catch (InvalidSettingException e) {
      throw new UsageException(option + " " + e.value() + " (expected " + e.expected() + ")");
    }
  }

  private static Duration duration(String option, String text) {
    return BackendCommand.duration(option, text);
  }
}
