package dev.alo.proxy;

import static dev.alo.proxy.ErrorResponses.CRLF;
import static dev.alo.proxy.ErrorResponses.HTTP11;
import static dev.alo.proxy.ErrorResponses.VIA;

import dev.alo.engine.balance.KeyHash;
import dev.alo.proxy.http1.ParsedRequest;
import dev.alo.proxy.http1.RequestError;
import dev.alo.proxy.http1.ResponseParser;
import dev.alo.proxy.http1.StrictRequestDecoder;
import dev.alo.proxy.upstream.LazyTimer;
import dev.alo.proxy.upstream.UpstreamHandler;
import dev.alo.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * One client connection: its lifecycle (counted against the connection limit), the timers between
 * requests (idle keep-alive, header read) on the proxy's clock, and its requests served one at a
 * time, each by the connection's one reused {@link Exchange}. Keeps the connection open between
 * requests (keep-alive) unless the client or the exchange ends it; a request pipelined behind
 * another waits in the decoder until the exchange ends.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ClientConnection extends ChannelInboundHandlerAdapter {
  private final ProxyContext proxy;
  private final StrictRequestDecoder decoder;
  private final Channel channel;
  private final LazyTimer waitTimer;
  private final Exchange exchange;
  private long connectionKey;
  private String clientIp = "unknown";
  private boolean headTimed;

  /** The handler of {@code channel} (registered, on its event loop), behind {@code decoder}. */
  ClientConnection(
      ProxyContext proxy, UpstreamPool pool, StrictRequestDecoder decoder, Channel channel) {
    this.proxy = proxy;
    this.decoder = decoder;
    this.channel = channel;
    this.waitTimer = new LazyTimer(channel.eventLoop(), proxy.clock(), this::onWaitTimeout);
    this.exchange = new Exchange(this, proxy, pool, decoder, channel);
  }

  /** The client's address as text ({@code unknown} when it has none). */
  String clientIp() {
    return clientIp;
  }

  /** A hash of the client's address, for the balancer's hash keys. */
  long key() {
    return connectionKey;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
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
    waitTimer.arm(proxy.config().timeouts().idle().toNanos());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    proxy.connectionClosed();
    waitTimer.stop();
    exchange.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      // The client half-closed (reading stays on during exchanges, so this can arrive early): a
      // complete request is still answered, then the connection closes.
      if (!exchange.active()) {
        ctx.close();
      } else if (!exchange.requestDone()) {
        exchange.drop();
        ctx.close();
      } else {
        exchange.closeAfter();
      }
      return;
    }
    if (evt instanceof IdleStateEvent
        && exchange.active()
        && !exchange.requestDone()
        && decoder.flowing()) {
      // The client stopped sending its body while the proxy was ready to take it.
      exchange.refuse(HttpResponseStatus.REQUEST_TIMEOUT, "request body not received in time");
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    // The header-read timeout runs from the first read of a head that is not complete yet.
    if (!exchange.active() && !headTimed && decoder.partialHead()) {
      headTimed = true;
      waitTimer.arm(proxy.config().timeouts().headerRead().toNanos());
    }
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ParsedRequest pr) {
      waitTimer.disarm();
      headTimed = false;
      exchange.start(pr);
    } else if (msg instanceof HttpContent content) {
      exchange.onRequestContent(content);
    } else if (msg instanceof RequestError error) {
      if (exchange.active()) {
        exchange.refuse(error.status(), error.reason());
      } else {
        proxy.clientErrors().increment();
        refuse(error.status(), error.reason());
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    exchange.onClientWritabilityChanged(ctx.channel().isWritable());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }

  /** Between requests: a partial head is too slow (408), an idle connection is closed. */
  private void onWaitTimeout() {
    if (exchange.active()) {
      return;
    }
    if (decoder.partialHead()) {
      proxy.clientErrors().increment();
      refuse(HttpResponseStatus.REQUEST_TIMEOUT, "request head not received in time");
    } else {
      channel.close();
    }
  }

  /** Answers {@code status} to a request that never became an exchange, and closes. */
  private void refuse(HttpResponseStatus status, String reason) {
    waitTimer.disarm();
    byte[] body = ErrorResponses.body(status, reason);
    AccessLog access = proxy.accessLog();
    if (access != null) {
      access.recordRefused(clientIp, status.code(), body.length, reason);
    }
    channel
        .writeAndFlush(ErrorResponses.closing(status, body))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** The exchange is over: close, or wait for the next request (keep-alive). */
  void exchangeEnded(boolean close) {
    if (close) {
      channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    headTimed = false;
    waitTimer.arm(proxy.config().timeouts().idle().toNanos());
    decoder.resume();
  }

  /**
   * The backend switched protocols (WebSocket): the 101 goes to the client, then both connections
   * lose their HTTP handlers and relay raw bytes both ways until either side closes.
   */
  void becomeTunnel(Channel up, ResponseParser p) {
    waitTimer.stop();
    Channel client = channel;
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
    ProxyContext px = proxy;
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
}
