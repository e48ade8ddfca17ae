package dev.alo.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Test backend: answers with the request body, and remembers the heads it received. */
@SuppressWarnings("FutureReturnValueIgnored")
final class EchoBackend implements AutoCloseable {
  final CopyOnWriteArrayList<HttpHeaders> heads = new CopyOnWriteArrayList<>();
  final CopyOnWriteArrayList<String> uris = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel server;

  EchoBackend() {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(
                            new SimpleChannelInboundHandler<FullHttpRequest>() {
                              @Override
                              protected void channelRead0(
                                  ChannelHandlerContext ctx, FullHttpRequest req) {
                                heads.add(req.headers().copy());
                                uris.add(req.uri());
                                ByteBuf body = req.content().retain();
                                FullHttpResponse r =
                                    new DefaultFullHttpResponse(
                                        HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
                                r.headers().set("content-length", body.readableBytes());
                                ctx.writeAndFlush(r);
                              }

                              @Override
                              public void exceptionCaught(ChannelHandlerContext ctx, Throwable t) {
                                // A peer gone mid-body (tests do that on purpose): just close.
                                ctx.close();
                              }
                            });
                  }
                })
            .bind(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0))
            .syncUninterruptibly()
            .channel();
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
