package dev.alo.bench;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.alo.proxy.http1.Forwarding;
import dev.alo.proxy.http1.ParsedRequest;
import dev.alo.proxy.http1.ResponseParser;
import dev.alo.proxy.http1.ResponseReader;
import dev.alo.proxy.http1.StrictRequestDecoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The proxy's HTTP/1 hot paths, nanoseconds per message (bytes per message with {@code -prof gc}):
 *
 * <ul>
 *   <li>{@code decodeRequest}: the strict request decoder in a Netty pipeline, as the proxy runs
 *       it, from the bytes of one request to its {@link ParsedRequest} (and the body's contents);
 *   <li>{@code parseResponse}: the backend response parser on one response, with the head copied as
 *       the proxy copies it to the client (status and end-to-end fields) and the body sliced;
 *   <li>{@code forwardHead}: the request head written for the backend (hop-by-hop fields dropped,
 *       X-Forwarded-*, Forwarded and Via added);
 *   <li>{@code readResponse}: the load generator's response reader finding where a response ends.
 * </ul>
 *
 * <p>Requests: {@code wrk} (what {@code bench/proxy-vs-haproxy.sh} sends), {@code browser} (a page
 * request with a dozen fields), {@code chunked} (a POST with a two-chunk body). Responses: {@code
 * nginx} (the backends of that benchmark: six fields and a 14-byte body), {@code chunked} (two
 * chunks). Input buffers are direct, as socket reads are; leak detection is off, as in the proxy.
 * The fork's 1 GiB heap is fixed and touched up front, so heap growth does not show up as time.
 * {@code bench/proxy-http1.sh} runs it and prints a table.
 */
// Messages are byte-exact (CRLF line ends): concatenated strings, not text blocks.
@SuppressWarnings("StringConcatToTextBlock")
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-XX:+UseParallelGC",
      "-Xms1g",
      "-Xmx1g",
      "-XX:+AlwaysPreTouch",
      "-Dio.netty.leakDetection.level=disabled"
    })
public class ProxyHttp1Benchmark {

  static final Map<String, String> REQUESTS =
      Map.of(
          "wrk",
          "GET / HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n\r\n",
          "browser",
          "GET /products/list?page=2&sort=price HTTP/1.1\r\n"
              + "Host: shop.example.com\r\n"
              + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101"
              + " Firefox/128.0\r\n"
              + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
              + "Accept-Language: en-US,en;q=0.5\r\n"
              + "Accept-Encoding: gzip, deflate, br\r\n"
              + "Referer: https://shop.example.com/products/list?page=1\r\n"
              + "Cookie: session=3f2a9c1e7b; theme=dark\r\n"
              + "Connection: keep-alive\r\n"
              + "Upgrade-Insecure-Requests: 1\r\n"
              + "Sec-Fetch-Dest: document\r\n"
              + "Sec-Fetch-Mode: navigate\r\n"
              + "\r\n",
          "chunked",
          "POST /upload HTTP/1.1\r\nHost: api.example.com\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\n\r\n"
              + "10\r\n{\"items\":[1,2,3]\r\n1\r\n}\r\n0\r\n\r\n");

  static final Map<String, String> RESPONSES =
      Map.of(
          "nginx",
          "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Sat, 28 Nov 2026 10:00:00 GMT\r\n"
              + "Content-Type: application/octet-stream\r\nContent-Length: 14\r\n"
              + "Connection: keep-alive\r\n\r\nhello from b1\n",
          "chunked",
          "HTTP/1.1 200 OK\r\nServer: app\r\nContent-Type: application/json\r\n"
              + "Transfer-Encoding: chunked\r\nVary: Accept-Encoding\r\n\r\n"
              + "10\r\n{\"items\":[1,2,3]\r\n1\r\n}\r\n0\r\n\r\n");

  /** The named message's bytes in a direct buffer. */
  private static ByteBuf direct(Map<String, String> messages, String name) {
    String text = messages.get(name);
    if (text == null) {
      throw new IllegalArgumentException(
          "message: " + name + " (expected: " + messages.keySet() + ")");
    }
    byte[] bytes = text.getBytes(ISO_8859_1);
    return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
  }

  /** A decoder in a pipeline, followed by a handler that lets bodies flow and keeps the head. */
  @State(Scope.Thread)
  public static class Decoding {
    @Param({"wrk", "browser", "chunked"})
    public String request = "wrk";

