package dev.alo.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading certificate and key files: what is reported about them, and which keys match. */
@SuppressWarnings("StringConcatToTextBlock")
class ServerTlsTest {
  @TempDir Path dir;

  private Path write(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content, java.nio.charset.StandardCharsets.US_ASCII);
    return f;
  }

  static TlsConfig pem(Path chain, Path key) {
    return new TlsConfig(true, chain, key, Duration.ofSeconds(10), Duration.ZERO);
  }

  @Test
  void load_ecParametersBeforeKey_skipped_andExpiryWarned() throws Exception {
    Path key =
        write(
            "ec.pem",
            "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + Files.readString(TlsFiles.file("self-signed-key-ec.pem")));
    TlsConfig tls = pem(TlsFiles.file("self-signed.pem"), key);
    ServerTls now = ServerTls.load(tls, message -> {}, Instant.now());
    assertThat(now.description())
        .startsWith("CN=localhost, 1 certificate, valid until 21")
        .doesNotContain("(");
    assertThat(
            ServerTls.load(tls, message -> {}, Instant.parse("2200-01-01T00:00:00Z")).description())
        .contains("EXPIRED");
    assertThat(
            ServerTls.load(tls, message -> {}, Instant.parse("2000-01-01T00:00:00Z")).description())
        .contains("NOT YET VALID");
  }

  @Test
  void matches_pairsAndStrangers() throws Exception {
    byte[] rsaKey = Files.readAllBytes(TlsFiles.file("chain-key.pem"));
    byte[] ecKey = Files.readAllBytes(TlsFiles.file("self-signed-key-ec.pem"));
    var rsa = PemFiles.privateKey(Path.of("k"), rsaKey);
    var ec = PemFiles.privateKey(Path.of("k"), ecKey);
    var rsaCert =
        PemFiles.certificates(Path.of("c"), Files.readAllBytes(TlsFiles.file("chain.pem"))).get(0);
    var ecCert =
        PemFiles.certificates(Path.of("c"), Files.readAllBytes(TlsFiles.file("self-signed.pem")))
            .get(0);
    assertThat(ServerTls.matches(rsa, rsaCert.getPublicKey())).isTrue();
    assertThat(ServerTls.matches(ec, ecCert.getPublicKey())).isTrue();
    assertThat(ServerTls.matches(rsa, ecCert.getPublicKey())).isFalse();
    assertThat(ServerTls.matches(ec, rsaCert.getPublicKey())).isFalse();
    // The PKCS#1 and SEC1 forms read as the same keys as their PKCS#8 forms.
    var rsa1 =
        PemFiles.privateKey(Path.of("k"), Files.readAllBytes(TlsFiles.file("chain-key-rsa.pem")));
    assertThat(((java.security.interfaces.RSAPrivateKey) rsa1).getPrivateExponent())
        .isEqualTo(((java.security.interfaces.RSAPrivateKey) rsa).getPrivateExponent());
    var ec8 =
        PemFiles.privateKey(Path.of("k"), Files.readAllBytes(TlsFiles.file("self-signed-key.pem")));
    assertThat(((java.security.interfaces.ECPrivateKey) ec8).getS())
        .isEqualTo(((java.security.interfaces.ECPrivateKey) ec).getS());
  }
}
