package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

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
    assertThat(r.err()).contains("--tls-handshake-timeout 'soon'");
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
