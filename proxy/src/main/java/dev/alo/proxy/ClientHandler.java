package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.balance.KeyHash;
import dev.alo.proxy.http1.Forwarding;
import dev.alo.proxy.http1.ParsedRequest;
import dev.alo.proxy.http1.RequestError;
import dev.alo.proxy.http1.ResponseParser;
import dev.alo.proxy.http1.StrictRequestDecoder;
import dev.alo.proxy.upstream.BackendState;
import dev.alo.proxy.upstream.LazyTimer;
import dev.alo.proxy.upstream.UpstreamHandler;
import dev.alo.proxy.upstream.UpstreamListener;
import dev.alo.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.ConnectTimeoutException;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
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
final class ClientHandler extends ChannelInboundHandlerAdapter implements UpstreamListener {
  private final ProxyServer proxy;
  private final UpstreamPool pool;
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(ISO_8859_1);
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1);
  private static final byte[] HTTP11 = "HTTP/1.1 ".getBytes(ISO_8859_1);
  private static final byte[] HTTP10 = "HTTP/1.0 ".getBytes(ISO_8859_1);
  private static final byte[] VIA = "via: 1.1 alo\r\n".getBytes(ISO_8859_1);
  private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(ISO_8859_1);
  private static final byte[] CLOSE = "connection: close\r\n".getBytes(ISO_8859_1);
  private static final byte[] KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(ISO_8859_1);

  /** Response bodies up to this size are copied into the head's buffer: one buffer, one write. */
  private static final int COPY_BODY_MAX = 2048;

  private final StrictRequestDecoder decoder;

  private @Nullable ChannelHandlerContext ctx;
  private long connectionKey;
  private long key;
  private String clientIp = "unknown";
  private @Nullable LazyTimer waitTimer;
  private @Nullable LazyTimer responseTimer;
  private boolean headTimed;

  // The current exchange.
  private @Nullable ParsedRequest req;
  private boolean clientKeepAlive;
  private boolean http10;
  private boolean idempotent;
  private boolean headRequest;
  private @Nullable BackendState backend;
  private @Nullable Channel upstream;
  // The handler of the upstream connection (where the request written on it stands).
  private @Nullable UpstreamHandler upstreamHandler;
  private boolean attemptOpen;
  private int attempts;
  private final BackendState[] tried;
  private boolean holdsRetryToken;
  private long startNanos;
  private boolean requestDone;
  private boolean bodyForwarded;
  private boolean discardBody;
  private boolean responseStarted;
  private boolean responseDone;
  // A response head not written yet: it waits for the body to go out with it as one message.
  private @Nullable ByteBuf pendingHead;
  // The response goes to the client chunked (its length is not known up front).
  private boolean chunkedToClient;
  private boolean upstreamKeepAlive;
  private boolean closeClient;
  private boolean upgrade;
  private int status;
  private long responseBytes;
  private long exchangeStart;
  private String servedBy = "-";
  private int generation;
  private String lastFailure = "";

  ClientHandler(ProxyServer proxy, UpstreamPool pool, StrictRequestDecoder decoder) {
    this.proxy = proxy;
    this.pool = pool;
    this.decoder = decoder;
    this.tried = new BackendState[Math.max(1, proxy.config().retries().maxAttempts())];
  }

  // ---------------------------------------------------------------- client side

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    waitTimer = new LazyTimer(ctx.executor(), proxy.clock(), this::onWaitTimeout);
    responseTimer = new LazyTimer(ctx.executor(), proxy.clock(), this::onResponseTimeout);
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
        ParsedRequest known = req;
        endExchange();
        proxy.clientErrors().increment();
        sendAndClose(
            HttpResponseStatus.REQUEST_TIMEOUT, "request body not received in time", known);
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
    ParsedRequest known = req;
    if (known != null) {
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
    sendAndClose(error.status(), error.reason(), known);
  }

  private void sendAndClose(HttpResponseStatus status, String reason) {
    sendAndClose(status, reason, null);
  }

  /**
   * Answers {@code status} and closes; the access log gets the request line when {@code known} (a
   * request refused during its body), else a refused-request line.
   */
  private void sendAndClose(
      HttpResponseStatus status, String reason, @Nullable ParsedRequest known) {
    cancelWaitTimer();
    byte[] body = errorBody(status, reason);
    AccessLog access = proxy.accessLog();
    if (access != null) {
      if (known == null) {
        access.recordRefused(clientIp, status.code(), body.length, reason);
      } else {
        HttpRequest h = known.head();
        access.record(
            clientIp,
            h.method().name(),
            h.uri(),
            h.protocolVersion().text(),
            status.code(),
            body.length,
            "-",
            proxy.nanoTime() - exchangeStart);
      }
    }
    channel()
        .writeAndFlush(errorResponse(false, status, body, CLOSE, false))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * A response the proxy makes itself: a short text body saying why, with {@code connection} (a
   * Connection field line, or null) and, for a HEAD request, the length but not the body.
   */
  private static ByteBuf errorResponse(
      boolean http10,
      HttpResponseStatus status,
      byte[] body,
      byte @Nullable [] connection,
      boolean head) {
    ByteBuf out = Unpooled.buffer(160 + body.length);
    out.writeBytes(http10 ? HTTP10 : HTTP11);
    out.writeCharSequence(
        status.code()
            + " "
            + status.reasonPhrase()
            + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
            + body.length
            + "\r\n",
        ISO_8859_1);
    out.writeBytes(VIA);
    if (connection != null) {
      out.writeBytes(connection);
    }
    out.writeBytes(CRLF);
    if (!head) {
      out.writeBytes(body);
    }
    return out;
  }

  private static byte[] errorBody(HttpResponseStatus status, String reason) {
    return ("alo: " + status.code() + " " + status.reasonPhrase() + ": " + reason + "\n")
        .getBytes(UTF_8);
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
    http10 = head.protocolVersion().equals(HttpVersion.HTTP_1_0);
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
    bodyForwarded = false;
    discardBody = false;
    responseStarted = false;
    responseDone = false;
    closeClient = pr.closeAfter() || !clientKeepAlive;
    status = 0;
    responseBytes = 0;
    servedBy = "-";
    exchangeStart = proxy.nanoTime();
    key = proxy.config().hashKey().of(head, clientIp, connectionKey);
    upgrade = Forwarding.isUpgrade(pr);
    proxy.retryBudget().requestStarted();
    dispatch();
  }

  private void dispatch() {
    // No body byte leaves the decoder until a connection is attached (a retry has none).
    decoder.setFlowing(false);
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
    b.attemptStarted();
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
    UpstreamHandler h = UpstreamPool.handler(ch);
    ParsedRequest pr = req;
    if (pr == null) {
      throw new IllegalStateException("no exchange");
    }
    if (h == null) {
      // Closed and torn down since it was pooled: like a close before the response.
      ch.close();
      upstream = ch;
      onUpstreamClosed(ch);
      return;
    }
    upstream = ch;
    upstreamHandler = h;
    h.attach(this, headRequest);
    ByteBuf head = ch.alloc().buffer(512);
    Forwarding.writeBackendHead(pr, clientIp, upgrade, proxy.config().tls().enabled(), head);
    long length = pr.contentLength();
    h.requestBodyOwed(length);
    if (requestDone && length < 0) {
      // A retry of a chunked request whose (empty) body was read already: end it here too.
      head.writeBytes(LAST_CHUNK);
      h.requestEnded();
    }
    ch.writeAndFlush(head, ch.voidPromise());
    if (requestDone) {
      armResponseTimer();
    } else {
      if (pr.expectContinue() && !http10) {
        channel().writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), channel().voidPromise());
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
    UpstreamHandler h = upstreamHandler;
    if (discardBody || up == null || h == null || req == null) {
      content.release();
      if (last) {
        maybeFinish();
      }
      return;
    }
    ByteBuf data = content.content();
    int n = data.readableBytes();
    if (n > 0) {
      bodyForwarded = true;
    }
    ParsedRequest pr = req;
    if (pr.contentLength() < 0) {
      // Chunked to the backend as it came (the decoder has checked and removed the framing).
      if (n > 0) {
        ByteBuf size = up.alloc().buffer(20);
        ByteBufUtil.writeAscii(size, Integer.toHexString(n));
        size.writeBytes(CRLF);
        up.write(size, up.voidPromise());
        up.write(data, up.voidPromise());
        up.write(up.alloc().buffer(2).writeBytes(CRLF), up.voidPromise());
      } else {
        data.release();
      }
      if (last) {
        up.write(up.alloc().buffer(5).writeBytes(LAST_CHUNK), up.voidPromise());
        h.requestEnded();
      }
    } else if (n > 0) {
      h.requestBodyWritten(n);
      up.write(data, up.voidPromise());
    } else {
      data.release();
    }
    if (last) {
      up.flush();
      if (!responseStarted) {
        armResponseTimer();
      }
      maybeFinish();
    } else {
      up.flush();
      if (!up.isWritable()) {
        decoder.setFlowing(false);
      }
    }
  }

  @Override
  public void onUpstreamWritabilityChanged(boolean writable) {
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
    if (idempotent && retryAllowed(b)) {
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

  /** Whether the request may go to another backend after failing on {@code failed}. */
  private boolean retryAllowed(BackendState failed) {
    ProxyConfig.Retries r = proxy.config().retries();
    if (!r.enabled() || attempts >= r.maxAttempts() || bodyForwarded || responseStarted) {
      return false;
    }
    if (holdsRetryToken) {
      return true;
    }
    // Failover needs no token: once the failed backend is out of rotation (a refused connection
    // ejects it at once, closes before responding after a few), its requests would have gone to
    // the others anyway, so moving them adds no load. The budget caps retries while the backend
    // still gets traffic, and when no backend is in rotation (panic routing).
    if (!failed.inRotation() && proxy.anyHealthyBesides(failed)) {
      return true;
    }
    if (proxy.retryBudget().tryAcquire()) {
      holdsRetryToken = true;
      return true;
    }
    return false;
  }

  @Override
  public void onResponseHead(ResponseParser p) {
    if (req == null) {
      return;
    }
    int code = p.status();
    if (code < 200) {
      // Interim responses are dropped (the proxy never asks for 100-continue, and a 101 is only
      // taken as the answer to an upgrade request).
      if (code == 101 && upgrade) {
        startTunnel(p);
      } else if (code == 101) {
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
    upstreamKeepAlive = p.keepAlive();
    chunkedToClient = false;
    boolean teHeader = false;
    if (p.lengthUnknown()) {
      if (http10) {
        closeClient = true;
      } else {
        chunkedToClient = true;
        teHeader = true;
      }
    } else if (headRequest && p.chunked()) {
      teHeader = true;
    }
    ByteBuf out = channel().alloc().buffer(512);
    out.writeBytes(http10 ? HTTP10 : HTTP11);
    p.writeStatus(out);
    out.writeBytes(CRLF);
    p.writeHeaders(out, false);
    if (teHeader) {
      out.writeBytes(CHUNKED);
    }
    out.writeBytes(VIA);
    if (closeClient) {
      out.writeBytes(CLOSE);
    } else if (http10) {
      out.writeBytes(KEEP_ALIVE);
    }
    out.writeBytes(CRLF);
    // Written with the body when it comes in the same read (one buffer, one system call), else at
    // the end of the read.
    pendingHead = out;
  }

  private void writePendingHead() {
    ByteBuf head = pendingHead;
    if (head != null) {
      pendingHead = null;
      Channel c = channel();
      c.write(head, c.voidPromise());
    }
  }

  @Override
  public void onResponseBody(ByteBuf data) {
    if (req == null || !responseStarted || responseDone) {
      data.release();
      return;
    }
    int n = data.readableBytes();
    responseBytes += n;
    Channel c = channel();
    ByteBuf head = pendingHead;
    if (chunkedToClient) {
      ByteBuf size = head != null ? head : c.alloc().buffer(20);
      pendingHead = null;
      ByteBufUtil.writeAscii(size, Integer.toHexString(n));
      size.writeBytes(CRLF);
      if (n <= COPY_BODY_MAX) {
        copy(data, size);
        size.writeBytes(CRLF);
        c.write(size, c.voidPromise());
      } else {
        c.write(size, c.voidPromise());
        c.write(data, c.voidPromise());
        c.write(c.alloc().buffer(2).writeBytes(CRLF), c.voidPromise());
      }
      return;
    }
    if (head != null && n <= COPY_BODY_MAX) {
      copy(data, head);
      return;
    }
    writePendingHead();
    c.write(data, c.voidPromise());
  }

  /**
   * Copies a small {@code data} (released) into {@code out} through an array: a direct-to-direct
   * ByteBuf copy costs Netty a ByteBuffer view per call.
   */
  private void copy(ByteBuf data, ByteBuf out) {
    byte[] scratch = pool.scratch();
    int n = data.readableBytes();
    data.readBytes(scratch, 0, n);
    out.writeBytes(scratch, 0, n);
    data.release();
  }

  @Override
  public void onResponseEnd(ResponseParser p) {
    if (req == null || !responseStarted || responseDone) {
      return;
    }
    // Statistics first, so that they include this request by the time the client has it.
    responseDone = true;
    if (status >= 500) {
      finishAttempt(false, true, "status " + status);
    } else {
      finishAttempt(true, false, "");
    }
    Channel c = channel();
    if (chunkedToClient) {
      ByteBuf end = pendingHead;
      pendingHead = null;
      if (end == null) {
        end = c.alloc().buffer(64);
      }
      end.writeByte('0');
      end.writeBytes(CRLF);
      p.writeTrailers(end);
      end.writeBytes(CRLF);
      c.writeAndFlush(end, c.voidPromise());
    } else {
      writePendingHead();
      c.flush();
    }
    Channel up = upstream;
    if (up != null && !upstreamKeepAlive) {
      // The backend closes this connection: the rest of the request body goes nowhere.
      detachUpstream();
      discardBody = true;
      up.close();
    }
    maybeFinish();
  }

  /** The backend's bytes are not a valid response: 502 if nothing was sent yet, else cut off. */
  @Override
  public void onResponseError(String reason) {
    if (req == null) {
      return;
    }
    BackendState b = backend;
    String why = "backend " + (b == null ? "?" : b.id()) + " sent a malformed response: " + reason;
    Channel up = upstream;
    detachUpstream();
    if (up != null) {
      up.close();
    }
    cancelResponseTimer();
    finishAttempt(false, true, why);
    respondError(HttpResponseStatus.BAD_GATEWAY, why);
  }

  /**
   * The backend accepted a protocol switch (WebSocket): the 101 goes to the client, the exchange
   * ends (statistics, access log), then both connections lose their HTTP handlers and relay raw
   * bytes both ways until either side closes.
   */
  private void startTunnel(ResponseParser p) {
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
    ByteBuf head = client.alloc().buffer(512);
    head.writeBytes(HTTP11);
    p.writeStatus(head);
    head.writeBytes(CRLF);
    p.writeHeaders(head, true);
    head.writeBytes(VIA);
    head.writeBytes(CRLF);
    client.write(head, client.voidPromise());
    ByteBuf fromBackend = p.takeRemaining();
    if (fromBackend.isReadable()) {
      client.write(fromBackend, client.voidPromise());
    } else {
      fromBackend.release();
    }
    ByteBuf early = decoder.takeRemaining();
    ProxyServer px = proxy;
    ChannelPipeline cp = client.pipeline();
    cp.remove(decoder);
    cp.replace(this, "tunnel", new TunnelHandler(up, px::connectionClosed));
    ChannelPipeline upp = up.pipeline();
    upp.replace(UpstreamHandler.class, "tunnel", new TunnelHandler(client, () -> {}));
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

  @Override
  public void onUpstreamReadComplete() {
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

  @Override
  public void onUpstreamClosed(Channel ch) {
    if (ch != upstream) {
      return;
    }
    upstream = null;
    upstreamHandler = null;
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
      if (idempotent && b != null && retryAllowed(b)) {
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
    UpstreamHandler h = upstreamHandler;
    upstream = null;
    upstreamHandler = null;
    if (h != null) {
      h.detach(this);
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
    b.attemptFinished(now, latency, failure);
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
    responseStarted = true;
    responseDone = true;
    status = st.code();
    if (!requestDone) {
      closeClient = true;
    }
    pendingHead = null;
    byte[] body = errorBody(st, reason);
    ByteBuf resp =
        errorResponse(
            http10, st, body, closeClient ? CLOSE : http10 ? KEEP_ALIVE : null, headRequest);
    responseBytes = body.length;
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
      // The pool keeps it only if both the request and the response ended at a message boundary.
      pool.release(b, up);
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
    ByteBuf head = pendingHead;
    pendingHead = null;
    if (head != null) {
      head.release();
    }
    backend = null;
    generation++;
    if (holdsRetryToken) {
      proxy.retryBudget().release();
      holdsRetryToken = false;
    }
    proxy.retryBudget().requestFinished();
  }
}
