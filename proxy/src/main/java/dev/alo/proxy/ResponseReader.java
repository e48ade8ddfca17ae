package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import java.util.Locale;

/**
 * The load generator's lean HTTP/1.1 response reader: it finds where each response ends (by {@code
 * Content-Length}, chunked encoding, or the connection closing) and keeps only the status and
 * whether the connection stays open, allocating one string per response head. Interim {@code 1xx}
 * responses are skipped. Not thread-safe; one per connection.
 */
final class ResponseReader {
  /** A response head larger than this is refused. */
  static final int MAX_HEAD = 64 * 1024;

  /** Returned by {@link #read} when the bytes so far do not finish a response. */
  static final int MORE = -1;

  private enum State {
    HEAD,
    BODY,
    CHUNK_SIZE,
    CHUNK_DATA,
    TRAILERS,
    UNTIL_CLOSE
  }

  /** The response could not be read as HTTP/1.1. */
  static final class MalformedException extends Exception {
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
  int read(ByteBuf in) throws MalformedException {
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
          String head = in.toString(in.readerIndex(), end - in.readerIndex(), US_ASCII);
          in.readerIndex(end + 4);
          if (head(head)) {
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
  int closed() {
    return state == State.UNTIL_CLOSE ? finishAtClose() : MORE;
  }

  /** Whether the last complete response leaves the connection open. */
  boolean keepAlive() {
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

  // Parses a head; true when the response has no body, false when the body state is set (or an
  // interim 1xx response was skipped and the state is HEAD again).
  private boolean head(String head) throws MalformedException {
    int eol = head.indexOf("\r\n");
    String statusLine = eol < 0 ? head : head.substring(0, eol);
    if (statusLine.length() < 12
        || !statusLine.startsWith("HTTP/1.")
        || statusLine.charAt(8) != ' ') {
      throw new MalformedException("status line '" + statusLine + "'");
    }
    int code;
    try {
      code = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new MalformedException("status line '" + statusLine + "'");
    }
    boolean http10 = statusLine.charAt(7) == '0';
    long length = -1;
    boolean chunked = false;
    Boolean connectionClose = null;
    int at = eol < 0 ? head.length() : eol + 2;
    while (at < head.length()) {
      int next = head.indexOf("\r\n", at);
      String field = head.substring(at, next < 0 ? head.length() : next);
      at = next < 0 ? head.length() : next + 2;
      int colon = field.indexOf(':');
      if (colon <= 0) {
        throw new MalformedException("header line '" + field + "'");
      }
      String name = field.substring(0, colon);
      String value = field.substring(colon + 1).trim();
      if (name.equalsIgnoreCase("content-length")) {
        try {
          length = Long.parseLong(value);
        } catch (NumberFormatException e) {
          throw new MalformedException("Content-Length '" + value + "'");
        }
        if (length < 0) {
          throw new MalformedException("Content-Length '" + value + "'");
        }
      } else if (name.equalsIgnoreCase("transfer-encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
      } else if (name.equalsIgnoreCase("connection")) {
        String v = value.toLowerCase(Locale.ROOT);
        if (v.contains("close")) {
          connectionClose = true;
        } else if (v.contains("keep-alive")) {
          connectionClose = false;
        }
      }
    }
    status = code;
    keepAlive = connectionClose == null ? !http10 : !connectionClose;
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
