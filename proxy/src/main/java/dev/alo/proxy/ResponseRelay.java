package dev.alo.proxy;

import static dev.alo.proxy.ErrorResponses.CLOSE;
import static dev.alo.proxy.ErrorResponses.CRLF;
import static dev.alo.proxy.ErrorResponses.HTTP10;
import static dev.alo.proxy.ErrorResponses.HTTP11;
import static dev.alo.proxy.ErrorResponses.KEEP_ALIVE;
import static dev.alo.proxy.ErrorResponses.VIA;
import static java.nio.charset.StandardCharsets.ISO_8859_1;

import dev.alo.proxy.http1.ResponseParser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import org.jspecify.annotations.Nullable;

/**
 * Writes one backend response to the client as it arrives: the head rewritten for the client (its
 * HTTP version, framing, Via, Connection), the body (small pieces copied into the head's buffer, so
 * that head and body leave in one write; re-chunked when the backend gave no length), and the end
 * with any trailers. Reused by the exchanges of one connection, on its event loop.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
final class ResponseRelay {
  private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(ISO_8859_1);

  /** Response bodies up to this size are copied into the head's buffer: one buffer, one write. */
  private static final int COPY_BODY_MAX = 2048;

  private final Channel client;
  private final byte[] scratch;

  // A response head not written yet: it waits for the body to go out with it as one message.
  private @Nullable ByteBuf pendingHead;
  // The response goes to the client chunked (its length is not known up front).
  private boolean chunked;

  /** A relay to {@code client}, copying through {@code scratch} (shared on the event loop). */
  ResponseRelay(Channel client, byte[] scratch) {
    this.client = client;
    this.scratch = scratch;
  }

  /**
   * Prepares the head of response {@code p} (status 200 or above) for an {@code http10} client or
   * not, to a HEAD request or not, saying {@code connection: close} when {@code close}. A body of
   * unknown length goes chunked to an HTTP/1.1 client (an HTTP/1.0 one must be closed after it).
   */
  void head(ResponseParser p, boolean http10, boolean headRequest, boolean close) {
    chunked = p.lengthUnknown() && !http10;
    boolean teHeader = chunked || (!p.lengthUnknown() && headRequest && p.chunked());
    ByteBuf out = client.alloc().buffer(512);
    out.writeBytes(http10 ? HTTP10 : HTTP11);
    p.writeStatus(out);
    out.writeBytes(CRLF);
    p.writeHeaders(out, false);
    if (teHeader) {
      out.writeBytes(CHUNKED);
    }
    out.writeBytes(VIA);
    if (close) {
      out.writeBytes(CLOSE);
    } else if (http10) {
      out.writeBytes(KEEP_ALIVE);
    }
    out.writeBytes(CRLF);
    // Written with the body when it comes in the same read (one buffer, one system call), else at
    // the end of the read.
    pendingHead = out;
  }

  /** Relays a piece of the body ({@code data} is consumed); returns its size. */
  int body(ByteBuf data) {
    int n = data.readableBytes();
    Channel c = client;
    ByteBuf head = pendingHead;
    if (chunked) {
      ByteBuf size = head != null ? head : c.alloc().buffer(20);
      pendingHead = null;
      ByteBufUtil.writeAscii(size, Integer.toHexString(n));
      size.writeBytes(CRLF);
      if (n <= COPY_BODY_MAX) {
        copy(data, size);
        size.writeBytes(CRLF);
        c.write(size, c.voidPromise());
      } else {
        c.write(size, c.voidPromise());
        c.write(data, c.voidPromise());
        c.write(c.alloc().buffer(2).writeBytes(CRLF), c.voidPromise());
      }
      return n;
    }
    if (head != null && n <= COPY_BODY_MAX) {
      copy(data, head);
      return n;
    }
    writePendingHead();
    c.write(data, c.voidPromise());
    return n;
  }

  /** Ends the response (the last chunk and trailers when chunked) and flushes it. */
  void end(ResponseParser p) {
    Channel c = client;
    if (chunked) {
      ByteBuf end = pendingHead;
      pendingHead = null;
      if (end == null) {
        end = c.alloc().buffer(64);
      }
      end.writeByte('0');
      end.writeBytes(CRLF);
      p.writeTrailers(end);
      end.writeBytes(CRLF);
      c.writeAndFlush(end, c.voidPromise());
    } else {
      writePendingHead();
      c.flush();
    }
  }

  /** Sends what the last read from the backend gave (the end of a read). */
  void flush() {
    writePendingHead();
    client.flush();
  }

  /** Drops a head not sent (the exchange ended before it could go). */
  void discard() {
    ByteBuf head = pendingHead;
    pendingHead = null;
    if (head != null) {
      head.release();
    }
  }

  private void writePendingHead() {
    ByteBuf head = pendingHead;
    if (head != null) {
      pendingHead = null;
      client.write(head, client.voidPromise());
    }
  }

  /**
   * Copies a small {@code data} (released) into {@code out} through an array: a direct-to-direct
   * ByteBuf copy costs Netty a ByteBuffer view per call.
   */
  private void copy(ByteBuf data, ByteBuf out) {
    int n = data.readableBytes();
    data.readBytes(scratch, 0, n);
    out.writeBytes(scratch, 0, n);
    data.release();
  }
}
