package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class ResponseParserTest {

  /** Collects what the parser reports; expects the next response after each one ends. */
  private static final class Collector implements ResponseParser.Listener {
    final List<Integer> statuses = new ArrayList<>();
    final List<String> heads = new ArrayList<>();
    final List<String> bodies = new ArrayList<>();
    final List<String> trailers = new ArrayList<>();
    final List<String> errors = new ArrayList<>();
    final List<Boolean> keepAlive = new ArrayList<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    final ResponseParser parser = new ResponseParser(this);
    boolean headRequests;
    boolean again = true;

    @Override
    public void onHead(ResponseParser p) {
      ByteBuf out = Unpooled.buffer();
      p.writeStatus(out);
      out.writeBytes("\r\n".getBytes(ISO_8859_1));
      p.writeHeaders(out, false);
      heads.add(out.toString(ISO_8859_1));
      out.release();
      statuses.add(p.status());
      if (p.status() >= 200) {
        keepAlive.add(p.keepAlive());
      }
    }

    @Override
    public void onBody(ByteBuf data) {
      byte[] b = new byte[data.readableBytes()];
      data.readBytes(b);
      data.release();
      body.writeBytes(b);
    }

    @Override
    public void onEnd(ResponseParser p) {
      ByteBuf out = Unpooled.buffer();
      p.writeTrailers(out);
      trailers.add(out.toString(ISO_8859_1));
      out.release();
      bodies.add(body.toString(ISO_8859_1));
      body.reset();
      if (again) {
        parser.expect(headRequests);
      }
    }

    @Override
    public void onError(String reason) {
      errors.add(reason);
    }
  }

  private static Collector parse(byte[] input, List<Integer> cuts, boolean close, boolean head) {
    Collector c = new Collector();
    ResponseParser p = c.parser;
    c.headRequests = head;
    p.expect(head);
    int from = 0;
    for (int cut : cuts.stream().map(x -> Math.min(x, input.length)).sorted().toList()) {
      p.feed(Unpooled.copiedBuffer(input, from, cut - from));
      from = cut;
    }
    p.feed(Unpooled.copiedBuffer(input, from, input.length - from));
    if (close) {
      p.inputClosed();
    }
    return c;
  }

  /** One response as a backend would send it, and what the proxy must see of it. */
  record Sample(String wire, String head, String body, String trailers, boolean untilClose) {}

  @Provide
  Arbitrary<Sample> responses() {
    Arbitrary<String> body = Arbitraries.strings().ascii().ofMaxLength(300);
    Arbitrary<List<Integer>> chunkSizes =
        Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(12);
    Arbitrary<Integer> framing = Arbitraries.integers().between(0, 2);
    Arbitrary<Boolean> extraHeaders = Arbitraries.of(true, false);
    return Combinators.combine(body, chunkSizes, framing, extraHeaders)
        .as(
            (b, sizes, f, extra) -> {
              String endToEnd = "Server: t\r\n" + (extra ? "X-A: 1, 2\r\nset-cookie: c=d\r\n" : "");
              String hop =
                  extra ? "Connection: keep-alive, X-Hop\r\nX-Hop: h\r\nKeep-Alive: 5\r\n" : "";
              String status = "200 OK\r\n";
              return switch (f) {
                case 0 ->
                    new Sample(
                        "HTTP/1.1 200 OK\r\n"
                            + hop
                            + endToEnd
                            + "Content-Length: "
                            + b.length()
                            + "\r\n\r\n"
                            + b,
                        status + endToEnd + "Content-Length: " + b.length() + "\r\n",
                        b,
                        "",
                        false);
                case 1 -> {
                  StringBuilder w = new StringBuilder();
                  int i = 0;
                  for (int size : sizes) {
                    int n = Math.min(size, b.length() - i);
                    if (n <= 0) {
                      break;
                    }
                    w.append(Integer.toHexString(n)).append(size % 2 == 0 ? ";x=y\r\n" : "\r\n");
                    w.append(b, i, i + n).append("\r\n");
                    i += n;
                  }
                  String sent = b.substring(0, i);
                  String tr = extra ? "X-Trailer: t\r\n" : "";
                  yield new Sample(
                      "HTTP/1.1 200 OK\r\n"
                          + hop
                          + "Transfer-Encoding: chunked\r\n"
                          + endToEnd
                          + "\r\n"
                          + w
                          + "0\r\n"
                          + tr
                          + "\r\n",
                      status + endToEnd,
                      sent,
                      tr,
                      false);
                }
                default ->
                    new Sample(
                        "HTTP/1.1 200 OK\r\n" + endToEnd + "\r\n" + b,
                        status + endToEnd,
                        b,
                        "",
                        true);
              };
            });
  }

  @Property(tries = 300)
  void feed_anySplitOfTheInput_sameHeadBodyAndTrailers(
      @ForAll("responses") Sample s,
      @ForAll @Size(max = 8) List<@IntRange(max = 700) Integer> cuts) {
    Collector c = parse(s.wire().getBytes(ISO_8859_1), cuts, s.untilClose(), false);
    assertThat(c.errors).isEmpty();
    assertThat(c.heads).containsExactly(s.head());
    assertThat(c.bodies).containsExactly(s.body());
    assertThat(c.trailers).containsExactly(s.trailers());
    assertThat(c.keepAlive).containsExactly(!s.untilClose());
  }

  @Property(tries = 200)
  void feed_twoResponsesBackToBackAnySplit_bothParsed(
      @ForAll("responses") Sample first,
      @ForAll("responses") Sample second,
      @ForAll @Size(max = 8) List<@IntRange(max = 1400) Integer> cuts) {
    if (first.untilClose()) {
      return;
    }
    Collector c =
        parse(
            (first.wire() + second.wire()).getBytes(ISO_8859_1), cuts, second.untilClose(), false);
    assertThat(c.errors).isEmpty();
    assertThat(c.bodies).containsExactly(first.body(), second.body());
  }

  @Test
  void feed_interimThenFinal_bothHeadsReportedOneEnd() {
    Collector c =
        parse(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                .getBytes(ISO_8859_1),
            List.of(5, 30),
            false,
            false);
    assertThat(c.statuses).containsExactly(100, 200);
    assertThat(c.bodies).containsExactly("ok");
  }

  @Test
  void feed_headRequestAndBodylessStatuses_noBodyRead() {
    Collector c =
        parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\n".getBytes(ISO_8859_1),
            List.of(),
            false,
            true);
    assertThat(c.bodies).containsExactly("");
    c =
        parse(
            "HTTP/1.1 204 No Content\r\n\r\nHTTP/1.1 304 Not Modified\r\nContent-Length: 9\r\n\r\n"
                .getBytes(ISO_8859_1),
            List.of(3),
            false,
            false);
    assertThat(c.statuses).containsExactly(204, 304);
    assertThat(c.bodies).containsExactly("", "");
  }

  @Test
  void feed_http10WithoutKeepAlive_notReusable() {
    Collector c =
        parse(
            "HTTP/1.0 200 OK\r\nContent-Length: 1\r\n\r\nx".getBytes(ISO_8859_1),
            List.of(),
            false,
            false);
    assertThat(c.keepAlive).containsExactly(false);
    c =
        parse(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 1\r\n\r\nx"
                .getBytes(ISO_8859_1),
            List.of(),
            false,
            false);
    assertThat(c.keepAlive).containsExactly(false);
  }

  @Test
  void feed_transferEncodingWithContentLength_chunkedWinsAndLengthDropped() {
    Collector c =
        parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
                .getBytes(ISO_8859_1),
            List.of(),
            false,
            false);
    assertThat(c.heads).containsExactly("200 OK\r\n");
    assertThat(c.bodies).containsExactly("ok");
  }

  @Property(tries = 100)
  void feed_malformedResponse_oneErrorNoEnd(
      @ForAll("malformed") String wire,
      @ForAll @Size(max = 4) List<@IntRange(max = 80) Integer> cuts) {
    Collector c = parse(wire.getBytes(ISO_8859_1), cuts, false, false);
    assertThat(c.errors).hasSize(1);
    assertThat(c.bodies).isEmpty();
  }

  @Provide
  Arbitrary<String> malformed() {
    return Arbitraries.of(
        "HTTP/2 200 OK\r\n\r\n",
        "HTTP/1.1 20 OK\r\n\r\n",
        "HTTP/1.1 200OK\r\n\r\n",
        "SPDY/1.1 200 OK\r\n\r\n",
        "HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nNoColon\r\n\r\n",
        "HTTP/1.1 200 OK\r\n folded: x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nX: a\u0001b\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1x\r\n\r\n",
        "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nokXX0\r\n\r\n");
  }

  @Test
  void feed_bytesAfterTheResponseNobodyAskedFor_error() {
    Collector c = new Collector();
    ResponseParser p = c.parser;
    c.again = false;
    p.expect(false);
    p.feed(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\nextra", ISO_8859_1));
    assertThat(c.bodies).containsExactly("");
    assertThat(c.errors).hasSize(1);
    assertThat(p.atBoundary()).isFalse();
  }

  @Test
  void atBoundary_onlyOnceAKeepAliveResponseEndedWithNothingAfterIt() {
    Collector c = new Collector();
    ResponseParser p = c.parser;
    c.again = false;
    assertThat(p.atBoundary()).as("a new connection").isTrue();
    p.expect(false);
    assertThat(p.atBoundary()).as("a response is owed").isFalse();
    p.feed(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab", ISO_8859_1));
    assertThat(p.atBoundary()).as("mid-body").isFalse();
    p.feed(Unpooled.copiedBuffer("c", ISO_8859_1));
    assertThat(p.atBoundary()).isTrue();

    p.expect(false);
    p.feed(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\nT: v\r\n\r\n",
            ISO_8859_1));
    assertThat(c.trailers).last().isEqualTo("T: v\r\n");
    assertThat(p.atBoundary()).as("after a chunked response and its trailers").isTrue();

    p.expect(false);
    p.feed(
        Unpooled.copiedBuffer(
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", ISO_8859_1));
    assertThat(c.bodies).hasSize(3);
    assertThat(p.atBoundary()).as("the backend closes this connection").isFalse();
  }

  @Test
  void feed_headLargerThanLimit_error() {
    String big = "HTTP/1.1 200 OK\r\nX: " + "a".repeat(ResponseHead.MAX_SIZE) + "\r\n\r\n";
    Collector c = parse(big.getBytes(ISO_8859_1), List.of(1000, 40_000), false, false);
    assertThat(c.errors).hasSize(1);
  }

  @Test
  void inputClosed_midBody_noEnd() {
    Collector c =
        parse(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc".getBytes(ISO_8859_1),
            List.of(),
            true,
            false);
    assertThat(c.bodies).isEmpty();
    assertThat(c.errors).isEmpty();
  }

  @Test
  void takeRemaining_after101_returnsBytesAfterTheHead() {
    Collector c = new Collector();
    ResponseParser p = c.parser;
    p.expect(false);
    p.feed(
        Unpooled.copiedBuffer(
            "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n\r\nframe", ISO_8859_1));
    assertThat(c.statuses).containsExactly(101);
    ByteBuf rest = p.takeRemaining();
    assertThat(rest.toString(ISO_8859_1)).isEqualTo("frame");
    rest.release();
  }
}
