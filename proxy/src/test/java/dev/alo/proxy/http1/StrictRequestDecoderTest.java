package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The strict request decoder in a Netty pipeline ({@link EmbeddedChannel}), with a handler after it
 * that behaves as the proxy's: it lets bodies flow, and resumes the decoder once a request ended.
 */
@SuppressWarnings("StringConcatToTextBlock")
class StrictRequestDecoderTest {
  private static final int MAX_HEAD = 1024;
  private static final int MAX_FIELDS = 10;
  private static final long MAX_BODY = 100;

  /** A decoder in a channel, and everything it handed on, as text. */
  private static final class Harness extends ChannelInboundHandlerAdapter {
    final StrictRequestDecoder decoder = new StrictRequestDecoder(MAX_HEAD, MAX_FIELDS, MAX_BODY);
    final EmbeddedChannel channel = new EmbeddedChannel(decoder, this);
    final List<String> events = new ArrayList<>();
    final List<ByteBuf> sent = new ArrayList<>();
    private final StringBuilder body = new StringBuilder();
    boolean flowAtOnce = true;
    boolean resumeAtEnd = true;
    private boolean ended;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ParsedRequest pr) {
        events.add(describe(pr));
        ended = !pr.hasBody();
        if (pr.hasBody() && flowAtOnce) {
          decoder.setFlowing(true);
        }
      } else if (msg instanceof RequestError e) {
        events.add("error " + e.status().code() + ": " + e.reason());
      } else if (msg instanceof HttpContent c) {
        body.append(c.content().toString(ISO_8859_1));
        c.release();
        if (msg instanceof LastHttpContent) {
          events.add("body " + body);
          body.setLength(0);
          ended = true;
        }
      } else {
        events.add("unexpected " + msg);
      }
    }

    /** Writes {@code bytes} as one read, then resumes after every request that ended. */
    Harness feed(byte[] bytes) {
      if (bytes.length == 0) {
        return this; // a socket read is never empty
      }
      ByteBuf in = Unpooled.copiedBuffer(bytes);
      sent.add(in);
      channel.writeInbound(in);
      settle();
      return this;
    }

    Harness feed(String text) {
      return feed(text.getBytes(ISO_8859_1));
    }

    /** Feeds {@code wire} cut at {@code cuts} (offsets, in any order, clamped). */
    Harness feed(byte[] wire, List<Integer> cuts) {
      int from = 0;
      for (int cut : cuts.stream().map(c -> Math.min(c, wire.length)).sorted().toList()) {
        feed(java.util.Arrays.copyOfRange(wire, from, cut));
        from = cut;
      }
      return feed(java.util.Arrays.copyOfRange(wire, from, wire.length));
    }

    void settle() {
      while (resumeAtEnd && ended) {
        ended = false;
        decoder.resume();
      }
    }

    /** Closes the channel; true when every input buffer was released. */
    boolean closeAndAllReleased() {
      channel.finishAndReleaseAll();
      return sent.stream().allMatch(b -> b.refCnt() == 0);
    }
  }

  private static String describe(ParsedRequest pr) {
    HttpRequest h = pr.head();
    StringBuilder sb = new StringBuilder();
    sb.append(h.method()).append(' ').append(h.uri()).append(' ').append(h.protocolVersion());
    h.headers().forEach(e -> sb.append(" | ").append(e.getKey()).append(": ").append(e.getValue()));
    sb.append(" | length ").append(pr.contentLength());
    if (pr.closeAfter()) {
      sb.append(" close-after");
    }
    if (pr.expectContinue()) {
      sb.append(" expect-continue");
    }
    return sb.toString();
  }

  // ------------------------------------------------------------------ framing

  @Example
  void contentLengthBody_headThenBodyThenEnd() {
    Harness h = new Harness().feed("POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 5\r\n\r\nhello");
    assertThat(h.events)
        .containsExactly("POST /a HTTP/1.1 | Host: h | content-length: 5 | length 5", "body hello");
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  @Example
  void chunkedBody_dechunkedWithExtensionsAndTrailersDropped() {
    Harness h =
        new Harness()
            .feed(
                "POST /c HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
                    + "5;name=value\r\nhello\r\n1\r\n \r\n5\r\nworld\r\n0\r\nX-Sum: 1\r\n\r\n");
    assertThat(h.events)
        .containsExactly(
            "POST /c HTTP/1.1 | Host: h | Transfer-Encoding: gzip, chunked | length -1",
            "body hello world");
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  @Example
  void emptyChunkedBody_endOnly() {
    Harness h =
        new Harness()
            .feed("POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n");
    assertThat(h.events).last().isEqualTo("body ");
  }

  @Example
  void targetsAndFlags_normalised() {
    Harness h =
        new Harness()
            .feed("\r\n\r\nGET http://example.com/x?y HTTP/1.1\r\nHost: example.com\r\n\r\n")
            .feed("OPTIONS * HTTP/1.1\r\nHost: h\r\n\r\n")
            .feed("GET HTTPS://example.com?q HTTP/1.0\r\n\r\n")
            .feed(
                "PUT /p HTTP/1.1\r\nHost: h\r\nExpect: 100-continue\r\nContent-Length: 1\r\n"
                    + "Content-Length: 1\r\n\r\nx")
            .feed("GET /g HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(h.events)
        .containsExactly(
            "GET /x?y HTTP/1.1 | Host: example.com | length 0",
            "OPTIONS * HTTP/1.1 | Host: h | length 0",
            "GET /?q HTTP/1.0 | length 0",
            "PUT /p HTTP/1.1 | Host: h | content-length: 1 | length 1 close-after expect-continue",
            "body x",
            "GET /g HTTP/1.1 | Host: h | content-length: 2 | length 2 close-after",
            "body hi");
  }

  @Example
  void obsTextInValuesExtensionsAndTrailers_accepted() {
    String obs = "caf\u00e9 \u0080\u00ff";
    Harness h =
        new Harness()
            .feed(
                "POST / HTTP/1.1\r\nHost: h\r\nX-A: "
                    + obs
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n2;n="
                    + obs
                    + "\r\nok\r\n0\r\nX-T: "
                    + obs
                    + "\r\n\r\n");
    assertThat(h.events).hasSize(2);
    assertThat(h.events.get(0)).contains("X-A: " + obs);
    assertThat(h.events.get(1)).isEqualTo("body ok");
  }

  // ------------------------------------------------------------------ flow and pipelining

  @Example
  void body_heldBackUntilFlowing_endIncluded() {
    Harness h = new Harness();
    h.flowAtOnce = false;
    h.feed("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nok");
    assertThat(h.events).hasSize(1);
    assertThat(h.decoder.flowing()).isFalse();
    assertThat(h.channel.config().isAutoRead()).as("bytes wait: stop reading").isFalse();
    h.decoder.setFlowing(true);
    h.settle();
    assertThat(h.events).last().isEqualTo("body ok");
    assertThat(h.channel.config().isAutoRead()).isTrue();
  }

  @Example
  void pipelinedRequests_oneAtATimeUntilResumed() {
    Harness h = new Harness();
    h.resumeAtEnd = false;
    h.feed(
        "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nPOST /2 HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\n\r\n"
            + "xGET /3 HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(h.events).hasSize(1);
    assertThat(h.channel.config().isAutoRead()).as("a request waits: stop reading").isFalse();
    h.decoder.resume();
    assertThat(h.events).hasSize(3).last().isEqualTo("body x");
    h.decoder.resume();
    assertThat(h.events).hasSize(4);
    assertThat(h.events.get(3)).startsWith("GET /3 ");
    h.decoder.resume();
    assertThat(h.channel.config().isAutoRead()).isTrue();
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  @Example
  void partialHead_reportedUntilTheHeadIsWhole() {
    Harness h = new Harness();
    h.feed("GET / HTTP/1.1\r\nHo");
    assertThat(h.decoder.partialHead()).isTrue();
    assertThat(h.events).isEmpty();
    h.feed("st: h\r\n\r\n");
    assertThat(h.decoder.partialHead()).isFalse();
    assertThat(h.events).hasSize(1);
  }

  @Example
  void takeRemaining_bytesAfterTheHead() {
    Harness h = new Harness();
    h.resumeAtEnd = false;
    h.feed("GET /ws HTTP/1.1\r\nHost: h\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\nframe");
    ByteBuf rest = h.decoder.takeRemaining();
    assertThat(rest.toString(ISO_8859_1)).isEqualTo("frame");
    rest.release();
    h.feed("more");
    assertThat(h.events).hasSize(1);
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  // ------------------------------------------------------------------ limits and errors

  @Example
  void limits_431And413() {
    assertThat(errorOf("GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(MAX_HEAD) + "\r\n\r\n"))
        .startsWith("error 431: request head larger than");
    assertThat(errorOf("GET / HTTP/1.1\r\nHost: h\r\nX: " + "a".repeat(MAX_HEAD)))
        .as("incomplete head already over the limit")
        .startsWith("error 431: request head larger than");
    assertThat(errorOf("GET / HTTP/1.1\r\n" + "X: y\r\n".repeat(MAX_FIELDS + 1) + "\r\n"))
        .isEqualTo("error 431: more than " + MAX_FIELDS + " header fields");
    assertThat(
            errorOf("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: " + (MAX_BODY + 1) + "\r\n\r\n"))
        .isEqualTo("error 413: request body larger than " + MAX_BODY + " bytes");
    String chunked = "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n";
    assertThat(errorOf(chunked + "40\r\n" + "a".repeat(64) + "\r\n40\r\n"))
        .isEqualTo("error 413: request body larger than " + MAX_BODY + " bytes");
    assertThat(errorOf(chunked + "0\r\nX: " + "a".repeat(MAX_HEAD) + "\r\n\r\n"))
        .startsWith("error 431: trailer section larger than");
    assertThat(errorOf(chunked + "0\r\n" + "X: y\r\n".repeat(MAX_FIELDS + 1) + "\r\n"))
        .startsWith("error 431: trailer section with more than");
  }

  @Example
  void headAtTheLimits_accepted() {
    String head = "GET / HTTP/1.1\r\nHost: h\r\n" + "X: y\r\n".repeat(MAX_FIELDS - 2);
    String pad = "Z: " + "a".repeat(MAX_HEAD - head.length() - 7) + "\r\n\r\n";
    assertThat(new Harness().feed(head + pad).events)
        .singleElement()
        .asString()
        .startsWith("GET / ");
  }

  @Provide
  Arbitrary<String> malformed() {
    String h = "Host: h\r\n";
    String chunked = "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked\r\n\r\n";
    return Arbitraries.of(
        "POST / HTTP/1.1\r\n" + h + "Content-Length: 3,3\r\n\r\nabc",
        "POST / HTTP/1.1\r\n" + h + "Content-Length: 3\r\nContent-Length: 4\r\n\r\nabcd",
        "POST / HTTP/1.1\r\n" + h + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n",
        "POST / HTTP/1.1\r\n" + h + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
        "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
        "GET / HTTP/1.1\r\n" + h + "X-A: a\r\n  folded\r\n\r\n",
        "GET / HTTP/1.1\n" + h + "\r\n",
        "GET / HTTP/1.1\r\nHost: h\rX: y\r\n\r\n",
        "GET / HTTP/1.1\r\n" + h + "X Y: z\r\n\r\n",
        "GET /a\tb HTTP/1.1\r\n" + h + "\r\n",
        "GET / HTTP/1.2\r\n" + h + "\r\n",
        "GET / HTTP/1.1\r\n\r\n",
        chunked + "zz\r\n",
        chunked + "2\r\nabc\r\n",
        chunked + "3\nabc\r\n",
        chunked + "3\r\nabc\n0\r\n\r\n",
        chunked + "0\r\nX Y: z\r\n\r\n",
        chunked + "0\r\nX: y\n\r\n");
  }

  @Property(tries = 60)
  void malformedRequest_oneErrorWhateverTheSplit_thenNothing(
      @ForAll("malformed") String request,
      @ForAll @Size(max = 6) List<@IntRange(max = 120) Integer> cuts) {
    Harness h = new Harness();
    byte[] wire = (request + "GET /next HTTP/1.1\r\nHost: h\r\n\r\n").getBytes(ISO_8859_1);
    h.feed(wire, cuts);
    List<String> errors = h.events.stream().filter(e -> e.startsWith("error ")).toList();
    assertThat(errors).hasSize(1);
    assertThat(h.events).last().asString().startsWith("error 400: ");
    assertThat(h.events).noneMatch(e -> e.startsWith("GET /next"));
    assertThat(h.channel.config().isAutoRead()).as("stops reading").isFalse();
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  private static String errorOf(String request) {
    List<String> events = new Harness().feed(request).events;
    return events.get(events.size() - 1);
  }

  // ------------------------------------------------------------------ any split

  /** Pipelined requests as sent, and the events the decoder must report for them. */
  record Pipeline(String wire, List<String> events) {}

  @Provide
  Arbitrary<Pipeline> pipelines() {
    Arbitrary<String> bodies = Arbitraries.strings().ascii().ofMaxLength(60);
    Arbitrary<List<Integer>> chunkSizes =
        Arbitraries.integers().between(1, 25).list().ofMinSize(1).ofMaxSize(6);
    Arbitrary<Integer> kinds = Arbitraries.integers().between(0, 2);
    Arbitrary<Pipeline> one =
        Combinators.combine(kinds, bodies, chunkSizes, Arbitraries.of(true, false))
            .as(StrictRequestDecoderTest::request);
    return one.list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .map(
            list -> {
              StringBuilder wire = new StringBuilder();
              List<String> events = new ArrayList<>();
              for (Pipeline p : list) {
                wire.append(p.wire());
                events.addAll(p.events());
              }
              return new Pipeline(wire.toString(), events);
            });
  }

  private static Pipeline request(int kind, String body, List<Integer> sizes, boolean extras) {
    String fields = "Host: h\r\n" + (extras ? "X-Tab:\t a b \t\r\nAccept: */*\r\n" : "");
    String seen = " | Host: h" + (extras ? " | X-Tab: a b | Accept: */*" : "");
    return switch (kind) {
      case 0 ->
          new Pipeline(
              (extras ? "\r\n" : "") + "GET /g HTTP/1.1\r\n" + fields + "\r\n",
              List.of("GET /g HTTP/1.1" + seen + " | length 0"));
      case 1 ->
          new Pipeline(
              "PUT /l HTTP/1.1\r\n"
                  + fields
                  + "Content-Length: "
                  + body.length()
                  + "\r\n\r\n"
                  + body,
              body.isEmpty()
                  ? List.of("PUT /l HTTP/1.1" + seen + " | content-length: 0 | length 0")
                  : List.of(
                      "PUT /l HTTP/1.1"
                          + seen
                          + " | content-length: "
                          + body.length()
                          + " | length "
                          + body.length(),
                      "body " + body));
      default -> {
        StringBuilder chunks = new StringBuilder();
        int at = 0;
        for (int size : sizes) {
          int n = Math.min(size, body.length() - at);
          if (n <= 0) {
            break;
          }
          chunks.append(Integer.toHexString(n)).append(size % 3 == 0 ? ";ext=\"v\"" : "");
          chunks.append("\r\n").append(body, at, at + n).append("\r\n");
          at += n;
        }
        String trailer = extras ? "X-Trailer: t\r\n" : "";
        yield new Pipeline(
            "POST /c HTTP/1.1\r\n"
                + fields
                + "Transfer-Encoding: chunked\r\n\r\n"
                + chunks
                + "0\r\n"
                + trailer
                + "\r\n",
            List.of(
                "POST /c HTTP/1.1" + seen + " | Transfer-Encoding: chunked | length -1",
                "body " + body.substring(0, at)));
      }
    };
  }

  @Property(tries = 200)
  void pipelinedRequests_anySplit_sameEvents(
      @ForAll("pipelines") Pipeline p,
      @ForAll @Size(max = 10) List<@IntRange(max = 400) Integer> cuts) {
    Harness h = new Harness().feed(p.wire().getBytes(ISO_8859_1), cuts);
    assertThat(h.events).containsExactlyElementsOf(p.events());
    assertThat(h.decoder.partialHead()).isFalse();
    assertThat(h.closeAndAllReleased()).isTrue();
  }

  @Property(tries = 40)
  void pipelinedRequests_byteByByte_sameEvents(@ForAll("pipelines") Pipeline p) {
    Harness h = new Harness();
    for (byte b : p.wire().getBytes(ISO_8859_1)) {
      h.feed(new byte[] {b});
    }
    assertThat(h.events).containsExactlyElementsOf(p.events());
    assertThat(h.closeAndAllReleased()).isTrue();
  }
}
