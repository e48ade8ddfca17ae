package dev.alo.proxy.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.alo.engine.InputException;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.BackendStats;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.ProxyStats;
import dev.alo.proxy.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoint: live statistics as JSON ({@code GET /stats}), Prometheus text ({@code GET
 * /metrics}) and membership changes ({@code POST /backends?url=...&weight=N}, {@code DELETE
 * /backends/HOST:PORT}, {@code POST /backends/HOST:PORT/weight?value=N}). {@link AdminAccess}
 * decides who may do what: reads are open, changes need the token, browsers' cross-origin and
 * DNS-rebinding requests are refused.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class AdminServer implements AutoCloseable {
  private static final ObjectMapper JSON =
      new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

  private final ProxyServer proxy;
  private final AdminAccess access;
  private final EventLoopGroup group;
  private final Channel server;

  private AdminServer(ProxyServer proxy, InetSocketAddress listen, AdminAccess access) {
    this.proxy = proxy;
    this.access = access;
    Transport transport = Transport.best();
    this.group = transport.newGroup(1);
    try {
      this.server =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new HttpServerCodec())
                          .addLast(new HttpObjectAggregator(64 * 1024))
                          .addLast(new Handler());
                    }
                  })
              .bind(listen)
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
      throw new InputException("cannot listen on " + listen + " for admin: " + e.getMessage());
    }
  }

  /** Starts the admin endpoint for {@code proxy}, open as {@code access} allows. */
  public static AdminServer start(ProxyServer proxy, InetSocketAddress listen, AdminAccess access) {
    return new AdminServer(proxy, listen, access);
  }

  public InetSocketAddress address() {
    return (InetSocketAddress) server.localAddress();
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** The JSON document of {@code GET /stats}. */
  public String statsJson() {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("listen", proxy.address().getHostString() + ":" + proxy.address().getPort());
    doc.put("algorithm", proxy.algorithm());
    doc.put("proxy", proxy.proxyStats());
    doc.put("backends", proxy.stats());
    try {
      return JSON.writeValueAsString(doc);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("stats are not serialisable", e);
    }
  }

  /** The Prometheus text of {@code GET /metrics}. */
  public String metricsText() {
    StringBuilder sb = new StringBuilder();
    List<BackendStats> all = proxy.stats();
    metric(sb, all, "alo_backend_in_flight", "gauge", "Requests in flight", s -> s.inFlight());
    metric(
        sb, all, "alo_backend_requests_total", "counter", "Finished requests", s -> s.requests());
    metric(sb, all, "alo_backend_errors_total", "counter", "Failed requests", s -> s.errors());
    metric(
        sb,
        all,
        "alo_backend_requests_per_second",
        "gauge",
        "Requests per second",
        BackendStats::requestsPerSecond);
    metric(
        sb,
        all,
        "alo_backend_latency_ewma_seconds",
        "gauge",
        "Peak EWMA latency",
        s -> s.latencyEwmaMs() / 1e3);
    sb.append("# HELP alo_backend_latency_seconds Latency quantiles since start\n")
        .append("# TYPE alo_backend_latency_seconds summary\n");
    for (BackendStats s : all) {
      quantile(sb, s, "0.5", s.p50Ms());
      quantile(sb, s, "0.95", s.p95Ms());
      quantile(sb, s, "0.99", s.p99Ms());
    }
    metric(sb, all, "alo_backend_healthy", "gauge", "1 when pickable", s -> s.healthy() ? 1 : 0);
    metric(sb, all, "alo_backend_weight", "gauge", "Balancing weight", s -> s.weight());
    metric(sb, all, "alo_backend_ejections_total", "counter", "Ejections", s -> s.ejections());
    ProxyStats p = proxy.proxyStats();
    sb.append("# TYPE alo_connections gauge\nalo_connections ")
        .append(p.connections())
        .append('\n');
    sb.append("# TYPE alo_retries_total counter\nalo_retries_total ")
        .append(p.retries())
        .append('\n');
    sb.append("# TYPE alo_client_errors_total counter\nalo_client_errors_total ")
        .append(p.clientErrors())
        .append('\n');
    sb.append("# TYPE alo_tls_handshake_failures_total counter\nalo_tls_handshake_failures_total ")
        .append(p.tlsHandshakeFailures())
        .append('\n');
    return sb.toString();
  }

  private static void metric(
      StringBuilder sb,
      List<BackendStats> all,
      String name,
      String type,
      String help,
      java.util.function.ToDoubleFunction<BackendStats> f) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    for (BackendStats s : all) {
      sb.append(name)
          .append("{backend=\"")
          .append(s.id())
          .append("\"} ")
          .append(num(f.applyAsDouble(s)))
          .append('\n');
    }
  }

  private static void quantile(StringBuilder sb, BackendStats s, String q, double ms) {
    sb.append("alo_backend_latency_seconds{backend=\"")
        .append(s.id())
        .append("\",quantile=\"")
        .append(q)
        .append("\"} ")
        .append(num(ms / 1e3))
        .append('\n');
  }

  private static String num(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      FullHttpResponse resp;
      Optional<AdminAccess.Refusal> refusal =
          access.check(req, (InetSocketAddress) ctx.channel().localAddress());
      try {
        resp = refusal.isPresent() ? refused(refusal.get()) : route(req);
      } catch (InputException e) {
        resp = text(HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n", "text/plain");
      }
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      HttpUtil.setKeepAlive(resp, keepAlive);
      if (keepAlive) {
        ctx.writeAndFlush(resp);
      } else {
        ctx.writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
      }
    }

    private FullHttpResponse route(FullHttpRequest req) {
      QueryStringDecoder q = new QueryStringDecoder(req.uri());
      String path = q.path();
      HttpMethod m = req.method();
      if (m.equals(HttpMethod.GET) && (path.equals("/") || path.equals("/stats"))) {
        return text(HttpResponseStatus.OK, statsJson() + "\n", "application/json");
      }
      if (m.equals(HttpMethod.GET) && path.equals("/metrics")) {
        return text(HttpResponseStatus.OK, metricsText(), "text/plain; version=0.0.4");
      }
      if (m.equals(HttpMethod.POST) && path.equals("/backends")) {
        String url = param(q, "url");
        String weight = q.parameters().containsKey("weight") ? ",weight=" + param(q, "weight") : "";
        BackendAddress a = BackendAddress.parse(url + weight);
        proxy.addBackend(a);
        return text(HttpResponseStatus.CREATED, "added " + a.id() + "\n", "text/plain");
      }
      if (path.startsWith("/backends/")) {
        String rest = path.substring("/backends/".length());
        if (m.equals(HttpMethod.DELETE) && !rest.contains("/")) {
          proxy.removeBackend(rest);
          return text(HttpResponseStatus.ACCEPTED, "draining " + rest + "\n", "text/plain");
        }
        if (m.equals(HttpMethod.POST) && rest.endsWith("/weight")) {
          String id = rest.substring(0, rest.length() - "/weight".length());
          String v = param(q, "value");
          int w;
          try {
            w = Integer.parseInt(v);
          } catch (NumberFormatException e) {
            throw new InputException("weight value '" + v + "' is not an integer >= 1");
          }
          proxy.setWeight(id, w);
          return text(HttpResponseStatus.OK, "weight of " + id + " is " + w + "\n", "text/plain");
        }
      }
      return text(
          HttpResponseStatus.NOT_FOUND,
          "unknown admin request "
              + m
              + " "
              + path
              + " (GET /stats, GET /metrics, POST /backends?url=URL&weight=N,"
              + " DELETE /backends/HOST:PORT, POST /backends/HOST:PORT/weight?value=N)\n",
          "text/plain");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  private static String param(QueryStringDecoder q, String name) {
    List<String> v = q.parameters().get(name);
    if (v == null || v.isEmpty() || v.get(0).isBlank()) {
      throw new InputException("missing query parameter '" + name.toLowerCase(Locale.ROOT) + "'");
    }
    return v.get(0);
  }

  private static FullHttpResponse refused(AdminAccess.Refusal refusal) {
    FullHttpResponse r = text(refusal.status(), refusal.message() + "\n", "text/plain");
    if (refusal.challenge()) {
      r.headers().set(HttpHeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"alo-admin\"");
    }
    return r;
  }

  private static FullHttpResponse text(HttpResponseStatus status, String body, String type) {
    byte[] bytes = body.getBytes(UTF_8);
    FullHttpResponse r =
        new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
    r.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type)
        .set(HttpHeaderNames.CONTENT_LENGTH, bytes.length)
        .set("X-Content-Type-Options", "nosniff");
    return r;
  }
}
