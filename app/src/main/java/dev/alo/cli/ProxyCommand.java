package dev.alo.cli;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Algorithm;
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
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alo proxy}: the HTTP/1.1 reverse proxy and load balancer. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = {
      "Run the HTTP/1.1 reverse proxy that balances real traffic.",
      "Balances requests over the backends with health checks, outlier ejection and retries,"
          + " and refuses ambiguous requests (smuggling). Runs until stopped (Ctrl-C). Logs go to"
          + " stderr."
    },
    footerHeading = "%nEnvironment:%n",
    footer = {
      "  ALO_ADMIN_TOKEN  The bearer token that admin changes need (instead of",
      "                   --admin-token-file); without a token the admin endpoint",
      "                   is read-only."
    })
final class ProxyCommand implements Callable<Integer> {
  // Options without a value keep the configuration builder's default, which the usage shows as
  // the parameter label (ProxyCommandTest checks that the two agree).

  @Option(names = "--listen", paramLabel = "127.0.0.1:8080", description = "HOST:PORT to bind.")
  @Nullable String listen;

  @Option(
      names = "--backend",
      paramLabel = "URL",
      description =
          "A backend, http://HOST:PORT[,weight=N]; repeat for each (required here or in the config file).")
  List<String> backends = new ArrayList<>();

