package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alo.proxy.tls.TlsFiles;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS termination: real handshakes with the JDK's client against the proxy on a loopback port. */
class TlsTest {
  private final EchoBackend echo = new EchoBackend();
  private @Nullable ProxyServer proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    echo.close();
  }

  private ProxyServer start(UnaryOperator<ProxyConfig.Builder> tls) {
    proxy =
        ProxyServer.start(
            tls.apply(Fixtures.builder(List.of(echo.address()))).build(), ProxyLog.none());
    return proxy;
  }

  private ProxyServer start(String chain, String key) {
    return start(b -> b.tls(TlsFiles.file(chain), TlsFiles.file(key)));
  }

  private static HttpClient client(SSLContext ssl, HttpClient.Version version) {
    return HttpClient.newBuilder()
        .sslContext(ssl)
        .version(version)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private URI uri(String path) {
    return URI.create("https://127.0.0.1:" + proxy().address().getPort() + path);
  }

  private ProxyServer proxy() {
    ProxyServer p = proxy;
    if (p == null) {
      throw new IllegalStateException("not started");
    }
    return p;
  }

  /** A TLS socket to the proxy with the given protocols and ALPN offer; the handshake is done. */
  private SSLSocket handshake(SSLContext ssl, List<String> protocols, List<String> alpn)
      throws Exception {
    SSLSocket s =
        (SSLSocket) ssl.getSocketFactory().createSocket("127.0.0.1", proxy().address().getPort());
    s.setSoTimeout(5000);
    SSLParameters p = s.getSSLParameters();
    p.setProtocols(protocols.toArray(String[]::new));
    p.setApplicationProtocols(alpn.toArray(String[]::new));
    p.setEndpointIdentificationAlgorithm("HTTPS");
    s.setSSLParameters(p);
    s.startHandshake();
    return s;
  }

  private static String readAll(InputStream in) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(US_ASCII);
  }

  @Test
  void get_overTls_backendSeesHttpsAsForwardedProto() throws Exception {
    start(TlsFiles::chain);
    HttpClient c = client(TlsFiles.trusting("root-ca.pem"), HttpClient.Version.HTTP_1_1);
    try {
      HttpResponse<String> r =
          c.send(
              HttpRequest.newBuilder(uri("/hello?x=1")).header("X-Forwarded-Proto", "http").build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("via")).hasValue("1.1 alo");
    } finally {
      c.shutdownNow();
    }
    assertThat(echo.uris).containsExactly("/hello?x=1");
    // What the client claimed is replaced by what the proxy saw.
    assertThat(echo.heads.get(0).getAll("x-forwarded-proto")).containsExactly("https");
    assertThat(echo.heads.get(0).get("forwarded")).contains("proto=https");
    assertThat(proxy().proxyStats().tlsHandshakeFailures()).isZero();
  }

  @Test
  void post_overTls_bodyRelayedBothWaysOnOneConnection() throws Exception {
    start(TlsFiles::chain);
    HttpClient c = client(TlsFiles.trusting("root-ca.pem"), HttpClient.Version.HTTP_1_1);
    try {
      byte[] body = new byte[300_000];
      for (int i = 0; i < body.length; i++) {
        body[i] = (byte) (i * 31);
      }
      for (int i = 0; i < 3; i++) {
        HttpResponse<byte[]> r =
            c.send(
                HttpRequest.newBuilder(uri("/echo"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo(body);
      }
    } finally {
      c.shutdownNow();
    }
    assertThat(proxy().stats().get(0).requests()).isEqualTo(3);
  }

  @Test
  void handshake_tls13And12Accepted_alpnSelectsHttp11_chainServed() throws Exception {
    start(TlsFiles::chain);
    SSLContext ssl = TlsFiles.trusting("root-ca.pem");
    try (SSLSocket s = handshake(ssl, List.of("TLSv1.3"), List.of("h2", "http/1.1"))) {
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.3");
      assertThat(s.getApplicationProtocol()).isEqualTo("http/1.1");
      // The client trusts only the root: the intermediate came from the proxy.
      assertThat(s.getSession().getPeerCertificates()).hasSize(2);
    }
    try (SSLSocket s = handshake(ssl, List.of("TLSv1.2"), List.of("http/1.1"))) {
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(s.getSession().getCipherSuite()).startsWith("TLS_ECDHE_RSA_WITH_").contains("GCM");
      OutputStream out = s.getOutputStream();
      out.write(
          "GET /v12 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
      out.flush();
      assertThat(readAll(s.getInputStream())).startsWith("HTTP/1.1 200 ");
    }
    // A client offering only h2 is not refused: no ALPN answer, and it may speak HTTP/1.1.
    HttpClient c = client(ssl, HttpClient.Version.HTTP_2);
    try {
      HttpResponse<String> r =
          c.send(HttpRequest.newBuilder(uri("/h2")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    } finally {
      c.shutdownNow();
    }
  }

  @Test
  void keys_pkcs1RsaAndSec1Ec_accepted() throws Exception {
    start("chain.pem", "chain-key-rsa.pem");
    try (SSLSocket s = handshake(TlsFiles.trusting("root-ca.pem"), List.of("TLSv1.3"), List.of())) {
      assertThat(s.getSession().getPeerCertificates()[0].getPublicKey().getAlgorithm())
          .isEqualTo("RSA");
    }
    proxy().close();
    proxy = null;
    start("self-signed.pem", "self-signed-key-ec.pem");
    try (SSLSocket s =
        handshake(TlsFiles.trusting("self-signed.pem"), List.of("TLSv1.2"), List.of())) {
      assertThat(s.getSession().getCipherSuite()).startsWith("TLS_ECDHE_ECDSA_WITH_");
    }
  }

  @Test
  void plainHttpToTlsPort_answered400AndClosed_nothingForwarded() throws Exception {
    start(TlsFiles::chain);
    try (Socket s = new Socket(proxy().address().getAddress(), proxy().address().getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(US_ASCII));
      String answer = readAll(s.getInputStream());
      assertThat(answer).startsWith("HTTP/1.1 400 Bad Request\r\n").contains("plain HTTP");
    }
    try (Socket s = new Socket(proxy().address().getAddress(), proxy().address().getPort())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    assertThat(echo.uris).isEmpty();
    assertThat(proxy().proxyStats().clientErrors()).isEqualTo(1);
    assertThat(proxy().proxyStats().tlsHandshakeFailures()).isEqualTo(2);
  }

  @Test
  void handshakeTimeout_silentOrStalledClientClosed() throws Exception {
    start(b -> TlsFiles.chain(b).tlsHandshakeTimeout(Duration.ofMillis(200)));
    // Sends nothing at all.
    try (Socket s = new Socket(proxy().address().getAddress(), proxy().address().getPort())) {
      // The proxy closes it (read gives -1) after its 200 ms handshake timeout; the socket's own
      // read timeout only stops a hang, and is far from 200 ms so a loaded machine cannot reach it.
      s.setSoTimeout(30_000);
      assertThat(s.getInputStream().read()).isEqualTo(-1);
    }
    // Starts a TLS record (a handshake of 80 bytes) and stops.
    try (Socket s = new Socket(proxy().address().getAddress(), proxy().address().getPort())) {
      s.setSoTimeout(30_000);
      s.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x50, 0x01});
      InputStream in = s.getInputStream();
      int b;
      do {
        b = in.read();
      } while (b != -1);
    }
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(() -> assertThat(proxy().proxyStats().tlsHandshakeFailures()).isEqualTo(2));
  }

  @Test
  void reload_changedFilesServedToNewConnections_badPairKeepsCurrent(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path cert = dir.resolve("cert.pem");
    java.nio.file.Path key = dir.resolve("key.pem");
    java.nio.file.Files.copy(TlsFiles.file("chain.pem"), cert);
    java.nio.file.Files.copy(TlsFiles.file("chain-key.pem"), key);
    java.util.concurrent.CopyOnWriteArrayList<String> logs =
        new java.util.concurrent.CopyOnWriteArrayList<>();
    proxy =
        ProxyServer.start(
            Fixtures.builder(List.of(echo.address()))
                .tls(cert, key)
                .tlsHandshakeTimeout(Duration.ofSeconds(5))
                .tlsReloadInterval(Duration.ofMillis(20))
                .build(),
            logs::add);
    SSLContext ssl = TlsFiles.trusting("root-ca.pem", "self-signed.pem");
    assertThat(peerKeyAlgorithm(ssl)).isEqualTo("RSA");
    // A certificate without its key yet: refused, logged once, the current pair stays.
    java.nio.file.Files.copy(
        TlsFiles.file("self-signed.pem"), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> logs.stream().anyMatch(l -> l.contains("does not match")));
    assertThat(logs.stream().filter(l -> l.contains("does not match")).count()).isEqualTo(1);
    assertThat(peerKeyAlgorithm(ssl)).isEqualTo("RSA");
    java.nio.file.Files.copy(
        TlsFiles.file("self-signed-key.pem"),
        key,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    org.awaitility.Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> peerKeyAlgorithm(ssl).equals("EC"));
    assertThat(logs).anyMatch(l -> l.startsWith("TLS certificate reloaded: CN=localhost"));
  }

  private String peerKeyAlgorithm(SSLContext ssl) throws Exception {
    try (SSLSocket s = handshake(ssl, List.of("TLSv1.3"), List.of())) {
      return ((X509Certificate) s.getSession().getPeerCertificates()[0])
          .getPublicKey()
          .getAlgorithm();
    }
  }
}
