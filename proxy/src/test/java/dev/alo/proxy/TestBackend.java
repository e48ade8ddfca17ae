package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Test backend that answers every request as soon as its head has arrived (a body is read and
 * dropped): 200 with body {@code served by NAME}, or, when failing, 500 with body {@code injected
 * error from NAME}; either way with header {@code x-served-by: NAME}, optionally after a delay (the
 * event loop is not blocked meanwhile). Closing it closes the listener and every connection at
 * once, like a process that dies.
 */
@SuppressWarnings("FutureReturnValueIgnored")
public final class TestBackend implements AutoCloseable {
  private final String name;
  private final Duration delay;
  private final boolean failing;
  private final LongAdder served = new LongAdder();
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel server;

  private TestBackend(InetSocketAddress listen, String name, Duration delay, boolean failing) {
    this.name = name;
    this.delay = delay;
    this.failing = failing;
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannel())
            // A backend restarted on its old port binds at once, as after a crash.
            .option(ChannelOption.SO_REUSEADDR, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ch.pipeline().addLast(new HttpServerCodec()).addLast(new Answer());
                  }
                })
            .bind(listen)
            .syncUninterruptibly()
            .channel();
  }

  /** Answers 200 at once, on a free loopback port. */
  public static TestBackend start(String name) {
    return on(Fixtures.anyPort(), name);
  }

  /** Answers 200 at once, on {@code listen}. */
  static TestBackend on(InetSocketAddress listen, String name) {
    return new TestBackend(listen, name, Duration.ZERO, false);
  }

  /** Answers 200 after {@code delay}. */
  static TestBackend delayed(String name, Duration delay) {
    return new TestBackend(Fixtures.anyPort(), name, delay, false);
  }

  /** Answers every request 500 at once. */
  static TestBackend failing(String name) {
    return new TestBackend(Fixtures.anyPort(), name, Duration.ZERO, true);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Responses written so far (not counting 400s to requests that did not parse). */
  public long served() {
    return served.sum();
  }

  /** Closes it now and returns it: an address where connections are refused. */
  public TestBackend closed() {
    close();
    return this;
  }

  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    server.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Answer extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest req) {
          answer(ctx, req);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, HttpRequest req) {
      if (req.decoderResult().isFailure()) {
        FullHttpResponse bad = response(HttpResponseStatus.BAD_REQUEST, "bad request\n");
        bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      FullHttpResponse resp =
          failing
              ? response(
                  HttpResponseStatus.INTERNAL_SERVER_ERROR, "injected error from " + name + "\n")
              : response(HttpResponseStatus.OK, "served by " + name + "\n");
      resp.headers().set("x-served-by", name);
      if (!keepAlive) {
        resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      }
      Runnable send =
          () -> {
            served.increment();
            if (keepAlive) {
              ctx.writeAndFlush(resp);
            } else {
              ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
            }
          };
      if (delay.isZero()) {
        send.run();
      } else {
        ctx.executor().schedule(send, delay.toNanos(), TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static FullHttpResponse response(HttpResponseStatus status, String body) {
    byte[] bytes = body.getBytes(UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return r;
  }
}