  @Option(
      names = "--algorithm",
      paramLabel = "round-robin",
      converter = AlgorithmName.class,
      description =
          "Balancing algorithm: round-robin (rr), weighted-round-robin (wrr),"
              + " least-connections (lc), ip-hash, random, p2c or peak-ewma.")
  @Nullable Algorithm algorithm;

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
      paramLabel = "5s",
      converter = DurationConverter.class,
      description = "Backend connect timeout.")
  @Nullable Duration connectTimeout;

  @Option(
      names = "--response-timeout",
      paramLabel = "60s",
      converter = DurationConverter.class,
      description = "From the end of a request to the first response byte; then 504.")
  @Nullable Duration responseTimeout;

  @Option(
      names = "--idle-timeout",
      paramLabel = "60s",
      converter = DurationConverter.class,
      description = "Idle keep-alive connections are closed after this.")
  @Nullable Duration idleTimeout;

  @Option(
      names = "--header-timeout",
      paramLabel = "10s",
      converter = DurationConverter.class,
      description = "A request head must arrive within this (else 408).")
  @Nullable Duration headerTimeout;

  @Option(
      names = "--max-connections",
      paramLabel = "100000",
      description = "Concurrent client connections.")
  @Nullable Integer maxConnections;

  @Option(
      names = "--max-header-size",
      paramLabel = "16384",
      description = "Bytes of a request head (else 431).")
  @Nullable Integer maxHeaderSize;

  @Option(
      names = "--max-body-size",
      paramLabel = "0",
      description = "Bytes of a request body, 0 for no limit (else 413).")
  @Nullable Long maxBodySize;

  @Option(names = "--health-path", paramLabel = "/", description = "Path of active checks.")
  @Nullable String healthPath;

  @Option(
      names = "--health-interval",
      paramLabel = "2s",
      converter = DurationConverter.class,
      description = "Check interval.")
  @Nullable Duration healthInterval;

  @Option(
      names = "--health-timeout",
      paramLabel = "1s",
      converter = DurationConverter.class,
      description = "Check timeout.")
  @Nullable Duration healthTimeout;

  @Option(names = "--rise", paramLabel = "2", description = "Passed checks to come up.")
  @Nullable Integer rise;

  @Option(names = "--fall", paramLabel = "3", description = "Failed checks to go down.")
  @Nullable Integer fall;

  @Option(
      names = "--slow-start",
      paramLabel = "0s",
      converter = DurationConverter.class,
      description =
          "Ramp a backend added or coming back from 10%% to 100%% of its traffic over this window.")
  @Nullable Duration slowStart;

  @Option(names = "--no-health-checks", description = "Disable active health checks.")
  boolean noHealthChecks;

  @Option(names = "--no-retries", description = "Never retry a request on another backend.")
  boolean noRetries;

  @Option(
      names = "--ejection-time",
      paramLabel = "10s",
      converter = DurationConverter.class,
      description = "Base ejection time of an outlier (grows with repeated ejections).")
  @Nullable Duration ejectionTime;

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
      paramLabel = "client",
      description = "What ip-hash hashes: client, header:NAME, cookie:NAME or path.")
  @Nullable String hashKey;

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
      paramLabel = "10s",
      converter = DurationConverter.class,
      description = "A client that has not completed its TLS handshake within this is closed.")
  @Nullable Duration tlsHandshakeTimeout;

  @Option(
      names = "--tls-reload-interval",
      paramLabel = "10s",
      converter = DurationConverter.class,
      description =
          "How often the certificate and key files are checked for changes, which new"
              + " connections then get (0s: never).")
  @Nullable Duration tlsReloadInterval;

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
    AccessLog opened = access;
    ProxyServer proxy =
        Addresses.listen(
            proxyConfig.listen(),
            () ->
                opened == null
                    ? ProxyServer.start(proxyConfig, log)
                    : ProxyServer.start(proxyConfig, log, opened));
    AdminServer adminServer = null;
    if (adminAddress != null) {
      try {
        adminServer =
            Addresses.listen(
                adminAddress, () -> AdminServer.start(proxy, adminAddress, adminAccess));
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
    String address = listen;
    if (address != null) {
      b.listen(Addresses.parse("--listen", address));
    }
    List<BackendAddress> list = new ArrayList<>();
    for (String spec : backends) {
      try {
        list.add(BackendAddress.parse(spec));
      } catch (InputException e) {
        throw new UsageException("--backend: " + e.getMessage());
      }
    }
    set("--backend", list, b::backends);
    set("--algorithm", algorithm, b::algorithm);
    set("--threads", threads, b::threads);
    set("--connect-timeout", connectTimeout, b::connectTimeout);
    set("--response-timeout", responseTimeout, b::responseTimeout);
    set("--idle-timeout", idleTimeout, b::idleTimeout);
    set("--header-timeout", headerTimeout, b::headerTimeout);
    set("--max-connections", maxConnections, b::maxConnections);
    set("--max-header-size", maxHeaderSize, b::maxHeadSize);
    // 0 is the option's word for no limit.
    set("--max-body-size", maxBodySize, n -> b.maxBodySize(n == 0 ? Long.MAX_VALUE : n));
    b.healthChecks(!noHealthChecks);
    set("--health-path", healthPath, b::healthPath);
    set("--health-interval", healthInterval, b::healthInterval);
    set("--health-timeout", healthTimeout, b::healthTimeout);
    set("--rise", rise, b::rise);
    set("--fall", fall, b::fall);
    set("--slow-start", slowStart, b::slowStart);
    set("--ejection-time", ejectionTime, b::ejectionTime);
    b.retries(!noRetries);
    String key = hashKey;
    if (key != null || !trustedProxies.isEmpty()) {
      try {
        b.hashKey(HashKey.parse(key == null ? "client" : key, trustedProxies));
      } catch (InputException e) {
        throw new UsageException("--hash-key: " + e.getMessage());
      }
    }
    set("--tls-handshake-timeout", tlsHandshakeTimeout, b::tlsHandshakeTimeout);
    set("--tls-reload-interval", tlsReloadInterval, b::tlsReloadInterval);
    String cert = tlsCert;
    String pem = tlsKey;
    if (cert == null && pem != null) {
      throw new UsageException("--tls-key given without --tls-cert: TLS needs both PEM files");
    }
    if (cert != null && pem == null) {
      throw new UsageException("--tls-cert given without --tls-key: TLS needs both PEM files");
    }
    if (cert != null && pem != null) {
      b.tls(Path.of(cert), Path.of(pem));
    }
    return b.build();
  }

  /**
   * Gives the builder an option's value, if the option has one; a value the builder refuses is
   * reported under the option's name ({@code --threads 0 (expected >= 1)}).
   */
  private static <T> void set(String option, @Nullable T value, Consumer<T> setter) {
    if (value == null) {
      return;
    }
    try {
      setter.accept(value);
    } catch (InvalidSettingException e) {
      throw new UsageException(option + " " + e.value() + " (expected " + e.expected() + ")");
    }
  }

  /** Reads an algorithm's name or alias; an unknown one is refused with the valid names. */
  static final class AlgorithmName implements CommandLine.ITypeConverter<Algorithm> {
    @Override
    public Algorithm convert(String value) {
      return Algorithm.find(value)
          .orElseThrow(
              () ->
                  new CommandLine.TypeConversionException(
                      "'"
                          + value
                          + "' is unknown (expected one of: "
                          + Algorithm.describeAll()
                          + ")"));
    }
  }
}
