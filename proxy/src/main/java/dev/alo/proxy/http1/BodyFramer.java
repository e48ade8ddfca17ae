package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * Where a message body ends (RFC 9112 6.3 and 7.1): after a fixed number of bytes, after the last
 * chunk and the trailer section of a chunked body, or when the connection closes. It reads the
 * framing (chunk-size lines, the line end after each chunk's data, the trailer section) and tells
 * where the body's own bytes are; the caller takes them, as slices or by skipping them, and says
 * how many ({@link #taken}). Framing bytes are consumed as they are read, a trailer section once it
 * is complete; its lines stay readable behind the reader index ({@link #writeTrailers}).
 *
 * <p>One body at a time: {@code start...} begins the next.
 */
final class BodyFramer {
  /** {@link #next}: more input is needed. */
  static final int MORE = 0;

  /** {@link #next}: body bytes are readable at the reader index ({@link #available}). */
  static final int DATA = 1;

  /** {@link #next}: the body is complete. */
  static final int END = 2;

  /** {@link #next}: the framing is malformed ({@link #problem}). */
  static final int MALFORMED = -1;

  /** {@link #next}: the chunks add up to more than the body limit. */
  static final int BODY_TOO_LARGE = -2;

  /** {@link #next}: the trailer section is over its size or field limit. */
  static final int TRAILERS_TOO_LARGE = -3;

  /** The longest chunk-size line, extensions included. */
  static final int MAX_CHUNK_LINE = 4096;

  private static final int AGAIN = 3;
  private static final byte[] CRLF = {HttpSyntax.CR, HttpSyntax.LF};

  private enum Phase {
    FIXED,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    UNTIL_CLOSE,
    DONE,
    FAILED
  }

  private final LineEnds lineEnds;
  private final int maxTrailerBytes;
  private final int maxTrailerFields;
  private final long maxChunkedBody;
  private final LineScanner trailers;
  private byte[] trailerCopy = new byte[0];

  private Phase phase = Phase.DONE;
  private long remaining;
  private long chunked;
  private int trailerBase = -1;
  private int failure;
  private String problem = "";

  /**
   * @param maxTrailerBytes the longest trailer section, its empty line included
   * @param maxTrailerFields the most trailer fields
   * @param maxChunkedBody the most data bytes of a chunked body
   */
  BodyFramer(LineEnds lineEnds, int maxTrailerBytes, int maxTrailerFields, long maxChunkedBody) {
    this.lineEnds = lineEnds;
    this.maxTrailerBytes = maxTrailerBytes;
    this.maxTrailerFields = maxTrailerFields;
    this.maxChunkedBody = maxChunkedBody;
    this.trailers = new LineScanner(maxTrailerBytes, maxTrailerFields, lineEnds);
  }

  /** The next body has {@code length} bytes (with 0 it is complete at once). */
  void startFixed(long length) {
    start(length == 0 ? Phase.DONE : Phase.FIXED);
    remaining = length;
  }

  /** The next body is chunked. */
  void startChunked() {
    start(Phase.CHUNK_SIZE);
    chunked = 0;
    trailers.reset();
  }

  /** The next body runs until the connection closes. */
  void startUntilClose() {
    start(Phase.UNTIL_CLOSE);
  }

  private void start(Phase first) {
    phase = first;
    trailerBase = -1;
  }

  /** Whether the body runs until the connection closes. */
  boolean untilClose() {
    return phase == Phase.UNTIL_CLOSE;
  }

  /**
   * Reads framing up to the body's next bytes: {@link #DATA}, {@link #END}, {@link #MORE} or an
   * error (negative, with {@link #problem}).
   */
  int next(ByteBuf b) {
    while (true) {
      int r =
          switch (phase) {
            case FIXED, CHUNK_DATA, UNTIL_CLOSE -> b.isReadable() ? DATA : MORE;
            case CHUNK_SIZE -> chunkSize(b);
            case CHUNK_END -> chunkEnd(b);
            case TRAILERS -> trailers(b);
            case DONE -> END;
            case FAILED -> failure;
          };
      if (r != AGAIN) {
        return r;
      }
    }
  }

  /** After {@link #DATA}: how many body bytes are readable at the reader index now. */
  int available(ByteBuf b) {
    int readable = b.readableBytes();
    return phase == Phase.UNTIL_CLOSE ? readable : (int) Math.min(remaining, readable);
  }

  /**
   * The caller took {@code n} of the {@link #available} bytes (the reader index is past them).
   * Returns true when they end a fixed-length body: it is complete without another {@link #next}.
   */
  boolean taken(int n) {
    if (phase == Phase.UNTIL_CLOSE) {
      return false;
    }
    remaining -= n;
    if (remaining > 0) {
      return false;
    }
    if (phase == Phase.FIXED) {
      phase = Phase.DONE;
      return true;
    }
    phase = Phase.CHUNK_END;
    return false;
  }

  /** What was wrong, after an error. */
  String problem() {
    return problem;
  }

  /**
   * Right after a chunked body's {@link #END}, while {@code from} is unchanged: copies the trailer
   * fields to {@code out}, each ending in CRLF. Nothing for other bodies.
   */
  void writeTrailers(ByteBuf from, ByteBuf out) {
    if (phase != Phase.DONE || trailerBase < 0) {
      return;
    }
    for (int l = 0; l < trailers.lines(); l++) {
      int s = trailers.start(l);
      out.writeBytes(from, trailerBase + s, trailers.end(l) - s);
      out.writeBytes(CRLF);
    }
  }

  private int chunkSize(ByteBuf b) {
    int r = b.readerIndex();
    int readable = b.readableBytes();
    int lf = b.indexOf(r, r + Math.min(readable, MAX_CHUNK_LINE), HttpSyntax.LF);
    if (lf < 0) {
      return readable >= MAX_CHUNK_LINE ? fail(MALFORMED, "chunk size line too long") : MORE;
    }
    int end = lineEnds.contentEnd(b, r, lf);
    if (end < 0) {
      return fail(MALFORMED, "bare LF in chunk size line");
    }
    long size = HttpSyntax.chunkSize(b, r, end);
    if (size < 0) {
      return fail(MALFORMED, HttpSyntax.chunkSizeProblem(size));
    }
    b.readerIndex(lf + 1);
    if (size == 0) {
      phase = Phase.TRAILERS;
      return AGAIN;
    }
    if (size > maxChunkedBody - chunked) {
      return fail(BODY_TOO_LARGE, "body larger than " + maxChunkedBody + " bytes");
    }
    chunked += size;
    remaining = size;
    phase = Phase.CHUNK_DATA;
    return AGAIN;
  }

  private int chunkEnd(ByteBuf b) {
    if (!b.isReadable()) {
      return MORE;
    }
    int r = b.readerIndex();
    byte first = b.getByte(r);
    if (first == HttpSyntax.LF && lineEnds == LineEnds.CRLF_OR_LF) {
      b.skipBytes(1);
    } else if (first != HttpSyntax.CR) {
      return chunkEndMissing();
    } else if (b.readableBytes() < 2) {
      return MORE;
    } else if (b.getByte(r + 1) == HttpSyntax.LF) {
      b.skipBytes(2);
    } else {
      return chunkEndMissing();
    }
    phase = Phase.CHUNK_SIZE;
    return AGAIN;
  }

  private int chunkEndMissing() {
    return fail(
        MALFORMED,
        lineEnds == LineEnds.CRLF
            ? "chunk data not followed by CRLF"
            : "chunk data not followed by a line end");
  }

  private int trailers(ByteBuf b) {
    int length = trailers.scan(b, false);
    if (length == LineScanner.MORE) {
      return MORE;
    } else if (length == LineScanner.TOO_LARGE) {
      return fail(TRAILERS_TOO_LARGE, "trailer section larger than " + maxTrailerBytes + " bytes");
    } else if (length == LineScanner.TOO_MANY_LINES) {
      return fail(
          TRAILERS_TOO_LARGE, "trailer section with more than " + maxTrailerFields + " fields");
    } else if (length < 0) {
      return fail(MALFORMED, "bare LF in chunked trailer");
    }
    int base = b.readerIndex();
    if (trailers.lines() > 0) {
      // Rare: checked over an array copy, with the same rules as head fields.
      if (trailerCopy.length < length) {
        trailerCopy = new byte[Math.max(length, 256)];
      }
      b.getBytes(base, trailerCopy, 0, length);
      for (int l = 0; l < trailers.lines(); l++) {
        int colon = HttpSyntax.fieldColon(trailerCopy, trailers.start(l), trailers.end(l));
        if (colon < 0) {
          return fail(MALFORMED, HttpSyntax.fieldProblem(colon) + " (trailer)");
        }
      }
    }
    trailerBase = base;
    b.skipBytes(length);
    phase = Phase.DONE;
    return END;
  }

  private int fail(int code, String why) {
    phase = Phase.FAILED;
    failure = code;
    problem = why;
    return code;
  }
}
