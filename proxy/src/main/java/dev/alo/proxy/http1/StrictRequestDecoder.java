package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import org.jspecify.annotations.Nullable;

/**
 * A strict HTTP/1.1 request parser that replaces Netty's lenient {@code HttpRequestDecoder} on the
 * client side, so that nothing ambiguous is ever forwarded (request smuggling). It reads heads with
 * a {@link RequestHeadParser} and bodies with a {@link BodyFramer}, both CRLF only.
 *
 * <p>It emits a {@link ParsedRequest}, then, when the request has a body, the body as {@code
 * HttpContent} slices and a {@code LastHttpContent}, all only while the handler lets the body
 * {@linkplain #setFlowing flow} (back-pressure; nothing follows a request without a body); then it
 * pauses until {@link #resume} so pipelined requests are served one at a time. A request it refuses
 * becomes a {@link RequestError} and it stops reading. The channel must have autoRead off: the
 * decoder asks for reads itself.
 *
 * <p>Refused with 400: malformed or listed Content-Length, different duplicate Content-Length,
 * Transfer-Encoding that is not a list of tokens ending in a single {@code chunked} (or sent with
 * HTTP/1.0 or together with Content-Length), obs-fold, bare CR or LF, control characters or
 * whitespace in header names, control characters in header values or the request target, an invalid
 * method or version, a missing or repeated Host, malformed chunk framing or trailer fields.
 * Identical duplicate Content-Length headers and bodies on GET/HEAD are forwarded normalised and
 * the connection is closed afterwards. A head (or a trailer section) longer than the limit or with
 * too many fields is answered 431, a body beyond the limit 413.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class StrictRequestDecoder extends ChannelInboundHandlerAdapter {
  private enum State {
    HEAD,
    BODY,
    PAUSED,
    FAILED
  }

  private final long maxBodySize;
  private final RequestHeadParser heads;
  private final BodyFramer body;

  private @Nullable ByteBuf buf;
  private @Nullable ChannelHandlerContext ctx;
  private State state = State.HEAD;
  private boolean flowing;
  private boolean draining;

  /**
   * @param maxHeadSize the longest request head (and trailer section), in bytes; longer is 431
   * @param maxHeaders the most header (and trailer) fields; more is 431
   * @param maxBodySize the longest body, in bytes; longer is 413
   */
  public StrictRequestDecoder(int maxHeadSize, int maxHeaders, long maxBodySize) {
    this.maxBodySize = maxBodySize;
    this.heads = new RequestHeadParser(maxHeadSize, maxHeaders, maxBodySize);
    this.body = new BodyFramer(LineEnds.CRLF, maxHeadSize, maxHeaders, maxBodySize);
  }

  /** Whether part of a request head has arrived and the rest has not. */
  public boolean partialHead() {
    return state == State.HEAD && buf != null && buf.isReadable();
  }

  /** Lets body content flow to the next handler (true) or holds it back (false). */
  public void setFlowing(boolean flowing) {
    this.flowing = flowing;
    if (flowing) {
      kick();
    }
  }

  /** Whether body content may flow now (the proxy is waiting for the client's bytes). */
  public boolean flowing() {
    return flowing && state == State.BODY;
  }

  /**
   * Stops parsing for good (the connection switched protocols) and hands over the bytes that came
   * after the request head, or an empty buffer.
   */
  public ByteBuf takeRemaining() {
    ByteBuf b = buf;
    buf = null;
    state = State.FAILED;
    return b == null ? Unpooled.EMPTY_BUFFER : b;
  }

  /** Starts parsing the next request after the previous exchange ended. */
  public void resume() {
    if (state == State.PAUSED) {
      state = State.HEAD;
      kick();
    }
  }

  private void kick() {
    ChannelHandlerContext c = ctx;
    if (c == null || draining) {
      return;
    }
    drain(c);
    readIfWanted(c);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseBuffer();
    state = State.FAILED;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    readIfWanted(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseBuffer();
    state = State.FAILED;
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.FAILED) {
      in.release();
      return;
    }
    buf = Cumulation.append(buf, in, ctx.alloc());
    drain(ctx);
    readIfWanted(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    readIfWanted(ctx);
    ctx.fireChannelReadComplete();
  }

  /**
   * Keeps the socket read interest on while the decoder can take more bytes, and turns it off only
   * when bytes are waiting that it cannot consume yet (a pipelined request during an exchange, or
   * body bytes while the backend is not writable). Reading stays on across an ordinary exchange,
   * which saves two epoll_ctl system calls per request compared with one-shot reads.
   */
  private void readIfWanted(ChannelHandlerContext ctx) {
    ByteBuf b = buf;
    boolean want =
        switch (state) {
          case HEAD -> true;
          case FAILED -> false;
          case PAUSED -> b == null || !b.isReadable();
          case BODY -> flowing || b == null || !b.isReadable();
        };
    ChannelConfig config = ctx.channel().config();
    if (want != config.isAutoRead() && ctx.channel().isActive()) {
      config.setAutoRead(want);
    }
  }

  private void releaseBuffer() {
    ByteBuf b = buf;
    buf = null;
    if (b != null) {
      b.release();
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (buf != null && step(ctx)) {
        // keep going while progress is made
      }
    } finally {
      draining = false;
    }
    ByteBuf b = buf;
    if (b != null && !b.isReadable()) {
      releaseBuffer();
    }
  }

  /** One parsing step; false when more input (or flow permission) is needed. */
  private boolean step(ChannelHandlerContext ctx) {
    ByteBuf b = buf;
    if (b == null) {
      return false;
    }
    // Nothing of a body, not even its end, goes on before the handler lets it flow: the end of a
    // body that arrives before the backend connection is ready must not be taken as sent.
    return switch (state) {
      case HEAD -> head(ctx, b);
      case BODY -> flowing && body(ctx, b);
      case PAUSED, FAILED -> false;
    };
  }

  private boolean head(ChannelHandlerContext ctx, ByteBuf b) {
    DecodedHead head = heads.read(b);
    if (head == null) {
      return false;
    } else if (head instanceof RequestError error) {
      return fail(ctx, error);
    }
    ParsedRequest request = (ParsedRequest) head;
    long length = request.contentLength();
    if (length == 0) {
      state = State.PAUSED;
    } else {
      state = State.BODY;
      if (length > 0) {
        body.startFixed(length);
      } else {
        body.startChunked();
      }
    }
    flowing = false;
    ctx.fireChannelRead(request);
    return true;
  }

  private boolean body(ChannelHandlerContext ctx, ByteBuf b) {
    int r = body.next(b);
    if (r == BodyFramer.DATA) {
      int n = body.available(b);
      DefaultHttpContent content = new DefaultHttpContent(b.readRetainedSlice(n));
      if (body.taken(n)) {
        state = State.PAUSED;
        ctx.fireChannelRead(content);
        ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
      } else {
        ctx.fireChannelRead(content);
      }
      return true;
    } else if (r == BodyFramer.END) {
      state = State.PAUSED;
      ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
      return true;
    } else if (r == BodyFramer.MORE) {
      return false;
    } else if (r == BodyFramer.BODY_TOO_LARGE) {
      return fail(
          ctx,
          new RequestError(
              HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
              "request body larger than " + maxBodySize + " bytes"));
    }
    HttpResponseStatus status =
        r == BodyFramer.TRAILERS_TOO_LARGE
            ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
            : HttpResponseStatus.BAD_REQUEST;
    return fail(ctx, new RequestError(status, body.problem()));
  }

  private boolean fail(ChannelHandlerContext ctx, RequestError error) {
    state = State.FAILED;
    releaseBuffer();
    ctx.fireChannelRead(error);
    return false;
  }
}
