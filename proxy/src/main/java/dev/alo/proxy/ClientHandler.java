package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.balance.KeyHash;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One client connection: serves its requests one at a time, each as an exchange with a backend
 * connection of the same event loop. Streams bodies both ways with back-pressure, retries what is
 * safe to retry, and answers 502/503/504 with a reason when no backend can serve.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ClientHandler extends ChannelInboundHandlerAdapter {
  private final ProxyServer proxy;
  private final UpstreamPool pool;
  private final StrictRequestDecoder decoder;
  private final ClientResponseEncoder encoder;

  private @Nullable ChannelHandlerContext ctx;
  private long connectionKey;
  private long key;
  private String clientIp = "unknown";
  private @Nullable LazyTimer waitTimer;
  private @Nullable LazyTimer responseTimer;
  private boolean headTimed;

  // The current exchange.
  private @Nullable ParsedRequest req;
  private @Nullable HttpRequest outbound;
  private boolean clientKeepAlive;
  private boolean idempotent;
  private boolean headRequest;
  private @Nullable BackendState backend;
  private @Nullable Channel upstream;
  private boolean attemptOpen;
  private int attempts;
  private final BackendState[] tried;
  private boolean holdsRetryToken;
  private long startNanos;
  private boolean requestDone;
  private boolean requestForwarded;
  private boolean bodyForwarded;
  private boolean discardBody;
  private boolean responseStarted;
  private boolean responseDone;
  private boolean interim;
  // A response head not written yet: it waits for the body to go out with it as one message.
  private @Nullable HttpResponse pendingHead;
  private boolean upstreamKeepAlive;
  private boolean closeClient;
  private boolean upgrade;
  private int status;
  private long responseBytes;
  private long exchangeStart;
  private String servedBy = "-";
  private int generation;
  private String lastFailure = "";

  ClientHandler(
      ProxyServer proxy,
      UpstreamPool pool,
      StrictRequestDecoder decoder,
      ClientResponseEncoder encoder) {
    this.proxy = proxy;
    this.pool = pool;
    this.decoder = decoder;
    this.encoder = encoder;
    this.tried = new BackendState[Math.max(1, proxy.config().retries().maxAttempts())];
  }

  // ---------------------------------------------------------------- client side

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    waitTimer = new LazyTimer(ctx.executor(), this::onWaitTimeout);
    responseTimer = new LazyTimer(ctx.executor(), this::onResponseTimeout);
    if (!proxy.connectionOpened()) {
      proxy.connectionClosed();
      ctx.close();
      return;
    }
    SocketAddress remote = ctx.channel().remoteAddress();
    if (remote instanceof InetSocketAddress isa) {
      clientIp = isa.getAddress() == null ? isa.getHostString() : isa.getAddress().getHostAddress();
      connectionKey =
          isa.getAddress() == null
              ? KeyHash.chars(clientIp)
              : KeyHash.bytes(isa.getAddress().getAddress());
    }
    armWaitTimer(proxy.config().timeouts().idle().toNanos());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    proxy.connectionClosed();
    LazyTimer w = waitTimer;
    LazyTimer r = responseTimer;
    if (w != null) {
      w.stop();
    }
    if (r != null) {
      r.stop();
    }
    if (req != null) {
      Channel up = upstream;
      if (up != null) {
        detachUpstream();
        up.close();
      }
      if (attemptOpen) {
        finishAttempt(false, false, "");
      }
      endExchange();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      // The client half-closed (reading stays on during exchanges, so this can arrive early): a
      // complete request is still answered, then the connection closes.
      if (req == null) {
        ctx.close();
      } else if (!requestDone) {
        endExchangeAndDrop();
      } else {
        closeClient = true;
      }
      return;
    }
    if (evt instanceof IdleStateEvent && req != null && !requestDone && decoder.flowing()) {
      // The client stopped sending its body while the proxy was ready to take it.
      if (responseStarted) {
        endExchangeAndDrop();
      } else {
        Channel up = upstream;
        if (up != null) {
          detachUpstream();
          up.close();
        }
        if (attemptOpen) {
          finishAttempt(false, false, "");
        }
        endExchange();
        proxy.clientErrors().increment();
        sendAndClose(HttpResponseStatus.REQUEST_TIMEOUT, "request body not received in time");
      }
    }
  }

  private void endExchangeAndDrop() {
    Channel up = upstream;
    if (up != null) {
      detachUpstream();
      up.close();
    }
    if (attemptOpen) {
      finishAttempt(false, false, "");
    }
    endExchange();
    channel().close();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // The header-read timeout runs from the first read of a head that is not complete yet.
    if (req == null && !headTimed && decoder.partialHead()) {
      headTimed = true;
      armWaitTimer(proxy.config().timeouts().headerRead().toNanos());
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ParsedRequest pr) {
      startExchange(pr);
    } else if (msg instanceof HttpContent content) {
      onRequestContent(content);
    } else if (msg instanceof RequestError error) {
      onRequestError(error);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    Channel up = upstream;
    if (up != null && responseStarted && !responseDone) {
      up.config().setAutoRead(ctx.channel().isWritable());
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  private void armWaitTimer(long nanos) {
    LazyTimer t = waitTimer;
    if (t != null) {
      t.arm(nanos);
    }
  }

  private void cancelWaitTimer() {
    LazyTimer t = waitTimer;
    if (t != null) {
      t.disarm();
    }
  }

  /** Between requests: a partial head is too slow (408), an idle connection is closed. */
  private void onWaitTimeout() {
    ChannelHandlerContext c = ctx;
    if (req != null || c == null) {
      return;
    }
    if (decoder.partialHead()) {
      proxy.clientErrors().increment();
      sendAndClose(HttpResponseStatus.REQUEST_TIMEOUT, "request head not received in time");
    } else {
      c.close();
    }
  }

  private void onRequestError(RequestError error) {
    if (req != null) {
      Channel up = upstream;
      if (up != null) {
        detachUpstream();
        up.close();
      }
      if (attemptOpen) {
        finishAttempt(false, false, "");
      }
      if (responseStarted) {
        endExchange();
        channel().close();
        return;
      }
      endExchange();
    }
    proxy.clientErrors().increment();
    sendAndClose(error.status(), error.reason());
  }

  private void sendAndClose(HttpResponseStatus status, String reason) {
    cancelWaitTimer();
    FullHttpResponse resp = errorResponse(HttpVersion.HTTP_1_1, status, reason);
    resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    encoder.headResponse = false;
    channel().writeAndFlush(resp).addListener(ChannelFutureListener.CLOSE);
  }

  private static FullHttpResponse errorResponse(
      HttpVersion version, HttpResponseStatus status, String reason) {
    byte[] body =
        ("alo: " + status.code() + " " + status.reasonPhrase() + ": " + reason + "\n")
            .getBytes(UTF_8);
    FullHttpResponse resp =
        new DefaultFullHttpResponse(version, status, Unpooled.wrappedBuffer(body));
    resp.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
        .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
        .set(HttpHeaderNames.VIA, "1.1 alo");
    return resp;
  }

  private Channel channel() {
    ChannelHandlerContext c = ctx;
    if (c == null) {
      throw new IllegalStateException("handler not active");
    }
    return c.channel();
  }

  // ---------------------------------------------------------------- exchange

  private void startExchange(ParsedRequest pr) {
    cancelWaitTimer();
    headTimed = false;
    generation++;
    req = pr;
    HttpRequest head = pr.head();
    clientKeepAlive = HttpUtil.isKeepAlive(head);
    HttpMethod m = head.method();
    headRequest = m.equals(HttpMethod.HEAD);
    idempotent =
        headRequest
            || m.equals(HttpMethod.GET)
            || m.equals(HttpMethod.OPTIONS)
            || m.equals(HttpMethod.TRACE)
            || m.equals(HttpMethod.PUT)
            || m.equals(HttpMethod.DELETE);
    attempts = 0;
    requestDone = !pr.hasBody();
    requestForwarded = false;
    bodyForwarded = false;
    discardBody = false;
    responseStarted = false;
    responseDone = false;
    interim = false;
    closeClient = pr.closeAfter() || !clientKeepAlive;
    status = 0;
    responseBytes = 0;
    servedBy = "-";
    exchangeStart = proxy.nanoTime();
    key = proxy.config().hashKey().of(head, clientIp, connectionKey);
    upgrade = Forwarding.isUpgrade(pr);
    outbound = Forwarding.toBackend(pr, clientIp, upgrade, proxy.config().scheme());
    proxy.retryBudget().requestStarted();
    dispatch();
  }

  private void dispatch() {
    BackendState b = choose();
    if (b == null) {
      if (attempts == 0) {
        respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, proxy.noBackendReason());
      } else {
        respondError(
            HttpResponseStatus.BAD_GATEWAY, lastFailure + "; no other healthy backend to retry on");
      }
      return;
    }
    tried[attempts++] = b;
    backend = b;
    servedBy = b.id();
    attemptOpen = true;
    startNanos = proxy.nanoTime();
    b.backend.requestStarted();
    Channel ch = pool.poll(b);
    if (ch != null) {
      attach(ch);
      return;
    }
    int gen = generation;
    ChannelFuture f = pool.connect(b);
    f.addListener(
        (ChannelFutureListener)
            future -> {
              if (gen != generation || backend != b || upstream != null || req == null) {
                if (future.isSuccess()) {
                  pool.release(b, future.channel());
                }
                return;
              }
              if (future.isSuccess()) {
                attach(future.channel());
              } else {
                onConnectFailed(b, future.cause());
              }
            });
  }

  private @Nullable BackendState choose() {
    for (int i = 0; i < 2 * Math.max(1, proxy.memberCount()); i++) {
      Optional<dev.alo.engine.balance.Backend> picked = proxy.balancer().pick(key);
      if (picked.isEmpty()) {
        break;
      }
      BackendState s = proxy.stateOf(picked.get());
      if (s != null && !wasTried(s)) {
        double share = s.rampShare();
        if (share >= 1 || java.util.concurrent.ThreadLocalRandom.current().nextDouble() < share) {
          return s;
        }
      }
    }
    // The balancer has nothing, or keeps choosing backends this request already failed on (a
    // failing backend shows few requests in flight): take another healthy one, else (panic
    // routing, when checks have taken every backend down) one that is only failing its checks.
    return proxy.fallbackPick(this::wasTried);
  }

  private boolean wasTried(BackendState s) {
    for (int i = 0; i < attempts; i++) {
      if (tried[i] == s) {
        return true;
      }
    }
    return false;
  }

  private void attach(Channel ch) {
    upstream = ch;
    UpstreamHandler h = ch.pipeline().get(UpstreamHandler.class);
    h.owner = this;
    HttpRequest head = outbound;
    ParsedRequest pr = req;
    if (head == null || pr == null) {
      throw new IllegalStateException("no exchange");
    }
    if (requestDone) {
      if (head instanceof FullHttpRequest) {
        ch.writeAndFlush(head, ch.voidPromise());
      } else {
        ch.write(head, ch.voidPromise());
        ch.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT, ch.voidPromise());
      }
      requestForwarded = true;
      armResponseTimer();
    } else {
      ch.writeAndFlush(head, ch.voidPromise());
      if (pr.expectContinue() && pr.head().protocolVersion().equals(HttpVersion.HTTP_1_1)) {
        encoder.headResponse = false;
        channel()
            .writeAndFlush(
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
      }
      decoder.setFlowing(ch.isWritable());
    }
  }

  private void onRequestContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (last) {
      requestDone = true;
    }
    Channel up = upstream;
    if (discardBody || up == null || req == null) {
      content.release();
      if (last) {
        maybeFinish();
      }
      return;
    }
    if (content.content().isReadable()) {
      bodyForwarded = true;
    }
    if (last) {
      up.writeAndFlush(content);
      requestForwarded = true;
      if (!responseStarted) {
        armResponseTimer();
      }
      maybeFinish();
    } else {
      up.writeAndFlush(content);
      if (!up.isWritable()) {
        decoder.setFlowing(false);
      }
    }
  }

  void onUpstreamWritabilityChanged(boolean writable) {
    if (req != null && !requestDone) {
      decoder.setFlowing(writable);
    }
  }

  private void armResponseTimer() {
    LazyTimer t = responseTimer;
    if (t != null) {
      t.arm(proxy.config().timeouts().response().toNanos());
    }
  }

  private void cancelResponseTimer() {
    LazyTimer t = responseTimer;
    if (t != null) {
      t.disarm();
    }
  }

  private void onResponseTimeout() {
    BackendState b = backend;
    if (req == null || responseStarted || b == null) {
      return;
    }
    Channel up = upstream;
    detachUpstream();
    if (up != null) {
      up.close();
    }
    String why =
        "backend "
            + b.id()
            + " did not answer within "
            + proxy.config().timeouts().response().toMillis()
            + " ms";
    finishAttempt(false, true, why);
    respondError(HttpResponseStatus.GATEWAY_TIMEOUT, why);
  }

  private void onConnectFailed(BackendState b, Throwable cause) {
    String why =
        "cannot connect to backend "
            + b.id()
            + ": "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage());
    finishAttemptOn(b, false, true, why, true);
    // Only idempotent requests are retried, even though nothing reached this backend.
    if (idempotent && retryAllowed()) {
      proxy.retries().increment();
      dispatch();
      return;
    }
    respondError(
        cause instanceof ConnectTimeoutException
            ? HttpResponseStatus.GATEWAY_TIMEOUT
            : HttpResponseStatus.BAD_GATEWAY,
        why);
  }

  private boolean retryAllowed() {
    ProxyConfig.Retries r = proxy.config().retries();
    if (!r.enabled() || attempts >= r.maxAttempts() || bodyForwarded || responseStarted) {
      return false;
    }
    if (holdsRetryToken) {
      return true;
    }
    if (proxy.retryBudget().tryAcquire()) {
      holdsRetryToken = true;
      return true;
    }
    return false;
  }

  void onUpstreamMessage(Object msg) {
    if (req == null) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof HttpResponse resp) {
      onResponseHead(resp);
    }
    if (msg instanceof HttpContent content) {
      onResponseContent(content);
    }
  }

  private void onResponseHead(HttpResponse resp) {
    int code = resp.status().code();
    if (code >= 100 && code < 200) {
      // Interim responses are dropped (the proxy never asks for 100-continue, and a 101 is only
      // taken as the answer to an upgrade request).
      interim = true;
      if (code == 101 && upgrade) {
        startTunnel(resp);
        return;
      }
      if (code == 101) {
        Channel up = upstream;
        detachUpstream();
        if (up != null) {
          up.close();
        }
        finishAttempt(false, true, "backend switched protocols unasked");
        respondError(HttpResponseStatus.BAD_GATEWAY, "backend switched protocols unasked");
      }
      return;
    }
    cancelResponseTimer();
    responseStarted = true;
    status = code;
    upstreamKeepAlive = HttpUtil.isKeepAlive(resp);
    ParsedRequest pr = req;
    HttpVersion clientVersion = pr == null ? HttpVersion.HTTP_1_1 : pr.head().protocolVersion();
    boolean upstreamChunked = HttpUtil.isTransferEncodingChunked(resp);
    HttpHeaders h = resp.headers();
    Forwarding.removeHopByHop(h);
    boolean noBody = headRequest || code == 204 || code == 304;
    if (!noBody && !h.contains(HttpHeaderNames.CONTENT_LENGTH)) {
      if (clientVersion.equals(HttpVersion.HTTP_1_1)) {
        h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      } else {
        closeClient = true;
      }
    } else if (headRequest && upstreamChunked) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    }
    h.add(HttpHeaderNames.VIA, "1.1 alo");
    if (closeClient) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (clientVersion.equals(HttpVersion.HTTP_1_0)) {
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    HttpResponse out = new DefaultHttpResponse(clientVersion, resp.status(), h);
    encoder.headResponse = headRequest;
    // Written with the body when it comes in the same read (one buffer, one system call), else at
    // the end of the read.
    pendingHead = out;
  }

  private void writePendingHead() {
    HttpResponse head = pendingHead;
    if (head != null) {
      pendingHead = null;
      Channel c = channel();
      c.write(head, c.voidPromise());
    }
  }

  private void onResponseContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (interim) {
      content.release();
      if (last) {
        interim = false;
      }
      return;
    }
    if (!responseStarted || responseDone) {
      content.release();
      return;
    }
    responseBytes += content.content().readableBytes();
    Channel c = channel();
    if (!last) {
      writePendingHead();
      c.write(content, c.voidPromise());
      return;
    }
    // Statistics first, so that they include this request by the time the client has it.
    responseDone = true;
    finishAttempt(status < 500, status >= 500, "status " + status);
    HttpResponse head = pendingHead;
    if (head != null) {
      pendingHead = null;
      c.writeAndFlush(
          new DefaultFullHttpResponse(
              head.protocolVersion(),
              head.status(),
              content.content(),
              head.headers(),
              ((LastHttpContent) content).trailingHeaders()),
          c.voidPromise());
    } else {
      c.writeAndFlush(content, c.voidPromise());
    }
    Channel up = upstream;
    if (up != null && !(upstreamKeepAlive && requestForwarded)) {
      if (!upstreamKeepAlive) {
        // The backend closes this connection: the rest of the request body goes nowhere.
        detachUpstream();
        discardBody = true;
        up.close();
      }
    }
    maybeFinish();
  }

  /**
   * The backend accepted a protocol switch (WebSocket): the 101 goes to the client, the exchange
   * ends (statistics, access log), then both connections lose their HTTP handlers and relay raw
   * bytes both ways until either side closes.
   */
  private void startTunnel(HttpResponse resp) {
    Channel up = upstream;
    ChannelHandlerContext cctx = ctx;
    if (up == null || cctx == null) {
      return;
    }
    Channel client = cctx.channel();
    cancelResponseTimer();
    detachUpstream();
    responseStarted = true;
    responseDone = true;
    status = 101;
    finishAttempt(true, false, "");
    endExchange();
    LazyTimer w = waitTimer;
    if (w != null) {
      w.stop();
    }
    LazyTimer r = responseTimer;
    if (r != null) {
      r.stop();
    }
    HttpHeaders h = resp.headers();
    h.add(HttpHeaderNames.VIA, "1.1 alo");
    encoder.headResponse = false;
    client.write(
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            resp.status(),
            Unpooled.EMPTY_BUFFER,
            h,
            EmptyHttpHeaders.INSTANCE),
        client.voidPromise());
    ByteBuf early = decoder.takeRemaining();
    ProxyServer p = proxy;
    ChannelPipeline cp = client.pipeline();
    cp.remove(decoder);
    cp.remove(encoder);
    cp.replace(this, "tunnel", new TunnelHandler(up, p::connectionClosed));
    ChannelPipeline upp = up.pipeline();
    upp.replace(UpstreamHandler.class, "tunnel", new TunnelHandler(client, () -> {}));
    upp.remove("codec");
    if (early.isReadable()) {
      up.write(early, up.voidPromise());
    } else {
      early.release();
    }
    up.flush();
    client.flush();
    client.config().setAutoRead(true);
    up.config().setAutoRead(true);
  }

  void onUpstreamReadComplete() {
    ChannelHandlerContext c = ctx;
    Channel up = upstream;
    if (c == null) {
      return;
    }
    if (responseStarted) {
      writePendingHead();
      c.flush();
    }
    if (up != null && !c.channel().isWritable()) {
      up.config().setAutoRead(false);
    }
  }

  void onUpstreamClosed(Channel ch) {
    if (ch != upstream) {
      return;
    }
    upstream = null;
    BackendState b = backend;
    String id = b == null ? "?" : b.id();
    if (responseDone) {
      discardBody = true;
      decoder.setFlowing(true);
      return;
    }
    if (!responseStarted) {
      cancelResponseTimer();
      String why = "backend " + id + " closed the connection before responding";
      finishAttempt(false, true, why);
      if (idempotent && retryAllowed()) {
        proxy.retries().increment();
        dispatch();
        return;
      }
      respondError(HttpResponseStatus.BAD_GATEWAY, why);
      return;
    }
    finishAttempt(false, true, "backend " + id + " closed the connection mid-response");
    endExchange();
    channel().close();
  }

  private void detachUpstream() {
    Channel up = upstream;
    upstream = null;
    if (up != null) {
      UpstreamHandler h = up.pipeline().get(UpstreamHandler.class);
      if (h != null) {
        h.owner = null;
      }
    }
  }

  private void finishAttempt(boolean success, boolean failure, String why) {
    BackendState b = backend;
    if (b != null) {
      finishAttemptOn(b, success, failure, why, false);
    }
  }

  /**
   * Ends the current attempt on {@code b}: in-flight count, latency, statistics and outlier
   * detection. A failure neither successful nor failed (the client went away) only updates
   * counters.
   */
  private void finishAttemptOn(
      BackendState b, boolean success, boolean failure, String why, boolean connectFailure) {
    if (!attemptOpen) {
      return;
    }
    attemptOpen = false;
    long now = proxy.nanoTime();
    long latency = now - startNanos;
    b.backend.requestFinished(now, latency);
    b.record(latency, failure);
    if (success) {
      proxy.outliers().onSuccess(b);
    } else if (failure) {
      proxy.outliers().onFailure(b, now, connectFailure, why);
    }
    if (failure) {
      lastFailure = why;
    }
  }

  private void respondError(HttpResponseStatus st, String reason) {
    ParsedRequest pr = req;
    if (responseStarted) {
      endExchange();
      channel().close();
      return;
    }
    Channel up = upstream;
    if (up != null) {
      detachUpstream();
      up.close();
    }
    proxy.log().log(st.code() + " for " + (pr == null ? "?" : pr.head().uri()) + ": " + reason);
    HttpVersion v = pr == null ? HttpVersion.HTTP_1_1 : pr.head().protocolVersion();
    FullHttpResponse resp = errorResponse(v, st, reason);
    responseStarted = true;
    responseDone = true;
    status = st.code();
    responseBytes = resp.content().readableBytes();
    if (!requestDone) {
      closeClient = true;
    }
    if (closeClient) {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    } else if (v.equals(HttpVersion.HTTP_1_0)) {
      resp.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    }
    encoder.headResponse = headRequest;
    channel().writeAndFlush(resp);
    discardBody = true;
    maybeFinish();
  }

  private void maybeFinish() {
    if (!responseDone || req == null) {
      return;
    }
    if (!requestDone && !closeClient) {
      // Keep reading (and forwarding or discarding) the rest of the request body.
      decoder.setFlowing(true);
      return;
    }
    Channel up = upstream;
    BackendState b = backend;
    if (up != null && b != null) {
      detachUpstream();
      if (upstreamKeepAlive && requestForwarded && requestDone) {
        pool.release(b, up);
      } else {
        up.close();
      }
    }
    endExchange();
    if (closeClient) {
      channel().writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    headTimed = false;
    armWaitTimer(proxy.config().timeouts().idle().toNanos());
    decoder.resume();
  }

  private void endExchange() {
    ParsedRequest pr = req;
    if (pr == null) {
      return;
    }
    AccessLog access = proxy.accessLog();
    if (access != null && status != 0) {
      HttpRequest h = pr.head();
      access.record(
          clientIp,
          h.method().name(),
          h.uri(),
          h.protocolVersion().text(),
          status,
          responseBytes,
          servedBy,
          proxy.nanoTime() - exchangeStart);
    }
    cancelResponseTimer();
    req = null;
    pendingHead = null;
    outbound = null;
    backend = null;
    generation++;
    if (holdsRetryToken) {
      proxy.retryBudget().release();
      holdsRetryToken = false;
    }
    proxy.retryBudget().requestFinished();
  }
}
