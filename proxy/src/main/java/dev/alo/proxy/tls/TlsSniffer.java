package dev.alo.proxy.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * First handler of a TLS listener's connection: looks at the first bytes and puts the TLS handler
 * in its place when they start a TLS record; a plain HTTP request gets a 400 that says so (as nginx
 * does) and anything else is closed. The handshake timeout runs from the connection's start.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class TlsSniffer extends ByteToMessageDecoder {
  private static final int RECORD_HEADER = 5;
  private static final byte[] PLAIN_HTTP_BODY =
      "alo: 400 Bad Request: plain HTTP sent to the HTTPS port (use https://)\n".getBytes(US_ASCII);
  private static final byte[] PLAIN_HTTP_RESPONSE =
      ("HTTP/1.1 400 Bad Request\r\n"
              + "Content-Type: text/plain; charset=utf-8\r\n"
              + "Content-Length: "
              + PLAIN_HTTP_BODY.length
              + "\r\n"
              + "Connection: close\r\n"
              + "Via: 1.1 alo\r\n"
              + "\r\n"
              + new String(PLAIN_HTTP_BODY, US_ASCII))
          .getBytes(US_ASCII);

  private final ServerTls tls;
  private final LongSupplier nanoClock;
  private final Runnable onClientError;
  private final Runnable onHandshakeFailure;
  private final long timeoutNanos;
  private long deadline;
  private boolean rejected;
  private @Nullable ScheduledFuture<?> timeout;

  TlsSniffer(
      ServerTls tls, LongSupplier nanoClock, Runnable onClientError, Runnable onHandshakeFailure) {
    this.tls = tls;
    this.nanoClock = nanoClock;
    this.onClientError = onClientError;
    this.onHandshakeFailure = onHandshakeFailure;
    this.timeoutNanos = Math.max(1, tls.config().handshakeTimeout().toNanos());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    deadline = nanoClock.getAsLong() + timeoutNanos;
    timeout =
        ctx.executor()
            .schedule(
                () -> {
                  if (!rejected) {
                    onHandshakeFailure.run();
                  }
                  ctx.close();
                },
                timeoutNanos,
                TimeUnit.NANOSECONDS);
  }

  @Override
  protected void handlerRemoved0(ChannelHandlerContext ctx) {
    ScheduledFuture<?> t = timeout;
    if (t != null) {
      t.cancel(false);
    }
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (rejected) {
      in.skipBytes(in.readableBytes());
      return;
    }
    if (in.readableBytes() < RECORD_HEADER) {
      return;
    }
    if (SslHandler.isEncrypted(in, false)) {
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - nanoClock.getAsLong());
      SslHandler handler = tls.newHandler(ctx.alloc(), left);
      handler
          .handshakeFuture()
          .addListener(
              f -> {
                if (!f.isSuccess()) {
                  onHandshakeFailure.run();
                }
              });
      ctx.pipeline().replace(this, "tls", handler);
      return;
    }
    // Not TLS: nothing of it may reach the HTTP handlers behind.
    rejected = true;
    onHandshakeFailure.run();
    int first = in.getUnsignedByte(in.readerIndex());
    in.skipBytes(in.readableBytes());
    if (first >= 'A' && first <= 'Z') {
      onClientError.run();
      ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_HTTP_RESPONSE))
          .addListener(ChannelFutureListener.CLOSE);
    } else {
      ctx.close();
    }
  }
}
