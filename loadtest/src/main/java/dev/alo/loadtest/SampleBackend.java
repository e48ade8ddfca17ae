package dev.alo.loadtest;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.proxy.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.DecoderResult;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * A small HTTP server for demos, tests and benchmarks: answers 200 to any method and path as soon
 * as the request head has arrived (any body is discarded), saying which instance served it.
 * Latency, CPU work and injected 500s are opt-in.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class SampleBackend implements AutoCloseable {
  private final Settings settings;
  private final EventLoopGroup group;
  private final Channel server;
  private final LongAdder served = new LongAdder();
  private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  /**
   * How the backend behaves.
   *
   * @param listen address to bind (port 0 picks a free one)
   * @param name the name in responses
   * @param latency delay before answering (not blocking a thread)
   * @param cpuWork busy CPU time spent per request, on the event loop
   * @param errorRate share of requests answered 500, in [0, 1]
   * @param threads event-loop threads
   * @param seed seed of the error injection
   */
  public record Settings(
      InetSocketAddress listen,
      String name,
      Duration latency,
      Duration cpuWork,
      double errorRate,
      int threads,
      long seed) {
    /** Validates the settings. */
    public Settings {
      if (errorRate < 0 || errorRate > 1) {
        throw new IllegalArgumentException("error rate " + errorRate + " (expected 0..1)");
      }
      if (latency.isNegative() || cpuWork.isNegative()) {
        throw new IllegalArgumentException("latency and CPU work must not be negative");
      }
    }

    /** Answers at once, no errors, one thread. */
    public static Settings plain(InetSocketAddress listen, String name) {
      return new Settings(listen, name, Duration.ZERO, Duration.ZERO, 0, 1, 1);
    }
  }

  private SampleBackend(Settings settings) {
    this.settings = settings;
    Transport transport = Transport.best();
    this.group = transport.newGroup(settings.threads());
    ServerBootstrap sb =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.add(ch);
                    ch.pipeline().addLast(new HttpServerCodec()).addLast(new Handler());
                  }
                });
    // A failed bind fails the future with an IOException; the group goes before it is rethrown,
    // and the CLI (Addresses.listen) turns it into one line naming the address.
    ChannelFuture bound = sb.bind(settings.listen()).awaitUninterruptibly();
    if (!bound.isSuccess()) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      Throwable cause = bound.cause();
      throw cause instanceof java.io.IOException io
          ? new java.io.UncheckedIOException(io)
          : new IllegalStateException(cause);
    }
    this.server = bound.channel();
  }

  /** Starts a backend; the port is bound when this returns. */
  public static SampleBackend start(Settings settings) {
    return new SampleBackend(settings);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  /** Requests answered so far. */
  public long served() {
    return served.sum();
  }

  @Override
  public void close() {
    if (group.isShuttingDown()) {
      return;
    }
    // Like a process that dies: the listener and every connection close at once.
    server.close().syncUninterruptibly();
    connections.close().awaitUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends ChannelInboundHandlerAdapter {
    private final SplittableRandom random = new SplittableRandom(settings.seed());

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest req) {
          respond(ctx, req);
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void respond(ChannelHandlerContext ctx, HttpRequest req) {
      DecoderResult result = req.decoderResult();
      if (result.isFailure()) {
        FullHttpResponse bad =
            text(HttpResponseStatus.BAD_REQUEST, "bad request: " + result.cause() + "\n");
        bad.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(bad).addListener(ChannelFutureListener.CLOSE);
        return;
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      boolean error = settings.errorRate() > 0 && random.nextDouble() < settings.errorRate();
      long spin = settings.cpuWork().toNanos();
      if (spin > 0) {
        long until = System.nanoTime() + spin;
        while (System.nanoTime() - until < 0) {
          Thread.onSpinWait();
        }
      }
      FullHttpResponse resp =
          error
              ? text(
                  HttpResponseStatus.INTERNAL_SERVER_ERROR,
                  "injected error from " + settings.name() + "\n")
              : text(HttpResponseStatus.OK, "served by " + settings.name() + "\n");
      resp.headers().set("x-served-by", settings.name());
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
      long delay = settings.latency().toNanos();
      if (delay > 0) {
        ctx.executor().schedule(send, delay, TimeUnit.NANOSECONDS);
      } else {
        send.run();
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body) {
    byte[] bytes = body.getBytes(UTF_8);
    FullHttpResponse resp =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
    return resp;
  }
}
