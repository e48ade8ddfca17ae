package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.proxy.tls.TlsFiles;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLSocket;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TLS keeps streaming, back-pressure and protocol upgrades working. */
@SuppressWarnings("FutureReturnValueIgnored")
class TlsStreamingTest {
  private final EventLoopGroup group = Transport.best().newGroup(1);

  @AfterEach
  void stop() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private Channel serve(Supplier<List<ChannelHandler>> handlers) {
    return new ServerBootstrap()
        .group(group)
        .channel(Transport.best().serverChannel())
        .childHandler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                handlers.get().forEach(h -> ch.pipeline().addLast(h));
              }
            })
        .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .syncUninterruptibly()
        .channel();
  }

  private static ProxyServer proxyTo(Channel backend) {
    int port = ((InetSocketAddress) backend.localAddress()).getPort();
    return ProxyServer.start(
        TlsFiles.chain(Fixtures.builder(List.of(new BackendAddress("127.0.0.1", port, 1)))).build(),
        ProxyLog.none());
  }

  private static SSLSocket connect(ProxyServer proxy) throws Exception {
    SSLSocket s =
        (SSLSocket)
            TlsFiles.trusting("root-ca.pem")
                .getSocketFactory()
                .createSocket("127.0.0.1", proxy.address().getPort());
    s.setSoTimeout(10_000);
    s.startHandshake();
    return s;
  }

  private static long usedDirect() {
    return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider p
        ? p.metric().usedDirectMemory()
        : 0;
  }

  /**
   * A raw HTTP backend: once a request head has arrived, answers 200 with {@code size} zero bytes,
   * written in 64 KiB blocks only while its connection is writable, counting what it wrote.
   */
  private static final class Streamer extends ChannelInboundHandlerAdapter {
    private static final ByteBuf BLOCK =
        Unpooled.unreleasableBuffer(Unpooled.directBuffer(1 << 16).writeZero(1 << 16));
    private final long size;
    private final AtomicLong produced;
    private final StringBuilder head = new StringBuilder();
    private long left = -1;
    // Since when the backend has been waiting for its connection to drain (0: it is not).
    final AtomicLong blockedSince = new AtomicLong();

    Streamer(long size, AtomicLong produced) {
      this.size = size;
      this.produced = produced;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      head.append(in.toString(US_ASCII));
      in.release();
      if (left < 0 && head.indexOf("\r\n\r\n") >= 0) {
        left = size;
        ctx.write(
            Unpooled.copiedBuffer(
                "HTTP/1.1 200 OK\r\nContent-Length: " + size + "\r\n\r\n", US_ASCII));
        pump(ctx);
      }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
      pump(ctx);
    }

    private void pump(ChannelHandlerContext ctx) {
      while (left > 0 && ctx.channel().isWritable()) {
        int n = (int) Math.min(BLOCK.capacity(), left);
        ctx.write(BLOCK.retainedSlice(0, n));
        left -= n;
        produced.addAndGet(n);
      }
      ctx.flush();
      if (left > 0 && !ctx.channel().isWritable()) {
        blockedSince.compareAndSet(0, System.nanoTime());
      } else {
        blockedSince.set(0);
      }
    }
  }

  @Test
  void download_clientNotReading_proxyHoldsBackendBack_thenAllDelivered() throws Exception {
    long size = 64L << 20;
    AtomicLong produced = new AtomicLong();
    Streamer streamer = new Streamer(size, produced);
    Channel backend = serve(() -> List.of(streamer));
    try (ProxyServer proxy = proxyTo(backend);
        SSLSocket s =
            (SSLSocket) TlsFiles.trusting("root-ca.pem").getSocketFactory().createSocket()) {
      // A small receive window: what the client does not read stays in the proxy or before it.
      s.setReceiveBufferSize(1 << 16);
      s.setSoTimeout(10_000);
      s.connect(proxy.address(), 5000);
      s.startHandshake();
      long baseline = usedDirect();
      OutputStream out = s.getOutputStream();
      out.write("GET /big HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(US_ASCII));
      out.flush();
      // The client reads nothing: the proxy must stop reading from the backend (which then waits
      // for good) instead of encrypting and queueing the whole response in memory.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .until(
              () -> {
                long since = streamer.blockedSince.get();
                return since != 0 && System.nanoTime() - since > 3_000_000_000L;
              });
      assertThat(produced.get()).isLessThan(size);
      assertThat(usedDirect() - baseline).as("proxy memory held").isLessThan(16L << 20);
      InputStream in = s.getInputStream();
      StringBuilder head = new StringBuilder();
      while (!head.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        assertThat(c).as("response head byte").isNotNegative();
        head.append((char) c);
      }
      assertThat(head.toString())
          .startsWith("HTTP/1.1 200 ")
          .containsIgnoringCase("content-length: " + size);
      long got = 0;
      byte[] buf = new byte[1 << 16];
      while (got < size) {
        int n = in.read(buf);
        assertThat(n).isPositive();
        got += n;
      }
      assertThat(got).isEqualTo(size);
    } finally {
      backend.close().syncUninterruptibly();
    }
  }

  @Test
  void upload_largeBodyOverTls_flatMemory_connectionReusable() throws Exception {
    long size = 64L << 20;
    byte[] block = new byte[1 << 16];
    try (TestBackend sink = Fixtures.backend("sink");
        ProxyServer proxy =
            ProxyServer.start(
                TlsFiles.chain(Fixtures.builder(List.of(Fixtures.addr(sink)))).build(),
                ProxyLog.none());
        SSLSocket s = connect(proxy)) {
      long baseline = usedDirect();
      long peak = 0;
      OutputStream out = s.getOutputStream();
      out.write(
          ("PUT /big HTTP/1.1\r\nHost: h\r\nContent-Length: " + size + "\r\n\r\n")
              .getBytes(US_ASCII));
      for (long sent = 0; sent < size; sent += block.length) {
        out.write(block);
        if ((sent & ((1 << 22) - 1)) == 0) {
          peak = Math.max(peak, usedDirect() - baseline);
        }
      }
      out.write("GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n".getBytes(US_ASCII));
      out.flush();
      String answers = new String(s.getInputStream().readAllBytes(), US_ASCII);
      assertThat(answers.split("HTTP/1.1 200 ", -1)).hasSize(3);
      assertThat(peak).as("direct memory growth while streaming").isLessThan(32L << 20);
    }
  }

  @Test
  void wss_throughTlsProxy_toPlainWebSocketBackend() throws Exception {
    Channel backend =
        serve(
            () ->
                List.of(
                    new HttpServerCodec(),
                    new HttpObjectAggregator(65536),
                    new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20),
                    new WebSocketFrameAggregator(1 << 20),
                    new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                      @Override
                      protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame f) {
                        ctx.writeAndFlush(new TextWebSocketFrame("echo: " + f.text()));
                      }
                    }));
    LinkedBlockingQueue<String> received = new LinkedBlockingQueue<>();
    CompletableFuture<Integer> closed = new CompletableFuture<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            received.add(data.toString());
            ws.request(1);
            return CompletableFuture.completedFuture(data);
          }

          @Override
          public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closed.complete(statusCode);
            return CompletableFuture.completedFuture(reason);
          }
        };
    HttpClient client =
        HttpClient.newBuilder().sslContext(TlsFiles.trusting("root-ca.pem")).build();
    try (ProxyServer proxy = proxyTo(backend)) {
      URI uri = URI.create("wss://127.0.0.1:" + proxy.address().getPort() + "/ws");
      WebSocket ws =
          client.newWebSocketBuilder().buildAsync(uri, listener).get(5, TimeUnit.SECONDS);
      ws.sendText("hello", true).get(5, TimeUnit.SECONDS);
      assertThat(received.poll(5, TimeUnit.SECONDS)).isEqualTo("echo: hello");
      ws.sendText("x".repeat(200_000), true).get(5, TimeUnit.SECONDS);
      StringBuilder big = new StringBuilder();
      while (big.length() < 200_006) {
        String part = received.poll(5, TimeUnit.SECONDS);
        assertThat(part).isNotNull();
        big.append(part);
      }
      assertThat(big.toString()).isEqualTo("echo: " + "x".repeat(200_000));
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(5, TimeUnit.SECONDS);
      assertThat(closed.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
      assertThat(proxy.stats().get(0).requests()).isEqualTo(1);
    } finally {
      client.shutdownNow();
      backend.close().syncUninterruptibly();
    }
  }
}
