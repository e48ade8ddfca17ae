package dev.alo.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Idle keep-alive connections to the backends, one pool per event loop: a client channel only ever
 * uses upstream channels of its own event loop, so nothing here is shared between threads. Most
 * recently used connections are reused first.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class UpstreamPool {
  private static final int MAX_IDLE_PER_BACKEND = 256;

  private final EventLoop loop;

  /** Scratch space for small copies by the exchanges of this event loop (one thread). */
  final byte[] scratch = new byte[4096];

  private final Bootstrap bootstrap;
  private final IdentityHashMap<BackendState, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

  UpstreamPool(EventLoop loop, Transport transport, ProxyConfig config) {
    this.loop = loop;
    long idleMillis = config.timeouts().idle().toMillis();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.socketChannel())
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.timeouts().connect().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .handler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            "idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS))
                        .addLast("upstream", new UpstreamHandler(UpstreamPool.this));
                  }
                });
  }

  EventLoop loop() {
    return loop;
  }

  /** An idle connection to {@code b}, or null when there is none. */
  @Nullable Channel poll(BackendState b) {
    ArrayDeque<Channel> d = idle.get(b);
    if (d == null) {
      return null;
    }
    Channel ch;
    while ((ch = d.pollLast()) != null) {
      if (ch.isActive()) {
        return ch;
      }
    }
    return null;
  }

  ChannelFuture connect(BackendState b) {
    ChannelFuture f = bootstrap.connect(b.address.host(), b.address.port());
    UpstreamHandler h = handler(f.channel());
    if (h != null) {
      h.backend = b;
    }
    return f;
  }

  /** The handler at the end of a backend connection's pipeline (null once it is torn down). */
  static @Nullable UpstreamHandler handler(Channel ch) {
    return ch.pipeline().last() instanceof UpstreamHandler h ? h : null;
  }

  /**
   * Takes back a connection after an exchange: it is kept for reuse only when the request and the
   * response both ended exactly at a message boundary ({@link UpstreamHandler#reusable}), else
   * closed, so that what is left of one exchange can never reach the next.
   */
  void release(BackendState b, Channel ch) {
    UpstreamHandler h = handler(ch);
    if (h != null) {
      h.owner = null;
    }
    ch.config().setAutoRead(true);
    if (h == null || !h.reusable() || b.removed || !ch.isActive()) {
      ch.close();
      return;
    }
    ArrayDeque<Channel> d = idle.computeIfAbsent(b, k -> new ArrayDeque<>());
    if (d.size() >= MAX_IDLE_PER_BACKEND) {
      ch.close();
      return;
    }
    d.addLast(ch);
  }

  void forget(BackendState b, Channel ch) {
    ArrayDeque<Channel> d = idle.get(b);
    if (d != null) {
      d.remove(ch);
    }
  }

  /** Closes the idle connections to a removed backend. */
  void closeAll(BackendState b) {
    ArrayDeque<Channel> d = idle.remove(b);
    if (d != null) {
      for (Channel ch : d) {
        ch.close();
      }
    }
  }
}
