package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * Byte-level HTTP/1.1 syntax shared by the request decoder and the backend response parser: field
 * whitespace, field-value bytes and the chunk-size line (RFC 9112 7.1).
 */
final class HttpSyntax {
  /** {@link #chunkSize} results below zero: what was wrong with the line. */
  static final long NOT_HEX = -1;

  static final long TOO_LARGE = -2;
  static final long BAD_AFTER_SIZE = -3;
  static final long CONTROL_IN_EXTENSION = -4;

  private static final byte SP = 32;
  private static final byte HTAB = 9;

  private HttpSyntax() {}

  /** Space or horizontal tab. */
  static boolean isWs(byte c) {
    return c == SP || c == HTAB;
  }

  /** A byte allowed in a field value: tab, visible ASCII, or any byte above 0x7f. */
  static boolean valueByte(byte c) {
    int u = c & 0xff;
    return u == HTAB || (u >= 0x20 && u != 0x7f);
  }

  /**
   * The chunk size in {@code b}'s bytes [{@code start}, {@code end}), a size line without its line
   * end: at most 15 hex digits, optional whitespace, then nothing or extensions starting with
   * {@code ;} and free of control characters. A negative result is one of the codes above.
   */
  static long chunkSize(ByteBuf b, int start, int end) {
    long size = 0;
    int i = start;
    int digit;
    while (i < end && (digit = hex(b.getByte(i))) >= 0) {
      if (i - start >= 15) {
        return TOO_LARGE;
      }
      size = size * 16 + digit;
      i++;
    }
    if (i == start) {
      return NOT_HEX;
    }
    while (i < end && isWs(b.getByte(i))) {
      i++;
    }
    if (i < end && b.getByte(i) != ';') {
      return BAD_AFTER_SIZE;
    }
    for (int j = i; j < end; j++) {
      if (!valueByte(b.getByte(j))) {
        return CONTROL_IN_EXTENSION;
      }
    }
    return size;
  }

  /** What a negative {@link #chunkSize} result means. */
  static String chunkSizeProblem(long code) {
    if (code == TOO_LARGE) {
      return "chunk size too large";
    } else if (code == NOT_HEX) {
      return "chunk size is not hexadecimal";
    } else if (code == BAD_AFTER_SIZE) {
      return "invalid character after chunk size";
    }
    return "control character in chunk extension";
  }

  private static int hex(byte c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }
}
