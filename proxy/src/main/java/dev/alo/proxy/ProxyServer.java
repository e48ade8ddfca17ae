package dev.alo.proxy;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.Balancer;
import dev.alo.proxy.http1.StrictRequestDecoder;
import dev.alo.proxy.tls.ServerTls;
import dev.alo.proxy.upstream.BackendState;
import dev.alo.proxy.upstream.HealthChecker;
import dev.alo.proxy.upstream.UpstreamPool;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * ALO's reverse proxy: accepts HTTP/1.1 clients and balances their requests over the backends with
 * the engine's {@link Balancer}. Also the Java API for membership changes (the autoscaler's):
 * {@link #addBackend}, {@link #removeBackend} (graceful drain) and {@link #setWeight}.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class ProxyServer implements AutoCloseable {
  private static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /** The one place the proxy reads the system's monotonic clock; tests inject another. */
  private static final LongSupplier SYSTEM_CLOCK = System::nanoTime;

  private final ProxyConfig config;
  private final ProxyLog log;
  private final LongSupplier clock;
  private final ProxyContext context;
  private final Transport transport;
  private final EventLoopGroup group;
  private final IdentityHashMap<EventExecutor, UpstreamPool> pools = new IdentityHashMap<>();
  private final HealthChecker health;
  private final LongAdder tlsHandshakeFailures = new LongAdder();
  private final List<Drain> drains = new ArrayList<>();
  private final Channel serverChannel;
  private final ScheduledFuture<?> ticker;
  private final @Nullable ServerTls tls;
  private final @Nullable ScheduledFuture<?> tlsReload;
  private long lastSample;

  private record Drain(BackendState backend, CompletableFuture<Void> done) {}

  private ProxyServer(
      ProxyConfig config, ProxyLog log, LongSupplier clock, Optional<AccessLog> accessLog) {
    this.config = config;
    this.log = log;
    this.clock = clock;
    // Certificate problems are found before anything starts.
    this.tls =
        config.tls().enabled() ? ServerTls.load(config.tls(), log::log, Instant.now()) : null;
    this.transport = Transport.best();
    this.context = new ProxyContext(config, log, clock, accessLog.orElse(null));
    this.group = transport.newGroup(config.threads());
    for (EventExecutor e : group) {
      pools.put(e, UpstreamPool.create((EventLoop) e, transport, config));
    }
    this.health =
        new HealthChecker(config.health(), group.next(), transport, log, context::members);
    ServerBootstrap sb =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 4096)
            .option(ChannelOption.SO_REUSEADDR, true)
            .childOption(ChannelOption.AUTO_READ, false)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    UpstreamPool pool = pools.get(ch.eventLoop());
                    if (pool == null) {
                      throw new IllegalStateException("no upstream pool for " + ch.eventLoop());
                    }
                    StrictRequestDecoder decoder =
                        new StrictRequestDecoder(
                            config.limits().maxHeadSize(),
                            config.limits().maxHeaders(),
                            config.limits().maxBodySize());
                    ServerTls t = tls;
                    if (t != null) {
                      ch.pipeline()
                          .addLast(
                              "tls",
                              t.newSniffer(
                                  clock,
                                  context.clientErrors()::increment,
                                  tlsHandshakeFailures::increment));
                    }
                    ch.pipeline()
                        .addLast(
                            "idle",
                            new IdleStateHandler(
                                config.timeouts().idle().toMillis(), 0, 0, TimeUnit.MILLISECONDS))
                        .addLast("decoder", decoder)
                        .addLast("proxy", new ClientConnection(context, pool, decoder, ch));
                  }
                });
    try {
      this.serverChannel = sb.bind(config.listen()).syncUninterruptibly().channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new InputException(
          "cannot listen on " + config.listen() + ": " + e.getMessage() + " (port in use?)");
    }
    this.ticker =
        group.next().scheduleAtFixedRate(this::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
    health.start();
    ServerTls t = tls;
    long reload = t == null ? 0 : config.tls().reloadInterval().toNanos();
    this.tlsReload =
        t == null || reload <= 0
            ? null
            : group
                .next()
                .scheduleAtFixedRate(
                    () -> t.reloadIfChanged(Instant.now()), reload, reload, TimeUnit.NANOSECONDS);
    if (t != null) {
      log.log("TLS certificate: " + t.description());
    }
    log.log(
        "proxy listening on "
            + config.scheme()
            + "://"
            + (address().getHostString().indexOf(':') >= 0
                ? "[" + address().getHostString() + "]"
                : address().getHostString())
            + ":"
            + address().getPort()
            + " ("
            + transport.name()
            + ", "
            + config.threads()
            + " threads, "
            + context.balancer().name()
            + ", "
            + context.memberCount()
            + " backends)");
  }

  /**
   * Turns off Netty's buffer leak sampling (by default it tracks one buffer in 128, which costs
   * about 8% of the proxy's CPU time per request) unless {@code -Dio.netty.leakDetection.level}
   * asks for a level. For the command-line proxy; tests keep the default sampling.
   */
  public static void disableLeakDetectionUnlessConfigured() {
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  /** Starts a proxy; the port is bound when this returns. */
  public static ProxyServer start(ProxyConfig config, ProxyLog log) {
    return new ProxyServer(config, log, SYSTEM_CLOCK, Optional.empty());
  }

  /** Starts a proxy that writes one access-log line per answered request. */
  public static ProxyServer start(ProxyConfig config, ProxyLog log, AccessLog accessLog) {
    return new ProxyServer(config, log, SYSTEM_CLOCK, Optional.of(accessLog));
  }

  /** Starts a proxy on an injected clock (nanoseconds) used for latencies and ejections. */
  static ProxyServer start(ProxyConfig config, ProxyLog log, LongSupplier clock) {
    return new ProxyServer(config, log, clock, Optional.empty());
  }

  /** The address actually bound (the port is real even when 0 was asked). */
  public InetSocketAddress address() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The balancer's canonical name. */
  public String algorithm() {
    return context.balancer().name();
  }

  /** Live statistics per backend. */
  public List<BackendStats> stats() {
    long now = clock.getAsLong();
    List<BackendStats> out = new ArrayList<>();
    for (BackendState b : context.members()) {
      out.add(b.stats(now));
    }
    synchronized (drains) {
      for (Drain d : drains) {
        out.add(d.backend().stats(now));
      }
    }
    return out;
  }

  /** Proxy-wide counters. */
  public ProxyStats proxyStats() {
    return new ProxyStats(
        context.connections(),
        context.retryBudget().activeRequests(),
        context.retries().sum(),
        context.clientErrors().sum(),
        tlsHandshakeFailures.sum(),
        transport.name(),
        config.threads());
  }

  /** Adds a backend (healthy at once); fails if one with the same HOST:PORT exists. */
  public synchronized void addBackend(BackendAddress address) {
    for (BackendState b : context.members()) {
      if (b.id().equals(address.id())) {
        throw new InputException("backend " + address.id() + " already exists");
      }
    }
    context.addMember(address).startRamp();
    log.log("backend " + address.id() + " added (weight " + address.weight() + ")");
  }

  /**
   * Removes a backend gracefully: it gets no new requests at once, and the future completes when
   * its in-flight requests have finished.
   */
  public synchronized CompletableFuture<Void> removeBackend(String id) {
    BackendState b = find(id);
    b.drain();
    context.removeMember(b);
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (drains) {
      drains.add(new Drain(b, done));
    }
    log.log("backend " + id + " draining (" + b.backend().inFlight() + " in flight)");
    return done;
  }

  /** Changes a backend's weight at runtime. */
  public void setWeight(String id, int weight) {
    if (weight < 1) {
      throw new InputException("weight " + weight + " for backend " + id + " (expected >= 1)");
    }
    find(id).backend().setWeight(weight);
    synchronized (this) {
      context.rebuild();
    }
    log.log("backend " + id + " weight set to " + weight);
  }

  private BackendState find(String id) {
    List<BackendState> members = context.members();
    for (BackendState b : members) {
      if (b.id().equals(id) || b.address().url().equals(id)) {
        return b;
      }
    }
    throw new InputException(
        "no backend " + id + " (known: " + members.stream().map(BackendState::id).toList() + ")");
  }

  private void tick() {
    long now = clock.getAsLong();
    context.outliers().tick(now);
    if (now - lastSample >= 1_000_000_000L) {
      for (BackendState b : context.members()) {
        b.sample(now);
      }
      lastSample = now;
    }
    synchronized (drains) {
      drains.removeIf(
          d -> {
            if (d.backend().backend().inFlight() > 0) {
              return false;
            }
            d.backend().markRemoved();
            for (var p : pools.entrySet()) {
              p.getKey().execute(() -> p.getValue().closeAll(d.backend()));
            }
            log.log("backend " + d.backend().id() + " drained and removed");
            d.done().complete(null);
            return true;
          });
    }
  }

  @Override
  public void close() {
    health.stop();
    ticker.cancel(false);
    ScheduledFuture<?> r = tlsReload;
    if (r != null) {
      r.cancel(false);
    }
    serverChannel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
