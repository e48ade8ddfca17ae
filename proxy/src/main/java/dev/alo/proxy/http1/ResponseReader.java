package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;

/**
 * The load generator's lean HTTP/1.1 response reader: it finds where each response ends (by {@code
 * Content-Length}, chunked encoding, or the connection closing) and keeps only the status and
 * whether the connection stays open, reading the head in place without allocating. Interim {@code
 * 1xx} responses are skipped. Not thread-safe; one per connection.
 */
public final class ResponseReader {
  /** A response head larger than this is refused. */
  static final int MAX_HEAD = 64 * 1024;

  /** Returned by {@link #read} when the bytes so far do not finish a response. */
  public static final int MORE = -1;

  private enum State {
    HEAD,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    TRAILERS,
    UNTIL_CLOSE
  }

  /** The response could not be read as HTTP/1.1. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;

    MalformedException(String message) {
      super(message);
    }
  }

  private State state = State.HEAD;
  private long remaining;
  private int status;
  private boolean keepAlive;

  /**
   * Consumes bytes of {@code in} up to the end of one response.
   *
   * @return the status of the response that ended, or {@link #MORE}; bytes after that response stay
   *     unread in {@code in}
   * @throws MalformedException when the bytes are not an HTTP/1.1 response
   */
  public int read(ByteBuf in) throws MalformedException {
    while (true) {
      switch (state) {
        case HEAD -> {
          int end = headEnd(in);
          if (end < 0) {
            if (in.readableBytes() > MAX_HEAD) {
              throw new MalformedException("response head over " + MAX_HEAD + " bytes");
            }
            return MORE;
          }
          int from = in.readerIndex();
          in.readerIndex(end + 4);
          if (head(in, from, end)) {
            return finish();
          }
        }
        case BODY -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          in.skipBytes(n);
          remaining -= n;
          if (remaining > 0) {
            return MORE;
          }
          return finish();
        }
        case CHUNK_SIZE -> {
          String line = line(in);
          if (line == null) {
            return MORE;
          }
          int semi = line.indexOf(';');
          String hex = (semi >= 0 ? line.substring(0, semi) : line).trim();
          long size;
          try {
            size = Long.parseLong(hex, 16);
          } catch (NumberFormatException e) {
            throw new MalformedException("chunk size '" + hex + "'");
          }
          if (size < 0) {
            throw new MalformedException("chunk size '" + hex + "'");
          }
          if (size == 0) {
            state = State.TRAILERS;
          } else {
            remaining = size + 2;
            state = State.CHUNK_DATA;
          }
        }
        case CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          in.skipBytes(n);
          remaining -= n;
          if (remaining > 0) {
            return MORE;
          }
          state = State.CHUNK_SIZE;
        }
        case TRAILERS -> {
          String line = line(in);
          if (line == null) {
            return MORE;
          }
          if (line.isEmpty()) {
            return finish();
          }
        }
        case UNTIL_CLOSE -> {
          in.skipBytes(in.readableBytes());
          return MORE;
        }
      }
    }
  }

  /**
   * The connection closed: the status of a response that the close completes (one without a
   * length), or {@link #MORE} when a response was cut short or none had begun.
   */
  public int closed() {
    return state == State.UNTIL_CLOSE ? finishAtClose() : MORE;
  }

  /** Whether the last complete response leaves the connection open. */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** Whether part of a response has been read. */
  boolean midResponse() {
    return state != State.HEAD;
  }

  private int finishAtClose() {
    state = State.HEAD;
    keepAlive = false;
    return status;
  }

  private int finish() {
    state = State.HEAD;
    return status;
  }

  // Parses the head in bytes [from, end) without copying it; true when the response has no body,
  // false when the body state is set (or an interim 1xx response was skipped and the state is
  // HEAD again).
  private boolean head(ByteBuf in, int from, int end) throws MalformedException {
    int eol = lineEnd(in, from, end);
    if (eol - from < 12
        || !matches(in, from, "http/1.")
        || in.getByte(from + 8) != ' '
        || !digit(in.getByte(from + 9))
        || !digit(in.getByte(from + 10))
        || !digit(in.getByte(from + 11))) {
      throw new MalformedException(
          "status line '" + in.toString(from, Math.min(eol - from, 200), US_ASCII) + "'");
    }
    int code =
        (in.getByte(from + 9) - '0') * 100
            + (in.getByte(from + 10) - '0') * 10
            + (in.getByte(from + 11) - '0');
    boolean http10 = in.getByte(from + 7) == '0';
    long length = -1;
    boolean chunked = false;
    int connection = 0; // 1: close, 2: keep-alive
    int at = eol + 2;
    while (at < end) {
      int lineEnd = lineEnd(in, at, end);
      int colon = in.indexOf(at, lineEnd, (byte) ':');
      if (colon <= at) {
        throw new MalformedException(
            "header line '" + in.toString(at, Math.min(lineEnd - at, 200), US_ASCII) + "'");
      }
      int v = colon + 1;
      while (v < lineEnd && (in.getByte(v) == ' ' || in.getByte(v) == '\t')) {
        v++;
      }
      int name = colon - at;
      if (name == 14 && matches(in, at, "content-length")) {
        length = number(in, v, lineEnd);
      } else if (name == 17 && matches(in, at, "transfer-encoding")) {
        chunked = contains(in, v, lineEnd, "chunked");
      } else if (name == 10 && matches(in, at, "connection")) {
        if (contains(in, v, lineEnd, "close")) {
          connection = 1;
        } else if (contains(in, v, lineEnd, "keep-alive")) {
          connection = 2;
        }
      }
      at = lineEnd + 2;
    }
    status = code;
    keepAlive = connection == 0 ? !http10 : connection == 2;
    if (code >= 100 && code < 200 && code != 101) {
      state = State.HEAD;
      return false;
    }
    if (code == 204 || code == 304 || (code >= 100 && code < 200)) {
      return true;
    }
    if (chunked) {
      state = State.CHUNK_SIZE;
      return false;
    }
    if (length >= 0) {
      if (length == 0) {
        return true;
      }
      remaining = length;
      state = State.BODY;
      return false;
    }
    keepAlive = false;
    state = State.UNTIL_CLOSE;
    return false;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  // The index of the next CR LF in [from, end), or end.
  private static int lineEnd(ByteBuf in, int from, int end) {
    for (int i = from; i < end - 1; i++) {
      if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
        return i;
      }
    }
    return end;
  }

  // Whether the bytes at `at` are `lower` ignoring ASCII case.
  private static boolean matches(ByteBuf in, int at, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      int b = in.getByte(at + i);
      if (b >= 'A' && b <= 'Z') {
        b += 'a' - 'A';
      }
      if (b != lower.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean contains(ByteBuf in, int from, int end, String lower) {
    for (int i = from; i + lower.length() <= end; i++) {
      if (matches(in, i, lower)) {
        return true;
      }
    }
    return false;
  }

  // A Content-Length value: digits, optionally followed by spaces.
  private static long number(ByteBuf in, int from, int end) throws MalformedException {
    long n = 0;
    int i = from;
    while (i < end && digit(in.getByte(i))) {
      if (n > (Long.MAX_VALUE - 9) / 10) {
        throw new MalformedException("Content-Length too large");
      }
      n = n * 10 + (in.getByte(i) - '0');
      i++;
    }
    int last = i;
    while (i < end && (in.getByte(i) == ' ' || in.getByte(i) == '\t')) {
      i++;
    }
    if (last == from || i != end) {
      throw new MalformedException(
          "Content-Length '" + in.toString(from, Math.min(end - from, 200), US_ASCII).trim() + "'");
    }
    return n;
  }

  // The index of "\r\n\r\n" from the reader index, or -1.
  private static int headEnd(ByteBuf in) {
    int end = in.writerIndex() - 3;
    for (int i = in.readerIndex(); i < end; i++) {
      if (in.getByte(i) == '\r'
          && in.getByte(i + 1) == '\n'
          && in.getByte(i + 2) == '\r'
          && in.getByte(i + 3) == '\n') {
        return i;
      }
    }
    return -1;
  }

  // One CRLF-terminated line (without the CRLF), consumed; null when it is not complete yet.
  private static @org.jspecify.annotations.Nullable String line(ByteBuf in)
      throws MalformedException {
    int end = in.writerIndex() - 1;
    for (int i = in.readerIndex(); i < end; i++) {
      if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n') {
        String s = in.toString(in.readerIndex(), i - in.readerIndex(), US_ASCII);
        in.readerIndex(i + 2);
        return s;
      }
    }
    if (in.readableBytes() > MAX_HEAD) {
      throw new MalformedException("chunk line over " + MAX_HEAD + " bytes");
    }
    return null;
  }
}
