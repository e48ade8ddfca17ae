package dev.alo.proxy.upstream;

import dev.alo.proxy.http1.ResponseParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * The end of a backend connection's pipeline: parses the responses ({@link ResponseParser}) and
 * hands them to the exchange using the connection ({@link UpstreamListener}). It also keeps where
 * the request written on the connection stands, so that the pool can tell whether both directions
 * ended exactly at a message boundary ({@link #reusable}). An idle connection is closed after the
 * pool's idle timeout.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class UpstreamHandler extends ChannelInboundHandlerAdapter
    implements ResponseParser.Listener {
  private static final long CHUNKED_OPEN = -1;

  private final UpstreamPool pool;
  private final BackendState backend;
  private final long idleMillis;
  private final ResponseParser parser = new ResponseParser(this);
  private @Nullable ChannelHandlerContext ctx;
  private @Nullable UpstreamListener owner;

  /**
   * The request body still owed to the backend on this connection: body bytes for a Content-Length
   * body, {@link #CHUNKED_OPEN} until the last chunk of a chunked body was written, 0 at a message
   * boundary.
   */
  private long requestLeft;

  UpstreamHandler(UpstreamPool pool, BackendState backend, long idleMillis) {
    this.pool = pool;
    this.backend = backend;
    this.idleMillis = idleMillis;
  }

  /**
   * Hands the connection to {@code listener} for one request, whose response has no body when
   * {@code headRequest}.
   */
  public void attach(UpstreamListener listener, boolean headRequest) {
    owner = listener;
    parser.expect(headRequest);
  }

  /** Lets go of the connection if {@code listener} holds it. */
  public void detach(UpstreamListener listener) {
    if (owner == listener) {
      owner = null;
    }
  }

  /** The request head was written: its body is {@code contentLength} bytes, or chunked if < 0. */
  public void requestBodyOwed(long contentLength) {
    requestLeft = contentLength < 0 ? CHUNKED_OPEN : contentLength;
  }

  /** {@code n} bytes of a Content-Length request body were written. */
  public void requestBodyWritten(int n) {
    requestLeft -= n;
  }

  /** The request was written whole (the last chunk of a chunked body included). */
  public void requestEnded() {
    requestLeft = 0;
  }

  /** Lets go of the connection without closing it (returned to the pool). */
  void release() {
    owner = null;
  }

  /**
   * Whether the connection may carry another request: the last request was written whole and its
   * response read whole, with nothing after it, from a backend that keeps the connection open.
   */
  boolean reusable() {
    return requestLeft == 0 && parser.atBoundary();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    if (idleMillis > 0) {
      ctx.pipeline()
          .addBefore(
              ctx.name(), "idle", new IdleStateHandler(idleMillis, 0, 0, TimeUnit.MILLISECONDS));
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf in) {
      parser.feed(in);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void onHead(ResponseParser head) {
    UpstreamListener o = owner;
    if (o == null) {
      unsolicited();
      return;
    }
    o.onResponseHead(head);
  }

  @Override
  public void onBody(ByteBuf data) {
    UpstreamListener o = owner;
    if (o == null) {
      data.release();
      unsolicited();
      return;
    }
    o.onResponseBody(data);
  }

  @Override
  public void onEnd(ResponseParser response) {
    UpstreamListener o = owner;
    if (o != null) {
      o.onResponseEnd(response);
    }
  }

  @Override
  public void onError(String reason) {
    UpstreamListener o = owner;
    if (o != null) {
      o.onResponseError(reason);
    }
    ChannelHandlerContext c = ctx;
    if (c != null) {
      c.close();
    }
  }

  /** Nothing may arrive on an idle connection: the backend is out of step, drop the connection. */
  private void unsolicited() {
    parser.stop();
    ChannelHandlerContext c = ctx;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    UpstreamListener o = owner;
    if (o != null) {
      o.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    UpstreamListener o = owner;
    if (o != null) {
      o.onUpstreamWritabilityChanged(ctx.channel().isWritable());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body delimited by the close ends here (the exchange may finish and let the connection go).
    parser.inputClosed();
    UpstreamListener o = owner;
    owner = null;
    if (o != null) {
      o.onUpstreamClosed(ctx.channel());
    } else {
      pool.forget(backend, ctx.channel());
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    parser.stop();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof IdleStateEvent && owner == null) {
      ctx.close();
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
