package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.InputException;
import dev.alo.proxy.tls.TlsFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad certificate and key files are refused at start-up with a message naming file and fault. */
@SuppressWarnings("StringConcatToTextBlock")
class TlsFilesErrorTest {
  @TempDir Path dir;

  private static AbstractThrowableAssert<?, ? extends Throwable> starting(Path cert, Path key) {
    return assertThatThrownBy(
            () ->
                ProxyServer.start(
                        Fixtures.builder(List.of(new BackendAddress("127.0.0.1", 9, 1)))
                            .tls(cert, key)
                            .build(),
                        ProxyLog.none())
                    .close())
        .isInstanceOf(InputException.class);
  }

  private Path write(String name, String content) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, content, java.nio.charset.StandardCharsets.US_ASCII);
    return f;
  }

  @Test
  void start_missingFiles_named() {
    Path missing = dir.resolve("nope.pem");
    starting(missing, TlsFiles.file("chain-key.pem"))
        .hasMessage("TLS certificate file " + missing + " does not exist");
    starting(TlsFiles.file("chain.pem"), missing)
        .hasMessage("TLS key file " + missing + " does not exist");
  }

  @Test
  void start_notPem_saysWhatWasExpected() throws Exception {
    Path text = write("cert.txt", "hello\n");
    starting(text, TlsFiles.file("chain-key.pem"))
        .hasMessageContaining("TLS certificate file " + text + " is not PEM")
        .hasMessageContaining("-----BEGIN CERTIFICATE-----");
    Path der = dir.resolve("cert.der");
    Files.write(der, new byte[] {0x30, (byte) 0x82, 0x01, 0x00, 0x02});
    starting(der, TlsFiles.file("chain-key.pem")).hasMessageContaining("binary DER");
    starting(TlsFiles.file("chain.pem"), text)
        .hasMessageContaining("TLS key file " + text + " is not PEM");
  }

  @Test
  void start_swappedFiles_hinted() {
    starting(TlsFiles.file("chain-key.pem"), TlsFiles.file("chain.pem"))
        .hasMessageContaining("holds no CERTIFICATE block (found: PRIVATE KEY)")
        .hasMessageContaining("swapped");
  }

  @Test
  void start_encryptedKey_refusedWithTheWayOut() {
    starting(TlsFiles.file("chain.pem"), TlsFiles.file("chain-key-encrypted.pem"))
        .hasMessageContaining("holds an encrypted key")
        .hasMessageContaining("openssl pkey");
  }

  @Test
  void start_encryptedTraditionalKey_refused() throws Exception {
    Path key =
        write(
            "old.pem",
            "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
                + "DEK-Info: AES-128-CBC,0123456789ABCDEF0123456789ABCDEF\n\nAAAA\n"
                + "-----END RSA PRIVATE KEY-----\n");
    starting(TlsFiles.file("chain.pem"), key).hasMessageContaining("holds an encrypted key");
  }

  @Test
  void start_keyOfAnotherCertificate_mismatchNamed() {
    starting(TlsFiles.file("chain.pem"), TlsFiles.file("self-signed-key.pem"))
        .hasMessageContaining(
            "TLS key file "
                + TlsFiles.file("self-signed-key.pem")
                + " does not match the certificate in "
                + TlsFiles.file("chain.pem"))
        .hasMessageContaining("CN=localhost");
    starting(TlsFiles.file("self-signed.pem"), TlsFiles.file("chain-key-rsa.pem"))
        .hasMessageContaining("does not match");
  }

  @Test
  void start_leafNotFirst_saysWhereItIs() throws Exception {
    String chain = Files.readString(TlsFiles.file("chain.pem"));
    int second = chain.indexOf("-----BEGIN CERTIFICATE-----", 10);
    Path reversed = write("reversed.pem", chain.substring(second) + chain.substring(0, second));
    starting(reversed, TlsFiles.file("chain-key.pem"))
        .hasMessageContaining("the certificate matching the key is number 2 of 2");
  }

  @Test
  void start_corruptCertificate_numberNamed() throws Exception {
    Path bad =
        write("bad.pem", "-----BEGIN CERTIFICATE-----\nAAAAAAAA\n-----END CERTIFICATE-----\n");
    starting(bad, TlsFiles.file("chain-key.pem"))
        .hasMessageContaining("certificate 1 cannot be parsed");
  }
}
