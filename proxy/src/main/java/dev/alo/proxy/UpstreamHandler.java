package dev.alo.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import org.jspecify.annotations.Nullable;

/** The end of a backend connection's pipeline: hands responses to the exchange using it. */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class UpstreamHandler extends ChannelInboundHandlerAdapter {
  private final UpstreamPool pool;
  @Nullable BackendState backend;
  @Nullable ClientHandler owner;

  UpstreamHandler(UpstreamPool pool) {
    this.pool = pool;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ClientHandler o = owner;
    if (o == null) {
      // Nothing may arrive on an idle connection: the backend is out of step, drop the connection.
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    o.onUpstreamMessage(msg);
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
    ClientHandler o = owner;
    owner = null;
    if (o != null) {
      o.onUpstreamClosed(ctx.channel());
    } else if (backend != null) {
      pool.forget(backend, ctx.channel());
    }
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
