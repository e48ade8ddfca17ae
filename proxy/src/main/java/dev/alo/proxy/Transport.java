package dev.alo.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/**
 * The event loops and channel classes to use: native epoll where the platform has it, NIO
 * otherwise. Shared by the proxy and the load-test tools.
 */
public record Transport(
    String name,
    IoHandlerFactory ioHandlerFactory,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerSocketChannel> serverChannel) {

  /** Epoll when available, else NIO. */
  public static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport(
          "epoll",
          EpollIoHandler.newFactory(),
          EpollSocketChannel.class,
          EpollServerSocketChannel.class);
    }
    return new Transport(
        "nio", NioIoHandler.newFactory(), NioSocketChannel.class, NioServerSocketChannel.class);
  }

  /** A new group of {@code threads} event loops of this transport. */
  public EventLoopGroup newGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, ioHandlerFactory);
  }
}
