package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Test backend that answers every complete request head with fixed raw bytes, written in pieces of
 * {@code piece} bytes (each flushed alone), then closes when asked to.
 */
@SuppressWarnings("FutureReturnValueIgnored")
final class ScriptedBackend implements AutoCloseable {
  final CopyOnWriteArrayList<String> requests = new CopyOnWriteArrayList<>();
  private final EventLoopGroup group = Transport.best().newGroup(1);
  private final Channel server;

  ScriptedBackend(String response, int piece, boolean closeAfter) {
    byte[] bytes = response.getBytes(ISO_8859_1);
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
                              private final StringBuilder seen = new StringBuilder();

                              @Override
                              public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                ByteBuf in = (ByteBuf) msg;
                                seen.append(in.toString(ISO_8859_1));
                                in.release();
                                int end = seen.indexOf("\r\n\r\n");
                                if (end < 0) {
                                  return;
                                }
                                requests.add(seen.substring(0, end + 4));
                                seen.delete(0, end + 4);
                                for (int i = 0; i < bytes.length; i += piece) {
                                  int n = Math.min(piece, bytes.length - i);
                                  ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes, i, n));
                                }
                                if (closeAfter) {
                                  ctx.writeAndFlush(Unpooled.EMPTY_BUFFER)
                                      .addListener(ChannelFutureListener.CLOSE);
                                }
                              }
                            });
                  }
                })
            .bind(Fixtures.anyPort())
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
