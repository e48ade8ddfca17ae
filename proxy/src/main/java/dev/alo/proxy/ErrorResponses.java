package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;

/**
 * The responses the proxy makes itself (400, 408, 413, 431, 502, 503, 504...): a short text body
 * that says why, and the few header lines the proxy writes on every response it sends.
 */
final class ErrorResponses {
  static final byte[] CRLF = {'\r', '\n'};
  static final byte[] HTTP11 = "HTTP/1.1 ".getBytes(ISO_8859_1);
  static final byte[] HTTP10 = "HTTP/1.0 ".getBytes(ISO_8859_1);
  static final byte[] VIA = "via: 1.1 alo\r\n".getBytes(ISO_8859_1);
  static final byte[] CLOSE = "connection: close\r\n".getBytes(ISO_8859_1);
  static final byte[] KEEP_ALIVE = "connection: keep-alive\r\n".getBytes(ISO_8859_1);

  private ErrorResponses() {}

  /** The body: {@code alo: 502 Bad Gateway: <reason>} and a line end. */
  static byte[] body(HttpResponseStatus status, String reason) {
    return ("alo: " + status.code() + " " + status.reasonPhrase() + ": " + reason + "\n")
        .getBytes(UTF_8);
  }

  /**
   * The whole response: {@code body} as text, {@code connection} (a Connection field line, or null)
   * and, for a HEAD request, the length but not the body.
   */
  static ByteBuf of(
      boolean http10,
      HttpResponseStatus status,
      byte[] body,
      byte @Nullable [] connection,
      boolean head) {
    ByteBuf out = Unpooled.buffer(160 + body.length);
    out.writeBytes(http10 ? HTTP10 : HTTP11);
    out.writeCharSequence(
        status.code()
            + " "
            + status.reasonPhrase()
            + "\r\ncontent-type: text/plain; charset=utf-8\r\ncontent-length: "
            + body.length
            + "\r\n",
        ISO_8859_1);
    out.writeBytes(VIA);
    if (connection != null) {
      out.writeBytes(connection);
    }
    out.writeBytes(CRLF);
    if (!head) {
      out.writeBytes(body);
    }
    return out;
  }

  /** The response to a request that ends the connection: HTTP/1.1, {@code connection: close}. */
  static ByteBuf closing(HttpResponseStatus status, byte[] body) {
    return of(false, status, body, CLOSE, false);
  }

  /**
   * The response to an exchange: the client's version, {@code connection: close} when the
   * connection ends after it, {@code connection: keep-alive} for an HTTP/1.0 client that keeps it.
   */
  static ByteBuf forExchange(
      boolean http10, HttpResponseStatus status, byte[] body, boolean close, boolean head) {
    return of(http10, status, body, close ? CLOSE : http10 ? KEEP_ALIVE : null, head);
  }
}