    final StrictRequestDecoder decoder = new StrictRequestDecoder(16 * 1024, 100, Long.MAX_VALUE);
    final Sink sink = new Sink(decoder);
    final EmbeddedChannel channel = new EmbeddedChannel(decoder, sink);
    ByteBuf wire = Unpooled.EMPTY_BUFFER;

    @Setup
    public void setUp() {
      wire = direct(REQUESTS, request);
    }

    @TearDown
    public void tearDown() {
      channel.finishAndReleaseAll();
      wire.release();
    }
  }

  /** Keeps the last request head, lets its body flow and releases the contents. */
  static final class Sink extends ChannelInboundHandlerAdapter {
    private final StrictRequestDecoder decoder;
    Object last = "";

    Sink(StrictRequestDecoder decoder) {
      this.decoder = decoder;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ParsedRequest pr) {
        last = pr;
        if (pr.hasBody()) {
          decoder.setFlowing(true);
        }
      } else {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  @Benchmark
  public Object decodeRequest(Decoding d) {
    d.channel.pipeline().fireChannelRead(d.wire.retainedDuplicate());
    d.decoder.resume();
    return d.sink.last;
  }

  /** A response parser whose listener copies the head into one buffer, as the proxy does. */
  @State(Scope.Thread)
  public static class Responses {
    @Param({"nginx", "chunked"})
    public String response = "nginx";

    final HeadCopier copier = new HeadCopier();
    final ResponseParser parser = new ResponseParser(copier);
    ByteBuf wire = Unpooled.EMPTY_BUFFER;

    @Setup
    public void setUp() {
      wire = direct(RESPONSES, response);
    }

    @TearDown
    public void tearDown() {
      parser.stop();
      wire.release();
      copier.out.release();
    }
  }

  /** Copies the status and the end-to-end fields, as the proxy does for its client. */
  static final class HeadCopier implements ResponseParser.Listener {
    final ByteBuf out = Unpooled.directBuffer(4096);
    long ended;

    @Override
    public void onHead(ResponseParser head) {
      out.clear();
      head.writeStatus(out);
      head.writeHeaders(out, false);
    }

    @Override
    public void onBody(ByteBuf data) {
      data.release();
    }

    @Override
    public void onEnd(ResponseParser response) {
      ended++;
    }

    @Override
    public void onError(String reason) {
      throw new IllegalStateException(reason);
    }
  }

  @Benchmark
  public long parseResponse(Responses r) {
    r.parser.expect(false);
    r.parser.feed(r.wire.retainedDuplicate());
    return r.copier.ended + r.copier.out.writerIndex();
  }

  /** A parsed request and the buffer its forwarded head is written to. */
  @State(Scope.Thread)
  public static class Heads {
    @Param({"wrk", "browser", "chunked"})
    public String request = "wrk";

    ParsedRequest parsed = parse("wrk");
    final ByteBuf out = Unpooled.directBuffer(8192);

    @Setup
    public void setUp() {
      parsed = parse(request);
    }

    private static ParsedRequest parse(String name) {
      EmbeddedChannel ch = new EmbeddedChannel(new StrictRequestDecoder(16 * 1024, 100, 1 << 20));
      ch.writeInbound(direct(REQUESTS, name));
      ParsedRequest pr = ch.readInbound();
      ch.finishAndReleaseAll();
      return pr;
    }

    @TearDown
    public void tearDown() {
      out.release();
    }
  }

  @Benchmark
  public int forwardHead(Heads h) {
    h.out.clear();
    Forwarding.writeBackendHead(h.parsed, "192.0.2.10", false, false, h.out);
    return h.out.writerIndex();
  }

  /** The load generator's reader and one response to read again and again. */
  @State(Scope.Thread)
  public static class Reading {
    @Param({"nginx", "chunked"})
    public String response = "nginx";

    final ResponseReader reader = new ResponseReader();
    ByteBuf wire = Unpooled.EMPTY_BUFFER;

    @Setup
    public void setUp() {
      wire = direct(RESPONSES, response);
    }

    @TearDown
    public void tearDown() {
      wire.release();
    }
  }

  @Benchmark
  public int readResponse(Reading r) throws ResponseReader.MalformedException {
    r.wire.readerIndex(0);
    return r.reader.read(r.wire);
  }
}
