package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * Byte-level HTTP/1.1 syntax shared by every parser here: tokens, field whitespace and value bytes,
 * a field line, and the chunk-size line (RFC 9110 5.6.2, RFC 9112 5 and 7.1).
 */
final class HttpSyntax {
  /** {@link #chunkSize} results below zero: what was wrong with the line. */
  static final long NOT_HEX = -1;

  static final long TOO_LARGE = -2;
  static final long BAD_AFTER_SIZE = -3;
  static final long CONTROL_IN_EXTENSION = -4;

  static final byte CR = 13;
  static final byte LF = 10;
  static final byte SP = 32;
  static final byte HTAB = 9;

  private static final boolean[] TCHAR = new boolean[256];

  static {
    for (int c = '0'; c <= '9'; c++) {
      TCHAR[c] = true;
    }
    for (int c = 'a'; c <= 'z'; c++) {
      TCHAR[c] = true;
      TCHAR[c - 32] = true;
    }
    for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
      TCHAR[c] = true;
    }
  }

  private HttpSyntax() {}

  /** A byte of a token (method, field name, transfer coding). */
  static boolean tchar(byte c) {
    return TCHAR[c & 0xff];
  }

  /** Whether the character is a token character (false beyond Latin-1). */
  static boolean tchar(char c) {
    return c < 256 && TCHAR[c];
  }

  /** Space or horizontal tab. */
  static boolean isWs(byte c) {
    return c == SP || c == HTAB;
  }

  /** A byte allowed in a field value: tab, visible ASCII, or any byte above 0x7f. */
  static boolean valueByte(byte c) {
    int u = c & 0xff;
    return u == HTAB || (u >= 0x20 && u != 0x7f);
  }

  static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  /** Whether the bytes at {@code at} are {@code lower} (lower-case ASCII), ignoring ASCII case. */
  static boolean named(byte[] a, int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      int c = a[at + i];
      if (c >= 'A' && c <= 'Z') {
        c += 32;
      }
      if (c != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The index of {@code value} in {@code a[from, to)}, or -1. */
  static int indexOf(byte[] a, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (a[i] == value) {
        return i;
      }
    }
    return -1;
  }

  /** {@link #fieldColon} results below zero: what is wrong with a field line. */
  static final int OBS_FOLD = -1;

  static final int NO_COLON = -2;
  static final int EMPTY_NAME = -3;
  static final int BAD_NAME = -4;
  static final int BAD_VALUE = -5;

  /**
   * Where the colon is in {@code a[s, e)} when it is a well-formed field line ({@code token ":"
   * value}, not folded, no control characters in the value), else one of the codes above. One pass
   * over the name.
   */
  static int fieldColon(byte[] a, int s, int e) {
    if (isWs(a[s])) {
      return OBS_FOLD;
    }
    int colon = s;
    while (colon < e && a[colon] != ':') {
      if (!tchar(a[colon])) {
        return BAD_NAME;
      }
      colon++;
    }
    if (colon == e) {
      return NO_COLON;
    }
    if (colon == s) {
      return EMPTY_NAME;
    }
    for (int i = colon + 1; i < e; i++) {
      if (!valueByte(a[i])) {
        return BAD_VALUE;
      }
    }
    return colon;
  }

  /** What a negative {@link #fieldColon} result means. */
  static String fieldProblem(int code) {
    return switch (code) {
      case OBS_FOLD -> "obsolete line folding";
      case NO_COLON -> "header line without a colon";
      case EMPTY_NAME -> "empty header name";
      case BAD_NAME -> "invalid character in header name";
      default -> "control character in header value";
    };
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
