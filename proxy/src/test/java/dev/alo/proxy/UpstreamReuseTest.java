package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jspecify.annotations.Nullable;

/**
 * One request must never spoil the next: whatever came before (bodies the backend answers before
 * reading, refused or cut-off requests, clients that leave at the status line), every well-formed
 * request on a new connection gets its own answer. One event loop per proxy, so every exchange
 * shares one pool of backend connections.
 */
@SuppressWarnings("StringConcatToTextBlock")
class UpstreamReuseTest {
  private static final AtomicLong ids = new AtomicLong();
  private static @Nullable UriBackend early;
  private static @Nullable UriBackend afterBody;
  // Index 0: a backend that answers at the head; 1: one that answers after the body.
  private static ProxyServer[] proxies = new ProxyServer[0];

  @BeforeContainer
  static void start() {
    early = new UriBackend(true);
    afterBody = new UriBackend(false);
    proxies =
        new ProxyServer[] {
          ProxyServer.start(config(early.address()), ProxyLog.none()),
          ProxyServer.start(config(afterBody.address()), ProxyLog.none())
        };
  }

  private static ProxyConfig config(BackendAddress backend) {
    return Fixtures.builder(List.of(backend))
        .connectTimeout(Duration.ofSeconds(2))
        .responseTimeout(Duration.ofSeconds(2))
        .idleTimeout(Duration.ofSeconds(30))
        .headerTimeout(Duration.ofSeconds(2))
        .build();
  }

  @AfterContainer
  static void stop() {
    for (ProxyServer p : proxies) {
      p.close();
    }
    if (early != null) {
      early.close();
    }
    if (afterBody != null) {
      afterBody.close();
    }
  }

  enum Kind {
    GET(true),
    POST_LENGTH(true),
    POST_CHUNKED(true),
    POST_EMPTY_CHUNKED(true),
    PUT_EXPECT_CONTINUE(true),
    HEAD_WITH_BODY(true),
    GET_WITH_BODY(true),
    // Not answered in full: the client leaves, or the proxy refuses.
    LEAVES_MID_BODY(false),
    BAD_CHUNK_MID_BODY(false),
    CHUNKED_HTTP10(false),
    LENGTH_AND_CHUNKED(false);

    private final boolean wellFormed;

    Kind(boolean wellFormed) {
      this.wellFormed = wellFormed;
    }
  }

  /** One request on a new connection to proxy {@code target}. */
  record Step(Kind kind, int size, boolean leaveAtStatusLine, int target) {}

  @Provide
  Arbitrary<List<Step>> steps() {
    Arbitrary<Step> step =
        Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 3000),
                Arbitraries.integers().between(0, 3).map(i -> i == 0),
                Arbitraries.integers().between(0, 1))
            .as(Step::new);
    return step.list().ofMinSize(1).ofMaxSize(10);
  }

  @Property(tries = 40)
  void anyHistory_everyWellFormedRequestAfterItGetsItsOwnAnswer(@ForAll("steps") List<Step> steps)
      throws IOException {
    for (Step s : steps) {
      run(s);
    }
    // Whatever the last step left behind, the next request on each proxy is answered right.
    run(new Step(Kind.GET, 0, false, 0));
    run(new Step(Kind.GET, 0, false, 1));
  }

  @Example
  void emptyChunkedBody_endsOnTheNewBackendConnectionThatCarriesIt() throws IOException {
    // The body's end arrives with the head, before the connection to the backend is made.
    try (UriBackend backend = new UriBackend(false);
        ProxyServer proxy = ProxyServer.start(config(backend.address()), ProxyLog.none())) {
      run(new Step(Kind.POST_EMPTY_CHUNKED, 0, false, 0), proxy, false);
      run(new Step(Kind.GET, 0, false, 0), proxy, false);
    }
  }

  private static void run(Step s) throws IOException {
    run(s, proxies[s.target()], s.target() == 0);
  }

  /** Sends {@code s} to {@code proxy}, whose backend answers at the head when {@code early}. */
  private static void run(Step s, ProxyServer proxy, boolean early) throws IOException {
    String uri =
        "/" + s.kind().name().toLowerCase(java.util.Locale.ROOT) + "-" + ids.incrementAndGet();
    String h = " HTTP/1.1\r\nHost: h\r\n";
    String body = "b".repeat(s.size());
    int size = s.size();
    String request =
        switch (s.kind()) {
          case GET -> "GET " + uri + h + "\r\n";
          case POST_LENGTH -> "POST " + uri + h + "Content-Length: " + size + "\r\n\r\n" + body;
          case POST_CHUNKED -> {
            int half = size / 2;
            yield "POST "
                + uri
                + h
                + "Transfer-Encoding: chunked\r\n\r\n"
                + chunk(body.substring(0, half))
                + chunk(body.substring(half))
                + "0\r\n\r\n";
          }
          case POST_EMPTY_CHUNKED ->
              "POST " + uri + h + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n";
          case PUT_EXPECT_CONTINUE ->
              "PUT " + uri + h + "Expect: 100-continue\r\nContent-Length: " + size + "\r\n\r\n";
          case HEAD_WITH_BODY -> "HEAD " + uri + h + "Content-Length: " + size + "\r\n\r\n" + body;
          case GET_WITH_BODY -> "GET " + uri + h + "Content-Length: " + size + "\r\n\r\n" + body;
          case LEAVES_MID_BODY ->
              "PUT " + uri + h + "Content-Length: " + (size + 10) + "\r\n\r\n" + body;
          case BAD_CHUNK_MID_BODY ->
              "POST " + uri + h + "Transfer-Encoding: chunked\r\n\r\n" + chunk(body) + "zz\r\n";
          case CHUNKED_HTTP10 ->
              "POST " + uri + " HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk(body);
          case LENGTH_AND_CHUNKED ->
              "POST "
                  + uri
                  + h
                  + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
                  + chunk(body)
                  + "0\r\n\r\n";
        };
    try (Raw c = new Raw(proxy.address())) {
      c.timeout(3000);
      c.send(request);
      if (s.kind() == Kind.LEAVES_MID_BODY) {
        return;
      }
      boolean head = s.kind() == Kind.HEAD_WITH_BODY;
      Raw.Response answer = null;
      if (s.kind() == Kind.PUT_EXPECT_CONTINUE) {
        answer = c.read();
        if (answer.status() == 100) {
          c.send(body);
          answer = null;
        }
      }
      if (!s.kind().wellFormed) {
        // Refused (400), or cut off once the backend's answer has begun: no answer to check.
        try {
          c.statusLine();
        } catch (IOException closedWithoutAnswer) {
          // also fine
        }
        return;
      }
      if (answer == null && s.leaveAtStatusLine()) {
        assertThat(c.statusLine()).as("%s", s).startsWith("HTTP/1.1 200");
        return;
      }
      Raw.Response r = answer != null ? answer : c.read(head);
      assertThat(r.status()).as("%s", s).isEqualTo(200);
      assertThat(r.header("x-uri")).as("%s", s).isEqualTo(uri);
      if (!head) {
        long sent = s.kind() == Kind.GET || s.kind() == Kind.POST_EMPTY_CHUNKED ? 0 : size;
        assertThat(r.body()).as("%s", s).isEqualTo(early ? uri : uri + " " + sent);
      }
    }
  }

  private static String chunk(String data) {
    return data.isEmpty() ? "" : Integer.toHexString(data.length()) + "\r\n" + data + "\r\n";
  }
}
