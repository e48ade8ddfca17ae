package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Request smuggling and malformed requests, sent as raw bytes to a real proxy. */
@SuppressWarnings("StringConcatToTextBlock")
class SmugglingTest {
  private static final TestBackend backend = Fixtures.backend("b");
  private static final EchoBackend echo = new EchoBackend();
  private static final ProxyServer proxy = start(List.of(Fixtures.addr(backend)));
  private static final ProxyServer echoProxy = start(List.of(echo.address()));

  private static ProxyServer start(List<BackendAddress> backends) {
    return ProxyServer.start(
        Fixtures.builder(backends)
            .maxConnections(1000)
            .maxHeadSize(2048)
            .maxHeaders(50)
            .maxBodySize(1000)
            .connectTimeout(Duration.ofSeconds(2))
            .responseTimeout(Duration.ofSeconds(5))
            .idleTimeout(Duration.ofSeconds(30))
            .headerTimeout(Duration.ofMillis(300))
            .build(),
        ProxyLog.none());
  }

  @AfterAll
  static void down() {
    proxy.close();
    echoProxy.close();
    backend.close();
    echo.close();
  }

  static Stream<Arguments> firstTier() {
    String h = "Host: h\r\n";
    return Stream.of(
        Arguments.of(
            "non-digit Content-Length", "POST / HTTP/1.1\r\n" + h + "Content-Length: abc\r\n\r\n"),
        Arguments.of(
            "Content-Length list", "POST / HTTP/1.1\r\n" + h + "Content-Length: 3,3\r\n\r\nabc"),
        Arguments.of(
            "Content-Length 1000,1000",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 1000,1000\r\n\r\n"),
        Arguments.of(
            "signed Content-Length", "POST / HTTP/1.1\r\n" + h + "Content-Length: +3\r\n\r\nabc"),
        Arguments.of(
            "Content-Length with inner space",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 1 3\r\n\r\nabc"),
        Arguments.of(
            "Content-Length with control char",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 3\u000b\r\n\r\nabc"),
        Arguments.of(
            "different duplicate Content-Length",
            "POST / HTTP/1.1\r\n" + h + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
        Arguments.of(
            "chunked twice in one header",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "chunked twice in two headers",
            "POST / HTTP/1.1\r\n"
                + h
                + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "chunked not last",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "no chunked at all", "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: gzip\r\n\r\n"),
        Arguments.of(
            "obfuscated xchunked",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "chunked with vertical tab",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: \u000bchunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "quoted chunked",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "space before colon",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "Content-Length and Transfer-Encoding",
            "POST / HTTP/1.1\r\n"
                + h
                + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of(
            "Transfer-Encoding in HTTP/1.0",
            "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("obs-fold", "GET / HTTP/1.1\r\n" + h + "X-A: a\r\n  folded\r\n\r\n"),
        Arguments.of(
            "obs-fold of Transfer-Encoding",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding:\r\n chunked\r\n\r\n0\r\n\r\n"),
        Arguments.of("bare LF line ends", "GET / HTTP/1.1\n" + h.replace("\r", "") + "\n"),
        Arguments.of("bare LF in one header", "GET / HTTP/1.1\r\nHost: h\nX: y\r\n\r\n"),
        Arguments.of("bare CR in a header", "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n"),
        Arguments.of("NUL in a header value", "GET / HTTP/1.1\r\n" + h + "X: a\u0000b\r\n\r\n"),
        Arguments.of("DEL in a header value", "GET / HTTP/1.1\r\n" + h + "X: a\u007fb\r\n\r\n"),
        Arguments.of(
            "control char in a header name", "GET / HTTP/1.1\r\n" + h + "X\u0001Y: z\r\n\r\n"),
        Arguments.of("space in a header name", "GET / HTTP/1.1\r\n" + h + "X Y: z\r\n\r\n"),
        Arguments.of("empty header name", "GET / HTTP/1.1\r\n" + h + ": z\r\n\r\n"),
        Arguments.of("control char in target", "GET /a\u0001b HTTP/1.1\r\n" + h + "\r\n"),
        Arguments.of("tab in target", "GET /a\tb HTTP/1.1\r\n" + h + "\r\n"),
        Arguments.of("non-ASCII target", "GET /caf\u00e9 HTTP/1.1\r\n" + h + "\r\n"),
        Arguments.of("invalid method token", "G(T / HTTP/1.1\r\n" + h + "\r\n"),
        Arguments.of("lower-case version", "GET / http/1.1\r\n" + h + "\r\n"),
        Arguments.of("HTTP/1.2", "GET / HTTP/1.2\r\n" + h + "\r\n"),
        Arguments.of("HTTP/2.0 text", "GET / HTTP/2.0\r\n" + h + "\r\n"),
        Arguments.of("trailing space after version", "GET / HTTP/1.1 \r\n" + h + "\r\n"),
        Arguments.of("two spaces after method", "GET  / HTTP/1.1\r\n" + h + "\r\n"),
        Arguments.of("missing Host", "GET / HTTP/1.1\r\n\r\n"),
        Arguments.of("two Host headers", "GET / HTTP/1.1\r\n" + h + "Host: other\r\n\r\n"),
        Arguments.of(
            "absolute target of an unknown scheme", "GET ftp://x/ HTTP/1.1\r\n" + h + "\r\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("firstTier")
  void firstTier_refusedWith400AndClosed_neverForwarded(String name, String request)
      throws Exception {
    long before = backend.served();
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send(request).read();
      assertThat(r.status()).as(name).isEqualTo(400);
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(c.closedByPeer()).as("closed after " + name).isTrue();
    }
    assertThat(backend.served()).as("forwarded: " + name).isEqualTo(before);
  }

  static Stream<Arguments> malformedChunkedBodies() {
    String h = "Host: h\r\n";
    return Stream.of(
        Arguments.of(
            "invalid chunk size",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\nzz\r\nabc\r\n0\r\n\r\n"),
        Arguments.of(
            "chunk data too long",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n2\r\nabc\r\n0\r\n\r\n"),
        Arguments.of(
            "bare LF after chunk size",
            "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n3\nabc\r\n0\r\n\r\n"));
  }

  /**
   * A malformed chunked body is found after the head has been forwarded (bodies stream): the client
   * gets 400 (or the backend's early answer) and the connection closes; the backend connection is
   * discarded with the request cut short, so nothing is smuggled.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("malformedChunkedBodies")
  void malformedChunkedBody_connectionClosed(String name, String request) throws Exception {
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send(request).read();
      assertThat(r.status()).as(name).isIn(400, 200);
      assertThat(c.closedByPeer()).as("closed after " + name).isTrue();
    }
  }

  @Test
  void duplicateIdenticalContentLength_forwardedOnceThenClosed() throws Exception {
    try (Raw c = new Raw(echoProxy.address())) {
      Raw.Response r =
          c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc")
              .read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("abc");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void getWithBody_forwardedThenClosed() throws Exception {
    try (Raw c = new Raw(echoProxy.address())) {
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi").read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void harmlessOddities_forwarded() throws Exception {
    try (Raw c = new Raw(echoProxy.address())) {
      Raw.Response r =
          c.send(
                  "POST /x HTTP/1.1\r\nHost: h\r\nX-Name: J\u00fcrgen\r\n"
                      + "Transfer-Encoding: gzip, chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n")
              .read();
      assertThat(r.status()).isEqualTo(200);
      r = c.send("GET /y HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(200);
    }
  }

  @Test
  void chunkedRequestWithObsTextInOtherFields_forwardedByteForByte() throws Exception {
    // RFC 9112 lets field values (and chunk extensions, trailer values) carry obs-text, 0x80-0xFF.
    String obs = "caf\u00e9 \u0080\u00a0\u00ff";
    int before = echo.heads.size();
    try (Raw c = new Raw(echoProxy.address())) {
      Raw.Response r =
          c.send(
                  "POST /obs HTTP/1.1\r\nHost: h\r\nX-Before: "
                      + obs
                      + "\r\nTransfer-Encoding: chunked\r\nUser-Agent: "
                      + obs
                      + "\r\n\r\n5;note="
                      + obs
                      + "\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: "
                      + obs
                      + "\r\n\r\n")
              .read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("hello world");
      assertThat(c.send("GET /after HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
    }
    var forwarded = echo.heads.get(before);
    assertThat(forwarded.get("x-before")).isEqualTo(obs);
    assertThat(forwarded.get("user-agent")).isEqualTo(obs);
  }

  @Test
  void pipelinedRequests_answeredInOrder() throws Exception {
    try (Raw c = new Raw(echoProxy.address())) {
      c.send(
          "POST /1 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nA"
              + "POST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\nB");
      assertThat(c.read().body()).isEqualTo("A");
      assertThat(c.read().body()).isEqualTo("B");
    }
  }

  @Test
  void oversizedHead_431() throws Exception {
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r =
          c.send("GET / HTTP/1.1\r\nHost: h\r\nX-Big: " + "a".repeat(4000) + "\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(431);
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void tooManyHeaders_431() throws Exception {
    StringBuilder sb = new StringBuilder("GET / HTTP/1.1\r\nHost: h\r\n");
    for (int i = 0; i < 60; i++) {
      sb.append("X").append(i).append(": v\r\n");
    }
    try (Raw c = new Raw(proxy.address())) {
      assertThat(c.send(sb + "\r\n").read().status()).isEqualTo(431);
    }
  }

  @Test
  void bodyOverLimit_413ByContentLengthAndByChunks() throws Exception {
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1001\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(413);
      assertThat(c.closedByPeer()).isTrue();
    }
    try (Raw c = new Raw(echoProxy.address())) {
      c.send("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
      c.send("3e8\r\n" + "a".repeat(1000) + "\r\n5\r\nabcde\r\n0\r\n\r\n");
      Raw.Response r = c.read();
      // The body streams to the backend until it passes the limit: then 413, or the connection
      // ends if the backend already started answering.
      assertThat(r.status()).isIn(413);
    }
  }

  @Test
  void slowLoris_408AtTheHeaderTimeout() throws Exception {
    // When it fires (not before 300 ms) is checked on the injected clock in ClientConnectionTest.
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ").read();
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.body()).contains("request head not received in time");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void idleKeepAliveConnection_closedSilentlyOnlyAfterIdleTimeout() throws Exception {
    try (Raw c = new Raw(proxy.address())) {
      assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
      c.timeout(600);
      // Longer than the header timeout (300 ms) but shorter than the idle timeout (30 s).
      assertThat(c.closedByPeer()).isFalse();
    }
  }
}
