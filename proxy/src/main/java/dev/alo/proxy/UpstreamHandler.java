package dev.alo.proxy;

import dev.alo.proxy.http1.ResponseParser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/**
 * The end of a backend connection's pipeline: parses the responses ({@link ResponseParser}) and
 * hands them to the exchange using the connection. It also keeps where the request written on the
 * connection stands, so that the pool can tell whether both directions ended exactly at a message
 * boundary ({@link #reusable}).
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class UpstreamHandler extends ChannelInboundHandlerAdapter
    implements ResponseParser.Listener {
  private final UpstreamPool pool;
  final ResponseParser parser = new ResponseParser(this);
  private @Nullable ChannelHandlerContext ctx;
  @Nullable BackendState backend;
  @Nullable ClientHandler owner;

  /**
   * The request body still owed to the backend on this connection: body bytes for a Content-Length
   * body, {@link #CHUNKED_OPEN} until the last chunk of a chunked body was written, 0 at a message
   * boundary.
   */
  long requestLeft;

  static final long CHUNKED_OPEN = -1;

  UpstreamHandler(UpstreamPool pool) {
    this.pool = pool;
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
    ClientHandler o = owner;
    if (o == null) {
      unsolicited();
      return;
    }
    o.onResponseHead(head);
  }

  @Override
  public void onBody(ByteBuf data) {
    ClientHandler o = owner;
    if (o == null) {
      data.release();
      unsolicited();
      return;
    }
    o.onResponseBody(data);
  }

  @Override
  public void onEnd(ResponseParser response) {
    ClientHandler o = owner;
    if (o != null) {
      o.onResponseEnd(response);
    }
  }

  @Override
  public void onError(String reason) {
    ClientHandler o = owner;
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
    ClientHandler o = owner;
    if (o != null) {
      o.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ClientHandler o = owner;
    if (o != null) {
      o.onUpstreamWritabilityChanged(ctx.channel().isWritable());
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // A body delimited by the close ends here (the exchange may finish and let the connection go).
    parser.inputClosed();
    ClientHandler o = owner;
    owner = null;
    if (o != null) {
      o.onUpstreamClosed(ctx.channel());
    } else if (backend != null) {
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
