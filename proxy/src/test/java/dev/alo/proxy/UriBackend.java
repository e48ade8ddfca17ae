package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * Test backend that says which request it answers: the body (and an {@code x-uri} header, for HEAD)
 * carries the request's URI. {@code early}: it answers as soon as the head has arrived and reads
 * the body afterwards (like nginx's {@code return} and {@code alo backend}); else it answers after
 * the whole body, with the body's length after the URI.
 */
@SuppressWarnings("FutureReturnValueIgnored")
final class UriBackend implements AutoCloseable {
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel server;

  UriBackend(boolean early) {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline().addLast(new HttpServerCodec()).addLast(new Answer(early));
                  }
                })
            .bind(Fixtures.anyPort())
            .syncUninterruptibly()
            .channel();
  }

  private static final class Answer extends ChannelInboundHandlerAdapter {
    private final boolean early;
    private String uri = "";
    private boolean keepAlive;
    private long bodyBytes;

    Answer(boolean early) {
      this.early = early;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      try {
        if (msg instanceof HttpRequest req) {
          if (req.decoderResult().isFailure()) {
            ctx.close();
            return;
          }
          uri = req.uri();
          keepAlive = HttpUtil.isKeepAlive(req);
          bodyBytes = 0;
          if (early) {
            answer(ctx, uri);
          }
        }
        if (msg instanceof HttpContent c) {
          if (c.decoderResult().isFailure()) {
            ctx.close();
            return;
          }
          bodyBytes += c.content().readableBytes();
          if (msg instanceof LastHttpContent && !early) {
            answer(ctx, uri + " " + bodyBytes);
          }
        }
      } finally {
        ReferenceCountUtil.release(msg);
      }
    }

    private void answer(ChannelHandlerContext ctx, String text) {
      FullHttpResponse r =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              HttpResponseStatus.OK,
              Unpooled.wrappedBuffer(text.getBytes(ISO_8859_1)));
      r.headers().set("content-length", text.length()).set("x-uri", uri);
      if (keepAlive) {
        ctx.writeAndFlush(r);
      } else {
        ctx.writeAndFlush(r).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

  BackendAddress address() {
    return new BackendAddress(
        "127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort(), 1);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
