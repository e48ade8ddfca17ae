package dev.alo.proxy.upstream;

import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.Transport;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Idle keep-alive connections to the backends, one pool per event loop: a client channel only ever
 * uses upstream channels of its own event loop, so nothing here is shared between threads. Most
 * recently used connections are reused first.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class UpstreamPool {
  private static final int MAX_IDLE_PER_BACKEND = 256;

  /** Opens backend connections: TCP in the proxy, embedded channels in tests. */
  @FunctionalInterface
  public interface Dialer {
    /** Connects to {@code address} with {@code handler} as the whole pipeline. */
    ChannelFuture dial(BackendAddress address, ChannelHandler handler);
  }

  private final long idleMillis;
  private final Dialer dialer;

  /** Scratch space for small copies by the exchanges of this event loop (one thread). */
  private final byte[] scratch = new byte[4096];

  private final IdentityHashMap<BackendState, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

  private UpstreamPool(Duration idle, Dialer dialer) {
    this.idleMillis = idle.toMillis();
    this.dialer = dialer;
  }

  /** The pool of event loop {@code loop}, connecting over TCP with the proxy's settings. */
  public static UpstreamPool create(EventLoop loop, Transport transport, ProxyConfig config) {
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.socketChannel())
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.timeouts().connect().toMillis()))
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true);
    // Only this loop dials: the handler set here is added to the channel inside connect().
    Dialer tcp =
        (address, handler) -> bootstrap.handler(handler).connect(address.host(), address.port());
    return new UpstreamPool(config.timeouts().idle(), tcp);
  }

  /**
   * A pool whose connections come from {@code dialer}, closed after {@code idle} without traffic.
   */
  public static UpstreamPool create(Duration idle, Dialer dialer) {
    return new UpstreamPool(idle, dialer);
  }

  /** Scratch space for small copies, shared by the exchanges of this pool's event loop. */
  public byte[] scratch() {
    return scratch;
  }

  /** An idle connection to {@code b}, or null when there is none. */
  public @Nullable Channel poll(BackendState b) {
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

  /** A new connection to {@code b}. */
  public ChannelFuture connect(BackendState b) {
    return dialer.dial(b.address(), new UpstreamHandler(this, b, idleMillis));
  }

  /** The handler at the end of a backend connection's pipeline (null once it is torn down). */
  public static @Nullable UpstreamHandler handler(Channel ch) {
    return ch.pipeline().last() instanceof UpstreamHandler h ? h : null;
  }

  /**
   * Takes back a connection after an exchange: it is kept for reuse only when the request and the
   * response both ended exactly at a message boundary ({@link UpstreamHandler#reusable}), else
   * closed, so that what is left of one exchange can never reach the next.
   */
  public void release(BackendState b, Channel ch) {
    UpstreamHandler h = handler(ch);
    if (h != null) {
      h.release();
    }
    ch.config().setAutoRead(true);
    if (h == null || !h.reusable() || b.removed() || !ch.isActive()) {
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
  public void closeAll(BackendState b) {
    ArrayDeque<Channel> d = idle.remove(b);
    if (d != null) {
      for (Channel ch : d) {
        ch.close();
      }
    }
  }
}
