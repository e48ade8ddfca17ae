package dev.alo.proxy;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Test backend that reads a request and closes the connection without answering. */
@SuppressWarnings("FutureReturnValueIgnored")
public final class ClosingBackend implements AutoCloseable {
  final AtomicInteger requests = new AtomicInteger();
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel server;

  public ClosingBackend() {
    server =
        new ServerBootstrap()
            .group(group)
            .channel(Transport.best().serverChannel())
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    ch.pipeline()
                        .addLast(
                            new ChannelInboundHandlerAdapter() {
                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ReferenceCountUtil.release(msg);
                                requests.incrementAndGet();
                                ctx.close();
                              }
                            });
                  }
                })
            .bind(Fixtures.anyPort())
            .syncUninterruptibly()
            .channel();
  }

  public BackendAddress address() {
    return new BackendAddress(
        "127.0.0.1", ((InetSocketAddress) server.localAddress()).getPort(), 1);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }
}
