package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.balance.Algorithm;
import dev.alo.proxy.ProxyConfig;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProxyCommandTest {

  @Test
  void proxy_withoutBackend_exitsTwo() {
    MainTest.Run r = MainTest.run("proxy", "--listen", "127.0.0.1:0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no backend: give --backend");
  }

  @Test
  void proxy_configFile_unknownKeyAndBadValue_namedWithTheFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("alo-proxy.yaml");
    java.nio.file.Files.writeString(f, "backend:\n  - http://127.0.0.1:9\nhealth-intervall: 2s\n");
    MainTest.Run r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("unknown key 'health-intervall'").contains(f.toString());
    java.nio.file.Files.writeString(f, "backend: http://127.0.0.1:9\nrise: often\n");
    r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("'rise' has value 'often' (expected int)");
  }

  @Test
  void proxy_configFile_valuesUsedAndFlagsWin(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("alo-proxy.yaml");
    // The file's backends are used: its weight=0 is reported.
    java.nio.file.Files.writeString(f, "backend:\n  - http://127.0.0.1:9001,weight=0\n");
    MainTest.Run r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("weight 0");
    // The file's algorithm is invalid but the flag wins: the command gets as far as the next
    // check (max connections) instead of refusing the algorithm.
    java.nio.file.Files.writeString(
        f, "backend: http://127.0.0.1:9001\nalgorithm: nonsense\nmax-connections: 5\n");
    r =
        MainTest.run(
            "proxy", "--config", f.toString(), "--algorithm", "p2c", "--max-connections", "0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--max-connections 0").doesNotContain("nonsense");
  }

  @Test
  void proxy_unknownAlgorithm_exitsTwoListingTheNames() {
    MainTest.Run r =
        MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--algorithm", "fastest");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'fastest' is unknown").contains("p2c").contains("round-robin");
  }

  @Test
  void proxy_badBackendUrl_exitsTwoNamingIt() {
    MainTest.Run r = MainTest.run("proxy", "--backend", "ftp://x:1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("ftp://x:1").contains("http://HOST:PORT");
    r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9001,weight=0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("weight 0");
  }

  @Test
  void proxy_badListen_exitsTwo() {
    MainTest.Run r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--listen", "8080");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--listen '8080': expected HOST:PORT");
  }

  @Test
  void proxy_tlsCertWithoutKey_exitsTwoNamingTheMissingOne() {
    MainTest.Run r =
        MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--tls-cert", "cert.pem");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: --tls-cert given without --tls-key");
    r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--tls-key", "key.pem");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: --tls-key given without --tls-cert");
  }

  @Test
  void proxy_tlsFromConfigFile_halfAPairIsAUsageError(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("alo-proxy.yaml");
    java.nio.file.Files.writeString(
        f, "backend: http://127.0.0.1:9\ntls-key: key.pem\ntls-handshake-timeout: 5s\n");
    MainTest.Run r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--tls-key given without --tls-cert");
  }

  @Test
  void proxy_tlsFilesMissingOrNotPem_exitsOneWithOneLine(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path text = dir.resolve("cert.pem");
    java.nio.file.Files.writeString(text, "not a certificate\n");
    java.nio.file.Path missing = dir.resolve("key.pem");
    MainTest.Run r =
        MainTest.run(
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--backend",
            "http://127.0.0.1:9",
            "--tls-cert",
            text.toString(),
            "--tls-key",
            missing.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("alo: TLS key file " + missing + " does not exist\n");
    java.nio.file.Files.writeString(missing, "-----BEGIN PRIVATE KEY-----\nAAAA\n");
    r =
        MainTest.run(
            "proxy",
            "--listen",
            "127.0.0.1:0",
            "--backend",
            "http://127.0.0.1:9",
            "--tls-cert",
            text.toString(),
            "--tls-key",
            missing.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("alo: TLS certificate file " + text + " is not PEM");
  }

  @Test
  void proxy_badTlsHandshakeTimeout_exitsTwo() {
    MainTest.Run r =
        MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--tls-handshake-timeout", "soon");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "alo: Invalid value for option '--tls-handshake-timeout': invalid duration 'soon'"
                + " (expected a whole number and a unit: 500ms, 30s, 5m, 1h, 2d)\n");
    r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9", "--tls-handshake-timeout", "0s");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: --tls-handshake-timeout 0s (expected > 0)\n");
  }

  @Test
  void proxy_valuesTheConfigRefuses_exitTwoNamingTheOption() {
    String[][] cases = {
      {"--threads", "0", "alo: --threads 0 (expected >= 1)"},
      {"--max-connections", "0", "alo: --max-connections 0 (expected >= 1)"},
      {"--max-body-size", "-1", "alo: --max-body-size -1 (expected >= 0)"},
      {"--rise", "0", "alo: --rise 0 (expected >= 1)"},
      {"--idle-timeout", "0ms", "alo: --idle-timeout 0s (expected > 0)"},
      {"--health-path", "health", "alo: --health-path 'health' (expected a path from /,"},
      {"--backend", "http://127.0.0.1:9", "alo: --backend 127.0.0.1:9 twice (expected each"},
    };
    for (String[] c : cases) {
      MainTest.Run r = MainTest.run("proxy", "--backend", "http://127.0.0.1:9", c[0], c[1]);
      assertThat(r.code()).as(c[0]).isEqualTo(2);
      assertThat(r.err()).as(c[0]).startsWith(c[2]);
    }
  }

  @Test
  void proxy_optionsNotGiven_areTheConfigBuildersDefaults() {
    ProxyConfig plain = config("--backend", "http://127.0.0.1:9");
    assertThat(plain.toBuilder().backends(List.of()).build())
        .isEqualTo(ProxyConfig.builder().build());
    // A parameter label in lower case or digits shows the default (usage: [--opt v], v the
    // default); giving that value explicitly must change nothing.
    int shown = 0;
    for (CommandLine.Model.OptionSpec o :
        new CommandLine(new ProxyCommand()).getCommandSpec().options()) {
      String label = o.paramLabel();
      if (o.arity().max() == 0 || !label.matches("[0-9a-z./:-]+")) {
        continue;
      }
      shown++;
      assertThat(config("--backend", "http://127.0.0.1:9", o.longestName(), label))
          .as(o.longestName() + " " + label)
          .isEqualTo(plain);
    }
    assertThat(shown).isGreaterThanOrEqualTo(18);
  }

  @Test
  void proxy_typedValues_aliasesAndDurationsFromFlagsAndTheConfigFile(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    ProxyConfig c =
        config(
            "--backend",
            "http://127.0.0.1:9",
            "--algorithm",
            "LC",
            "--idle-timeout",
            "1500ms",
            "--max-body-size",
            "0",
            "--no-retries");
    assertThat(c.algorithm()).isEqualTo(Algorithm.LEAST_CONNECTIONS);
    assertThat(c.timeouts().idle()).isEqualTo(Duration.ofMillis(1500));
    assertThat(c.limits().maxBodySize()).isEqualTo(Long.MAX_VALUE);
    assertThat(c.retries().enabled()).isFalse();
    java.nio.file.Path f = dir.resolve("alo-proxy.yaml");
    java.nio.file.Files.writeString(
        f, "backend: http://127.0.0.1:9\nhealth-interval: soon\nrise: 0\n");
    MainTest.Run r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "alo: config file "
                + f
                + ": 'health-interval': invalid duration 'soon' (expected a whole number and a"
                + " unit: 500ms, 30s, 5m, 1h, 2d)\n");
    java.nio.file.Files.writeString(
        f, "backend: http://127.0.0.1:9\nalgorithm: wrr\nhealth-interval: 5m\nrise: 0\n");
    r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: --rise 0 (expected >= 1)\n");
  }

  /** The configuration {@code alo proxy ARGS} would run with. */
  private static ProxyConfig config(String... args) {
    ProxyCommand command = new ProxyCommand();
    new CommandLine(command).parseArgs(args);
    return command.proxyConfig();
  }

  @Test
  void proxy_adminTokenFlag_warnsItIsVisibleInPsWithoutPrintingIt() {
    MainTest.Run r =
        MainTest.run("proxy", "--admin", "127.0.0.1:0", "--admin-token", "s3cret-value");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().findFirst())
        .hasValue(
            "alo: warning: --admin-token is deprecated: other local users can read it with ps;"
                + " use --admin-token-file FILE or ALO_ADMIN_TOKEN");
    assertThat(r.err()).contains("no backend").doesNotContain("s3cret-value");
  }

  @Test
  void proxy_adminTokenInConfigFile_noPsWarning(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("alo-proxy.yaml");
    java.nio.file.Files.writeString(f, "admin: 127.0.0.1:0\nadmin-token: s3cret-value\n");
    MainTest.Run r = MainTest.run("proxy", "--config", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("no backend").doesNotContain("warning");
  }

  @Test
  void proxy_adminTokenFileMissingOrEmpty_exitsOneWithOneLine(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path f = dir.resolve("admin.token");
    MainTest.Run r =
        MainTest.run(
            "proxy",
            "--backend",
            "http://127.0.0.1:9",
            "--admin",
            "127.0.0.1:0",
            "--admin-token-file",
            f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("alo: --admin-token-file " + f + ": no such file\n");
    java.nio.file.Files.writeString(f, "");
    java.nio.file.Path yaml = dir.resolve("alo-proxy.yaml");
    java.nio.file.Files.writeString(
        yaml, "backend: http://127.0.0.1:9\nadmin: 127.0.0.1:0\nadmin-token-file: " + f + "\n");
    r = MainTest.run("proxy", "--config", yaml.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "alo: --admin-token-file "
                + f
                + ": the file is empty (expected the token on one line)\n");
  }

  @Test
  void proxy_adminOptionsWithoutAdmin_orBadHostname_exitTwo() {
    MainTest.Run r =
        MainTest.run(
            "proxy", "--backend", "http://127.0.0.1:9", "--admin-token-file", "admin.token");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: --admin-token-file needs --admin HOST:PORT\n");
    r =
        MainTest.run(
            "proxy",
            "--backend",
            "http://127.0.0.1:9",
            "--admin",
            "127.0.0.1:0",
            "--admin-hostname",
            "lb1:8081");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "alo: --admin-hostname 'lb1:8081' is not a host name (expected letters, digits, '-'"
                + " and '.', no port)\n");
  }

  @Test
  void proxy_help_namesTheTokenSourcesAndTheDeprecation() {
    MainTest.Run r = MainTest.run("proxy", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("--admin-token-file FILE")
        .contains("ALO_ADMIN_TOKEN")
        .contains("read-only")
        .contains("Deprecated: visible to other users in ps")
        .contains("--admin-hostname NAME");
  }

  @Test
  void backend_badErrorRate_exitsTwo() {
    MainTest.Run r = MainTest.run("backend", "--error-rate", "1.5");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--error-rate 1.5");
  }

  @Test
  void proxyBackendAndAdmin_portInUse_oneLineNamingTheAddress() throws Exception {
    try (java.net.ServerSocket taken =
        new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      String address = "127.0.0.1:" + taken.getLocalPort();
      String expected = "alo: cannot listen on " + address + ": address already in use";
      MainTest.Run backend =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(20), () -> MainTest.run("backend", "--listen", address));
      assertThat(backend.code()).isEqualTo(1);
      assertThat(backend.err().strip()).isEqualTo(expected);
      MainTest.Run proxy =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(20),
              () -> MainTest.run("proxy", "--listen", address, "--backend", "http://127.0.0.1:9"));
      assertThat(proxy.code()).isEqualTo(1);
      assertThat(proxy.err().strip()).isEqualTo(expected);
      MainTest.Run admin =
          org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
              java.time.Duration.ofSeconds(20),
              () ->
                  MainTest.run(
                      "proxy",
                      "--listen",
                      "127.0.0.1:0",
                      "--admin",
                      address,
                      "--backend",
                      "http://127.0.0.1:9"));
      assertThat(admin.code()).isEqualTo(1);
      assertThat(admin.err().lines().filter(l -> l.startsWith("alo: ")).toList())
          .containsExactly(expected);
    }
  }

  @Test
  void bindFailure_netty_and_jdk_messages_readAsLowercaseReasons() {
    assertThat(
            Addresses.bindFailure(
                new java.io.IOException("bind(..) failed with error(-98): Address already in use")))
        .contains("address already in use");
    assertThat(
            Addresses.bindFailure(
                new RuntimeException(
                    new java.net.BindException("Cannot assign requested address"))))
        .contains("cannot assign requested address");
    assertThat(Addresses.bindFailure(new java.io.IOException("Connection reset"))).isEmpty();
  }
}
