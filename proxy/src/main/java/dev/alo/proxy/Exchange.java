package dev.alo.proxy;

import static dev.alo.proxy.ErrorResponses.CRLF;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.alo.proxy.http1.Forwarding;
import dev.alo.proxy.http1.ParsedRequest;
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
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

/**
 * One request and its response, from the parsed head to the last byte: the backend chosen and the
 * attempts made ({@link RetryChoice}), the backend connection used, the request body streamed to it
 * with back-pressure, the response streamed back, and the proxy's own answer when no backend can
 * serve ({@link ErrorResponses}). One instance per client connection, reset for each request; it
 * lives on the connection's event loop.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class Exchange implements UpstreamListener {
  private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(ISO_8859_1);
  private static final byte[] CONTINUE = "HTTP/1.1 100 Continue\r\n\r\n".getBytes(ISO_8859_1);

  private final ClientConnection connection;
  private final ProxyContext proxy;
  private final UpstreamPool pool;
  private final StrictRequestDecoder decoder;
  private final Channel client;
  private final RetryChoice retry;
  private final ResponseRelay relay;
  private final LazyTimer responseTimer;

  private @Nullable ParsedRequest req;
  private long key;
  private boolean http10;
  private boolean idempotent;
  private boolean headRequest;
  private boolean upgrade;
  private @Nullable BackendState backend;
  private @Nullable Channel upstream;
  // The handler of the upstream connection (where the request written on it stands).
  private @Nullable UpstreamHandler upstreamHandler;
  private boolean attemptOpen;
  private long startNanos;
  private boolean requestDone;
  private boolean bodyForwarded;
  private boolean discardBody;
  private boolean responseStarted;
  private boolean responseDone;
  private boolean upstreamKeepAlive;
  private boolean closeClient;
  private int status;
  private long responseBytes;
  private long exchangeStart;
  private String servedBy = "-";
  private int generation;
  private String lastFailure = "";

  Exchange(
      ClientConnection connection,
      ProxyContext proxy,
      UpstreamPool pool,
      StrictRequestDecoder decoder,
      Channel client) {
    this.connection = connection;
    this.proxy = proxy;
    this.pool = pool;
    this.decoder = decoder;
    this.client = client;
    this.retry = new RetryChoice(proxy);
    this.relay = new ResponseRelay(client, pool.scratch());
    this.responseTimer = new LazyTimer(client.eventLoop(), proxy.clock(), this::onResponseTimeout);
  }

  /** Whether a request is in progress. */
  boolean active() {
    return req != null;
  }

  /** Whether the whole request (body included) has been read from the client. */
  boolean requestDone() {
    return requestDone;
  }

  /** The client ends the connection after this exchange (it half-closed). */
  void closeAfter() {
    closeClient = true;
  }

  // ---------------------------------------------------------------- request

  void start(ParsedRequest pr) {
    generation++;
    req = pr;
    HttpRequest head = pr.head();
    http10 = head.protocolVersion().equals(HttpVersion.HTTP_1_0);
    HttpMethod m = head.method();
    headRequest = m.equals(HttpMethod.HEAD);
    idempotent = RetryChoice.idempotent(m);
    retry.reset();
    requestDone = !pr.hasBody();
    bodyForwarded = false;
    discardBody = false;
    responseStarted = false;
    responseDone = false;
    closeClient = pr.closeAfter() || !HttpUtil.isKeepAlive(head);
    status = 0;
    responseBytes = 0;
    servedBy = "-";
    exchangeStart = proxy.nanoTime();
    key = proxy.config().hashKey().of(head, connection.clientIp(), connection.key());
    upgrade = Forwarding.isUpgrade(pr);
    proxy.retryBudget().requestStarted();
    dispatch();
  }

  private void dispatch() {
    // No body byte leaves the decoder until a connection is attached (a retry has none).
    decoder.setFlowing(false);
    boolean first = retry.attempts() == 0;
    BackendState b = retry.next(key);
    if (b == null) {
      if (first) {
        respondError(HttpResponseStatus.SERVICE_UNAVAILABLE, proxy.noBackendReason());
      } else {
        respondError(
            HttpResponseStatus.BAD_GATEWAY, lastFailure + "; no other healthy backend to retry on");
      }
      return;
    }
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
    Forwarding.writeBackendHead(
        pr, connection.clientIp(), upgrade, proxy.config().tls().enabled(), head);
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
        client.writeAndFlush(Unpooled.wrappedBuffer(CONTINUE), client.voidPromise());
      }
      decoder.setFlowing(ch.isWritable());
    }
  }

  void onRequestContent(HttpContent content) {
    boolean last = content instanceof LastHttpContent;
    if (last) {
      requestDone = true;
    }
    Channel up = upstream;
    UpstreamHandler h = upstreamHandler;
    ParsedRequest pr = req;
    if (discardBody || up == null || h == null || pr == null) {
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

  /** The client can take more bytes, or no longer can: the backend's reads follow. */
  void onClientWritabilityChanged(boolean writable) {
    Channel up = upstream;
    if (up != null && responseStarted && !responseDone) {
      up.config().setAutoRead(writable);
    }
  }

  // ---------------------------------------------------------------- failures and retries

  private void armResponseTimer() {
    responseTimer.arm(proxy.config().timeouts().response().toNanos());
  }

  private void onResponseTimeout() {
    BackendState b = backend;
    if (req == null || responseStarted || b == null) {
      return;
    }
    closeUpstream();
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
    if (retry.allowed(b, idempotent, bodyForwarded || responseStarted)) {
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

  /**
   * The client's side failed the request ({@code status}, e.g. 400, 408, 413): the backend
   * connection is dropped, and the client gets the error and a close, or only the close when a
   * response has begun.
   */
  void refuse(HttpResponseStatus st, String reason) {
    ParsedRequest known = req;
    if (known == null) {
      return;
    }
    abandon();
    if (responseStarted) {
      end();
      client.close();
      return;
    }
    end();
    proxy.clientErrors().increment();
    byte[] body = ErrorResponses.body(st, reason);
    AccessLog access = proxy.accessLog();
    if (access != null) {
      HttpRequest h = known.head();
      access.record(
          connection.clientIp(),
          h.method().name(),
          h.uri(),
          h.protocolVersion().text(),
          st.code(),
          body.length,
          "-",
          proxy.nanoTime() - exchangeStart);
    }
    client.writeAndFlush(ErrorResponses.closing(st, body)).addListener(ChannelFutureListener.CLOSE);
  }

  /** Ends the exchange where it stands (the client is gone or goes): nothing more is sent. */
  void drop() {
    abandon();
    end();
  }

  /** Closes the backend connection and ends the attempt without counting it for or against. */
  private void abandon() {
    Channel up = upstream;
    if (up != null) {
      detachUpstream();
      up.close();
    }
    if (attemptOpen) {
      finishAttempt(false, false, "");
    }
  }

  /** The client connection closed. */
  void close() {
    if (req != null) {
      drop();
    }
    responseTimer.stop();
  }

  // ---------------------------------------------------------------- response

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
        closeUpstream();
        finishAttempt(false, true, "backend switched protocols unasked");
        respondError(HttpResponseStatus.BAD_GATEWAY, "backend switched protocols unasked");
      }
      return;
    }
    responseTimer.disarm();
    responseStarted = true;
    status = code;
    upstreamKeepAlive = p.keepAlive();
    if (p.lengthUnknown() && http10) {
      // The body ends with the backend's close: so must the client connection.
      closeClient = true;
    }
    relay.head(p, http10, headRequest, closeClient);
  }

  @Override
  public void onResponseBody(ByteBuf data) {
    if (req == null || !responseStarted || responseDone) {
      data.release();
      return;
    }
    responseBytes += relay.body(data);
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
    relay.end(p);
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
    closeUpstream();
    responseTimer.disarm();
    finishAttempt(false, true, why);
    respondError(HttpResponseStatus.BAD_GATEWAY, why);
  }

  /**
   * The backend accepted a protocol switch (WebSocket): the exchange ends (statistics, access log)
   * and the connection turns into a tunnel to the backend connection.
   */
  private void startTunnel(ResponseParser p) {
    Channel up = upstream;
    if (up == null) {
      return;
    }
    responseTimer.stop();
    detachUpstream();
    responseStarted = true;
    responseDone = true;
    status = 101;
    finishAttempt(true, false, "");
    end();
    connection.becomeTunnel(up, p);
  }

  @Override
  public void onUpstreamReadComplete() {
    if (responseStarted) {
      relay.flush();
    }
    Channel up = upstream;
    if (up != null && !client.isWritable()) {
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
      responseTimer.disarm();
      String why = "backend " + id + " closed the connection before responding";
      finishAttempt(false, true, why);
      if (b != null && retry.allowed(b, idempotent, bodyForwarded)) {
        proxy.retries().increment();
        dispatch();
        return;
      }
      respondError(HttpResponseStatus.BAD_GATEWAY, why);
      return;
    }
    finishAttempt(false, true, "backend " + id + " closed the connection mid-response");
    end();
    client.close();
  }

  private void closeUpstream() {
    Channel up = upstream;
    detachUpstream();
    if (up != null) {
      up.close();
    }
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
   * detection. An attempt neither successful nor failed (the client went away) only updates
   * counters.
   */
  private void finishAttemptOn(
      BackendState b, boolean success, boolean failure, String why, boolean connectFailure) {
    if (!attemptOpen) {
      return;
    }
    attemptOpen = false;
    long now = proxy.nanoTime();
    b.attemptFinished(now, now - startNanos, failure);
    if (success) {
      proxy.outliers().onSuccess(b);
    } else if (failure) {
      proxy.outliers().onFailure(b, now, connectFailure, why);
    }
    if (failure) {
      lastFailure = why;
    }
  }

  /** The proxy answers {@code st} itself (no backend could), or cuts off a response begun. */
  private void respondError(HttpResponseStatus st, String reason) {
    ParsedRequest pr = req;
    if (responseStarted) {
      end();
      client.close();
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
    byte[] body = ErrorResponses.body(st, reason);
    responseBytes = body.length;
    client.writeAndFlush(ErrorResponses.forExchange(http10, st, body, closeClient, headRequest));
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
    end();
    connection.exchangeEnded(closeClient);
  }

  /** The exchange is over: access log, timer, retry token and active-request count. */
  private void end() {
    ParsedRequest pr = req;
    if (pr == null) {
      return;
    }
    AccessLog access = proxy.accessLog();
    if (access != null && status != 0) {
      HttpRequest h = pr.head();
      access.record(
          connection.clientIp(),
          h.method().name(),
          h.uri(),
          h.protocolVersion().text(),
          status,
          responseBytes,
          servedBy,
          proxy.nanoTime() - exchangeStart);
    }
    responseTimer.disarm();
    req = null;
    relay.discard();
    backend = null;
    generation++;
    retry.release();
    proxy.retryBudget().requestFinished();
  }
}
