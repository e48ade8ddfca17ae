package dev.alo.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Open-loop HTTP load: requests are due at fixed times ({@code 1 / rate} apart) whether or not
 * earlier ones have finished, and each latency is measured from the time the request was due, not
 * from when a connection was free to send it, so queueing is not hidden (no coordinated omission).
 * Keep-alive connections are opened as needed up to a limit; beyond it requests wait (and the wait
 * counts).
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class LoadGenerator {

  /**
   * The result of a run.
   *
   * @param sent requests that were due
   * @param completed responses received
   * @param errors non-2xx responses and failed connections
   * @param seconds run time
   * @param p50Ms median latency, corrected for coordinated omission
   * @param p90Ms 90th percentile
   * @param p99Ms 99th percentile
   * @param p999Ms 99.9th percentile
   * @param maxMs the largest latency
   */
  public record Result(
      long sent,
      long completed,
      long errors,
      double seconds,
      double p50Ms,
      double p90Ms,
      double p99Ms,
      double p999Ms,
      double maxMs) {

    /** Completed requests per second. */
    public double throughput() {
      return seconds <= 0 ? 0 : completed / seconds;
    }
  }

  private final URI target;
  private final double rate;
  private final Duration duration;
  private final int maxConnections;
  private final EventLoopGroup group;
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final Histogram latency = new Histogram(3_600_000_000L, 3);
  private final ArrayDeque<Conn> idle = new ArrayDeque<>();
  private final ArrayDeque<Long> waiting = new ArrayDeque<>();
  private final CompletableFuture<Result> done = new CompletableFuture<>();
  private int open;
  private long sent;
  private long completed;
  private long errors;
  private long startNanos;
  private long endNanos;
  private boolean finishing;
  private boolean warming;

  private LoadGenerator(URI target, double rate, Duration duration, int maxConnections) {
    this.target = target;
    this.rate = rate;
    this.duration = duration;
    this.maxConnections = maxConnections;
    Transport t = Transport.best();
    this.group = t.newGroup(1);
    this.loop = group.next();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(t.socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000);
  }

  /** Runs a constant-rate load against {@code target} and waits for the result. */
  public static Result run(URI target, double rate, Duration duration, int maxConnections) {
    if (!(rate > 0) || duration.isNegative() || duration.isZero() || maxConnections < 1) {
      throw new IllegalArgumentException("rate, duration and connections must be positive");
    }
    LoadGenerator g = new LoadGenerator(target, rate, duration, maxConnections);
    try {
      g.loop.execute(g::begin);
      try {
        return g.done.join();
      } catch (java.util.concurrent.CompletionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    } finally {
      g.group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private void begin() {
    // Warm up first: one connection and one unmeasured request, so class loading and the first
    // connect do not count as the server's latency.
    warming = true;
    open++;
    connect(System.nanoTime());
  }

  private void startClock() {
    warming = false;
    startNanos = System.nanoTime();
    endNanos = startNanos + duration.toNanos();
    tick();
  }

  private void tick() {
    long now = System.nanoTime();
    long dueTotal = (long) Math.floor((Math.min(now, endNanos) - startNanos) * rate / 1e9);
    while (sent < dueTotal) {
      long intended = startNanos + (long) (sent * 1e9 / rate);
      sent++;
      dispatch(intended);
    }
    if (now < endNanos) {
      long next = startNanos + (long) (sent * 1e9 / rate);
      loop.schedule(this::tick, Math.max(0, Math.min(next - now, 1_000_000)), TimeUnit.NANOSECONDS);
    } else {
      finishing = true;
      // Late responses still count (they are slow, not lost) for up to 10 s after the end.
      loop.schedule(this::finish, 10, TimeUnit.SECONDS);
      maybeFinish();
    }
  }

  private void dispatch(long intended) {
    Conn c = idle.pollLast();
    if (c != null) {
      c.send(intended);
    } else if (open < maxConnections) {
      open++;
      connect(intended);
    } else {
      waiting.addLast(intended);
    }
  }

  private void connect(long intended) {
    Conn c = new Conn();
    bootstrap
        .clone()
        .handler(
            new ChannelInitializer<SocketChannel>() {
              @Override
              protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec()).addLast(c);
              }
            })
        .connect(target.getHost(), port())
        .addListener(
            (ChannelFutureListener)
                f -> {
                  if (f.isSuccess()) {
                    c.channel = f.channel();
                    c.send(intended);
                  } else {
                    open--;
                    if (!warming) {
                      errors++;
                    }
                    completedOne(intended, false);
                  }
                });
  }

  private int port() {
    return target.getPort() > 0 ? target.getPort() : 80;
  }

  private void completedOne(long intended, boolean ok) {
    if (warming) {
      done.completeExceptionally(
          new dev.alo.engine.InputException(
              "cannot get a response from " + target + " (is the server running?)"));
      return;
    }
    long now = System.nanoTime();
    if (ok) {
      completed++;
      latency.recordValue(Math.max(1, (now - intended) / 1000));
    }
    maybeFinish();
  }

  private void released(Conn c) {
    Long next = waiting.pollFirst();
    if (next != null) {
      c.send(next);
    } else {
      idle.addLast(c);
    }
  }

  private void maybeFinish() {
    if (finishing && completed + errors >= sent) {
      finish();
    }
  }

  private void finish() {
    if (done.isDone()) {
      return;
    }
    double seconds = (Math.min(System.nanoTime(), endNanos) - startNanos) / 1e9;
    done.complete(
        new Result(
            sent,
            completed,
            errors + (sent - completed - errors),
            seconds,
            ms(latency.getValueAtPercentile(50)),
            ms(latency.getValueAtPercentile(90)),
            ms(latency.getValueAtPercentile(99)),
            ms(latency.getValueAtPercentile(99.9)),
            ms(latency.getMaxValue())));
    for (Conn c : idle) {
      Channel ch = c.channel;
      if (ch != null) {
        ch.close();
      }
    }
  }

  private static double ms(long micros) {
    return micros / 1000.0;
  }

  private final class Conn extends ChannelInboundHandlerAdapter {
    @Nullable Channel channel;
    private long intended;
    private int status;
    private boolean keepAlive;
    private boolean busy;

    void send(long intendedNanos) {
      Channel ch = channel;
      if (ch == null || !ch.isActive()) {
        dispatch(intendedNanos);
        return;
      }
      intended = intendedNanos;
      busy = true;
      String path =
          target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
      if (target.getRawQuery() != null) {
        path += "?" + target.getRawQuery();
      }
      FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
      req.headers().set(HttpHeaderNames.HOST, target.getHost() + ":" + port());
      ch.writeAndFlush(req);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpResponse r) {
          status = r.status().code();
          keepAlive = HttpUtil.isKeepAlive(r);
        }
        if (msg instanceof LastHttpContent && busy) {
          busy = false;
          boolean ok = status >= 200 && status < 300;
          if (warming) {
            startClock();
          } else {
            if (!ok) {
              errors++;
            }
            completedOne(intended, ok);
          }
          if (keepAlive) {
            released(this);
          } else {
            ctx.close();
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      idle.remove(this);
      open--;
      if (busy) {
        busy = false;
        if (!warming) {
          errors++;
        }
        completedOne(intended, false);
      }
      Long next = waiting.pollFirst();
      if (next != null) {
        dispatch(next);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
