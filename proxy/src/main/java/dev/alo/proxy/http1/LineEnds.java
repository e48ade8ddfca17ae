package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/** How a line may end (RFC 9112 2.2). */
enum LineEnds {
  /**
   * CR LF only; a bare LF is an error. For requests: a recipient that reads a bare LF as a line end
   * where another reads it as data is a request-smuggling vector.
   */
  CRLF,

  /** CR LF or a bare LF, as RFC 9112 lets a recipient accept. For responses. */
  CRLF_OR_LF;

  /**
   * Where the content of the line that starts at {@code start} and whose LF is at {@code lf} ends:
   * before its CR, or at the LF when a bare LF is allowed; -1 when it is not.
   */
  int contentEnd(ByteBuf b, int start, int lf) {
    if (lf > start && b.getByte(lf - 1) == HttpSyntax.CR) {
      return lf - 1;
    }
    return this == CRLF ? -1 : lf;
  }
}
