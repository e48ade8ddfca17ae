package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** WebSocket pass-through: a real handshake through the proxy to a Netty WebSocket echo server. */
@SuppressWarnings("FutureReturnValueIgnored")
class WebSocketTest {
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel echo;
  private final ProxyServer proxy;

  WebSocketTest() {
    echo =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(65536))
                        .addLast(new WebSocketServerProtocolHandler("/ws", null, false, 1 << 20))
                        .addLast(new WebSocketFrameAggregator(1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<TextWebSocketFrame>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, TextWebSocketFrame frame) {
                                ctx.writeAndFlush(new TextWebSocketFrame("echo: " + frame.text()));
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly()
            .channel();
    int port = ((InetSocketAddress) echo.localAddress()).getPort();
    proxy =
        ProxyServer.start(
            ProxyConfig.builder()
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .backends(List.of(new BackendAddress("127.0.0.1", port, 1)))
                .threads(1)
                .build(),
            ProxyLog.none());
  }

  @AfterEach
  void stop() {
    proxy.close();
    echo.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void upgrade_webSocketHandshake_framesRelayedBothWaysThenClosed() throws Exception {
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
    HttpClient client = HttpClient.newHttpClient();
    try {
      URI uri = URI.create("ws://127.0.0.1:" + proxy.address().getPort() + "/ws");
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
    } finally {
      client.shutdownNow();
    }
    assertThat(proxy.stats().get(0).requests()).isEqualTo(1);
  }
}
