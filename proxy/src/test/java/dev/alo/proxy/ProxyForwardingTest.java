package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SuppressWarnings("StringConcatToTextBlock")
class ProxyForwardingTest {
  private final List<TestBackend> backends = new java.util.ArrayList<>();
  private EchoBackend echo;
  private @Nullable ProxyServer proxy;

  @BeforeEach
  void start() {
    for (int i = 1; i <= 2; i++) {
      backends.add(TestBackend.start("b" + i));
    }
    echo = new EchoBackend();
  }

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    backends.forEach(TestBackend::close);
    echo.close();
  }

  private ProxyServer proxyTo(List<BackendAddress> addresses) {
    proxy =
        ProxyServer.start(
            ProxyConfig.builder()
                .listen(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
                .backends(addresses)
                .threads(1)
                .build(),
            ProxyLog.none());
    return proxy;
  }

  private static BackendAddress addr(TestBackend b) {
    return new BackendAddress("127.0.0.1", b.address().getPort(), 1);
  }

  @Test
  void get_keepAlive_roundRobinsOverBackendsOnOneConnection() throws Exception {
    ProxyServer proxy = proxyTo(List.of(addr(backends.get(0)), addr(backends.get(1))));
    Set<String> servedBy = new HashSet<>();
    try (Raw c = new Raw(proxy.address())) {
      for (int i = 0; i < 4; i++) {
        Raw.Response r = c.send("GET /x HTTP/1.1\r\nHost: example\r\n\r\n").read();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("via")).contains("1.1 alo");
        servedBy.add(r.header("x-served-by"));
      }
    }
    assertThat(servedBy).containsExactlyInAnyOrder("b1", "b2");
  }

  @Test
  void get_clientHalfClosesDuringExchange_stillAnsweredThenClosed() throws Exception {
    TestBackend slow = TestBackend.delayed("slow", java.time.Duration.ofMillis(200));
    backends.add(slow);
    ProxyServer proxy = proxyTo(List.of(addr(slow)));
    try (Raw c = new Raw(proxy.address())) {
      c.send("GET /x HTTP/1.1\r\nHost: example\r\n\r\n").shutdownOutput();
      Raw.Response r = c.read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("x-served-by")).isEqualTo("slow");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void post_contentLengthAndChunked_bodiesArriveIntact() throws Exception {
    ProxyServer proxy = proxyTo(List.of(echo.address()));
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r =
          c.send("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello").read();
      assertThat(r.body()).isEqualTo("hello");
      r =
          c.send(
                  "POST /b HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\nX-Trailer: t\r\n\r\n")
              .read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("abcdefg");
    }
  }

  @Test
  void headers_hopByHopRemovedAndForwardingHeadersSet() throws Exception {
    ProxyServer proxy = proxyTo(List.of(echo.address()));
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r =
          c.send(
                  "GET /p?q=1 HTTP/1.1\r\nHost: front.example\r\nConnection: keep-alive, X-Secret\r\n"
                      + "X-Secret: s\r\nKeep-Alive: 5\r\nX-Forwarded-For: 10.0.0.1\r\n"
                      + "X-Custom: caf\u00e9\r\n\r\n")
              .read();
      assertThat(r.status()).isEqualTo(200);
    }
    var h = echo.heads.get(0);
    assertThat(h.contains("x-secret")).isFalse();
    assertThat(h.contains("keep-alive")).isFalse();
    assertThat(h.get("x-forwarded-for")).isEqualTo("10.0.0.1, 127.0.0.1");
    assertThat(h.get("x-forwarded-proto")).isEqualTo("http");
    assertThat(h.get("x-forwarded-host")).isEqualTo("front.example");
    assertThat(h.get("forwarded")).isEqualTo("for=127.0.0.1;host=front.example;proto=http");
    assertThat(h.get("via")).isEqualTo("1.1 alo");
    assertThat(h.get("x-custom")).isEqualTo("caf\u00e9");
    assertThat(echo.uris).containsExactly("/p?q=1");
  }

  @Test
  void expectContinue_proxyAnswers100ThenForwardsBody() throws Exception {
    ProxyServer proxy = proxyTo(List.of(echo.address()));
    try (Raw c = new Raw(proxy.address())) {
      c.send("PUT /u HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nExpect: 100-continue\r\n\r\n");
      Raw.Response interim = c.read();
      assertThat(interim.status()).isEqualTo(100);
      Raw.Response r = c.send("xyz").read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("xyz");
    }
    assertThat(echo.heads.get(0).contains("expect")).isFalse();
  }

  @Test
  void head_responseHasNoBodyAndConnectionStaysUsable() throws Exception {
    ProxyServer proxy = proxyTo(List.of(addr(backends.get(0))));
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("HEAD / HTTP/1.1\r\nHost: h\r\n\r\n").read(true);
      assertThat(r.status()).isEqualTo(200);
      r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.body()).isEqualTo("served by b1\n");
    }
  }

  @Test
  void http10_withoutKeepAlive_closesAfterResponse() throws Exception {
    ProxyServer proxy = proxyTo(List.of(addr(backends.get(0))));
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void noBackends_answers503WithReason() throws Exception {
    ProxyServer proxy = proxyTo(List.of());
    try (Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.body()).contains("no backend configured");
    }
  }
}
