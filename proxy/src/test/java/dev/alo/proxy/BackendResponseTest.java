package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How backend responses of every framing reach the client, whole or split into small writes. */
@SuppressWarnings("StringConcatToTextBlock")
class BackendResponseTest {
  private static final String GET = "GET /r HTTP/1.1\r\nHost: h\r\n\r\n";

  private static Raw.Response once(String response, int piece, boolean close, String request)
      throws Exception {
    try (ScriptedBackend b = new ScriptedBackend(response, piece, close);
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(b.address())), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      return c.send(request).read();
    }
  }

  @Test
  void chunkedResponse_inTinyPieces_bodyAndTrailersArriveChunked() throws Exception {
    String resp =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nX-A: 1\r\n\r\n"
            + "5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\nX-T: t\r\n\r\n";
    for (int piece : new int[] {1, 3, 7, 1000}) {
      Raw.Response r = once(resp, piece, false, GET);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.body()).isEqualTo("hello world");
      assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(r.header("x-a")).isEqualTo("1");
      assertThat(r.header("via")).isEqualTo("1.1 alo");
    }
  }

  @Test
  void closeDelimitedResponse_http11Client_getsItChunkedAndConnectionStays() throws Exception {
    try (ScriptedBackend b = new ScriptedBackend("HTTP/1.1 200 OK\r\n\r\nuntil close", 4, true);
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(b.address())), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send(GET).read();
      assertThat(r.body()).isEqualTo("until close");
      assertThat(r.header("transfer-encoding")).isEqualTo("chunked");
      assertThat(c.send(GET).read().body()).isEqualTo("until close");
    }
  }

  @Test
  void closeDelimitedResponse_http10Client_closedAfterBody() throws Exception {
    try (ScriptedBackend b = new ScriptedBackend("HTTP/1.1 200 OK\r\n\r\nuntil close", 4, true);
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(b.address())), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("GET /r HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
      assertThat(r.body()).isEqualTo("until close");
      assertThat(r.header("connection")).isEqualTo("close");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  @Test
  void hopByHopResponseFields_removed() throws Exception {
    Raw.Response r =
        once(
            "HTTP/1.1 200 OK\r\nConnection: keep-alive, X-Hop\r\nX-Hop: 1\r\nKeep-Alive: 5\r\n"
                + "Content-Length: 2\r\nX-End: e\r\n\r\nok",
            5,
            false,
            GET);
    assertThat(r.body()).isEqualTo("ok");
    assertThat(r.headers()).doesNotContainKeys("x-hop", "keep-alive", "connection");
    assertThat(r.header("x-end")).isEqualTo("e");
  }

  @Test
  void interimResponse_droppedFinalForwarded() throws Exception {
    Raw.Response r =
        once(
            "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 1\r\n\r\nx",
            1000,
            false,
            GET);
    assertThat(r.status()).isEqualTo(201);
    assertThat(r.body()).isEqualTo("x");
  }

  @Test
  void malformedResponse_clean502NamingTheProblem() throws Exception {
    for (String bad :
        List.of(
            "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nx",
            "HTTP/1.1 2x0 OK\r\n\r\n",
            "garbage\r\n\r\n",
            "HTTP/1.1 200 OK\r\nBad Header: x\r\n\r\n")) {
      Raw.Response r = once(bad, 1000, false, GET);
      assertThat(r.status()).as(bad).isEqualTo(502);
      assertThat(r.body()).contains("malformed response");
    }
  }

  @Test
  void responseCutShort_clientConnectionClosed() throws Exception {
    try (ScriptedBackend b =
            new ScriptedBackend("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", 1000, true);
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(b.address())), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      c.send(GET);
      assertThatThrownBy(c::read).isInstanceOf(java.io.IOException.class);
    }
  }
}
