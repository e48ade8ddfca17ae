package dev.alo.proxy.upstream;

import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Active health checks, HAProxy style: every interval each backend gets {@code GET path}; a status
 * below 500 within the timeout is a success. A backend goes down after {@code fall} failures in a
 * row and comes back after {@code rise} successes in a row. Runs on one event loop.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class HealthChecker {
  private final ProxyConfig.HealthCheck config;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final ProxyLog log;
  private final Supplier<List<BackendState>> members;
  private final Set<BackendState> running = ConcurrentHashMap.newKeySet();
  private @Nullable ScheduledFuture<?> task;

  public HealthChecker(
      ProxyConfig.HealthCheck config,
      EventLoop loop,
      Transport transport,
      ProxyLog log,
      Supplier<List<BackendState>> members) {
    this.config = config;
    this.loop = loop;
    this.log = log;
    this.members = members;
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.socketChannel())
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, config.timeout().toMillis())));
  }

  public void start() {
    if (!config.enabled()) {
      return;
    }
    long every = config.interval().toNanos();
    task = loop.scheduleAtFixedRate(this::checkAll, every, every, TimeUnit.NANOSECONDS);
  }

  public void stop() {
    ScheduledFuture<?> t = task;
    if (t != null) {
      t.cancel(false);
    }
  }

  private void checkAll() {
    for (BackendState b : members.get()) {
      if (!b.removed() && running.add(b)) {
        check(b);
      }
    }
  }

  private void check(BackendState b) {
    Check c = new Check(b);
    bootstrap
        .clone()
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec()).addLast(c);
              }
            })
        .connect(b.address().host(), b.address().port())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (!f.isSuccess()) {
                    c.done(false, "connect failed: " + f.cause().getMessage());
                  } else {
                    c.channel = f.channel();
                  }
                });
    c.timer =
        loop.schedule(
            () -> c.done(false, "no response within " + config.timeout().toMillis() + " ms"),
            config.timeout().toNanos(),
            TimeUnit.NANOSECONDS);
  }

  private final class Check extends ChannelInboundHandlerAdapter {
    private final BackendState backend;
    private boolean finished;
    @Nullable Channel channel;
    @Nullable ScheduledFuture<?> timer;

    Check(BackendState backend) {
      this.backend = backend;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      FullHttpRequest req =
          new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, config.path());
      req.headers()
          .set(HttpHeaderNames.HOST, backend.id())
          .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
          .set(HttpHeaderNames.USER_AGENT, "alo-health-check");
      ctx.writeAndFlush(req);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpResponse r) {
        int code = r.status().code();
        done(code < 500, "status " + code);
      }
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      done(false, "connection closed before a response");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      done(false, String.valueOf(cause.getMessage()));
    }

    void done(boolean ok, String why) {
      if (finished) {
        return;
      }
      finished = true;
      ScheduledFuture<?> t = timer;
      if (t != null) {
        t.cancel(false);
      }
      Channel ch = channel;
      if (ch != null) {
        ch.close();
      }
      running.remove(backend);
      record(backend, ok, why);
    }
  }

  private void record(BackendState b, boolean ok, String why) {
    if (!b.recordCheck(ok, config.rise(), config.fall())) {
      return;
    }
    if (ok) {
      log.log("backend " + b.id() + " is up (" + config.rise() + " health checks passed)");
    } else {
      log.log(
          "backend "
              + b.id()
              + " is down ("
              + config.fall()
              + " health checks failed, last: "
              + why
              + ")");
    }
  }
}
