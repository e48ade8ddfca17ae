package dev.alo.proxy.http1;

import io.netty.buffer.ByteBuf;

/**
 * Finds a block of lines that ends in an empty line (a message head, or the trailer section of a
 * chunked body) in bytes that arrive in pieces, and remembers where each line is. Offsets are
 * relative to the buffer's reader index, which only the caller moves, past a complete block: each
 * scan resumes where the last one stopped, so no byte is searched twice.
 *
 * <p>Lines end as {@link LineEnds} says. A block may be at most {@code maxBytes} long, its empty
 * line included, and have at most {@code maxLines} lines before it.
 */
final class LineScanner {
  /** {@link #scan} results other than a length: more input is needed, or what was wrong. */
  static final int MORE = 0;

  static final int TOO_LARGE = -1;
  static final int TOO_MANY_LINES = -2;
  static final int BARE_LF = -3;

  private final int maxBytes;
  private final LineEnds lineEnds;
  private final int[] starts;
  private final int[] ends;

  private int lines;
  private int lineStart;
  private int scanned;
  private boolean complete;

  LineScanner(int maxBytes, int maxLines, LineEnds lineEnds) {
    this.maxBytes = maxBytes;
    this.lineEnds = lineEnds;
    this.starts = new int[maxLines];
    this.ends = new int[maxLines];
  }

  /**
   * Scans on from where the last call stopped. Returns the block's length, its empty line included,
   * once it is complete (its lines are then readable here until the next scan starts another
   * block); {@link #MORE}; or an error code. With {@code skipEmptyFirst} empty lines before the
   * first line are consumed (RFC 9112 2.2: before a request or status line).
   */
  int scan(ByteBuf b, boolean skipEmptyFirst) {
    if (complete) {
      reset();
    }
    int base = b.readerIndex();
    int readable = b.readableBytes();
    while (true) {
      int lf = scanned < readable ? b.indexOf(base + scanned, base + readable, HttpSyntax.LF) : -1;
      if (lf < 0) {
        scanned = readable;
        return readable > maxBytes ? TOO_LARGE : MORE;
      }
      int contentEnd = lineEnds.contentEnd(b, base + lineStart, lf);
      if (contentEnd < 0) {
        return BARE_LF;
      }
      int end = contentEnd - base;
      int next = lf - base + 1;
      if (next > maxBytes) {
        return TOO_LARGE;
      }
      if (end == lineStart) {
        if (lines == 0 && skipEmptyFirst) {
          base += next;
          readable -= next;
          b.readerIndex(base);
          scanned = 0;
          lineStart = 0;
          continue;
        }
        complete = true;
        return next;
      }
      if (lines == starts.length) {
        return TOO_MANY_LINES;
      }
      starts[lines] = lineStart;
      ends[lines] = end;
      lines++;
      lineStart = next;
      scanned = next;
    }
  }

  /** Forgets any partly scanned block: the next scan starts at the reader index. */
  void reset() {
    lines = 0;
    lineStart = 0;
    scanned = 0;
    complete = false;
  }

  /** The lines of the block before its empty line. */
  int lines() {
    return lines;
  }

  /** Where line {@code line} starts, relative to the reader index at the end of the scan. */
  int start(int line) {
    return starts[line];
  }

  /** Where line {@code line} ends, before its line end. */
  int end(int line) {
    return ends[line];
  }
}
