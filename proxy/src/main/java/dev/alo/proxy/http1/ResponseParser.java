package dev.alo.proxy.http1;

import static dev.alo.proxy.http1.HttpSyntax.isWs;
import static dev.alo.proxy.http1.HttpSyntax.valueByte;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A byte-level parser of the responses on one backend connection. It finds the status line, the
 * header fields and the body framing without building header objects: the head stays in the input
 * buffer, and the proxy copies the end-to-end fields straight into the client's response ({@link
 * #writeHeaders}). Body bytes are handed on as retained slices of the input, de-chunked.
 *
 * <p>Framing follows RFC 9112 6.3: no body for HEAD, 1xx, 204 and 304; chunked when the last
 * transfer coding is chunked; else Content-Length; else the body runs until the connection closes.
 * Interim 1xx heads are reported and parsing goes on with the final response; after a 101 it stops
 * ({@link #takeRemaining}). A malformed response, or bytes the proxy did not ask for, are reported
 * once through {@link Listener#onError} and parsing stops.
 */
public final class ResponseParser {
  /** Receives what the parser finds; the parser is only valid to read during the calls. */
  public interface Listener {
    /** A complete head (also of interim responses: see {@link #status}). */
    void onHead(ResponseParser head);

    /** Body bytes, de-chunked; the receiver owns (releases) {@code data}. */
    void onBody(ByteBuf data);

    /** The response is complete; chunked trailers can be copied with {@link #writeTrailers}. */
    void onEnd(ResponseParser response);

    /** The backend's bytes are not a valid response (or not one that was asked for). */
    void onError(String reason);
  }

  static final int MAX_HEAD_SIZE = 65_536;
  static final int MAX_FIELDS = 256;
  private static final int MAX_CHUNK_LINE = 4096;
  private static final byte CR = 13;
  private static final byte LF = 10;
  private static final byte SP = 32;
  private static final byte[] CRLF = {CR, LF};

  // What a header line is, for the proxy.
  private static final byte KEEP = 0;
  private static final byte DROP = 1;
  private static final byte LENGTH = 2;

  private enum State {
    IDLE,
    HEAD,
    FIXED,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    UNTIL_CLOSE,
    UPGRADED,
    FAILED
  }

  private final Listener listener;
  private final int[] lineStart = new int[MAX_FIELDS + 2];
  private final int[] lineEnd = new int[MAX_FIELDS + 2];
  private final byte[] kind = new byte[MAX_FIELDS + 2];
  private byte[] scratch = new byte[1024];

  private @Nullable ByteBuf buf;
  private State state = State.IDLE;
  private boolean headRequest;
  private boolean parsing;
  // No response is owed and the last one (if any) let the connection stay open.
  private boolean reusable = true;
  // Where the trailer section of the response just ended starts (for writeTrailers in onEnd).
  private int trailerBase;

  // Line scanning (offsets relative to the reader index where the block starts).
  private int scanned;
  private int curStart;
  private int lines;

  // The current head.
  private int status;
  private boolean http11;
  private boolean keepAlive;
  private boolean chunked;
  private boolean lengthFromTransferEncoding;
  private long contentLength;
  private long remaining;
  private int upgradeHeadLength;

  public ResponseParser(Listener listener) {
    this.listener = listener;
  }

  /** Expects the response to the request just sent ({@code headRequest}: a HEAD, no body). */
  public void expect(boolean headRequest) {
    this.headRequest = headRequest;
    reusable = false;
    if (state == State.IDLE) {
      state = State.HEAD;
    }
  }

  /**
   * Whether the connection stands exactly at a message boundary and may carry another request: no
   * response is expected or in progress, the last one was complete and did not close the
   * connection, and no byte after it is waiting.
   */
  public boolean atBoundary() {
    ByteBuf b = buf;
    return state == State.IDLE && reusable && (b == null || !b.isReadable());
  }

  /** Stops parsing for good and releases what is buffered. */
  public void stop() {
    state = State.FAILED;
    reusable = false;
    release();
  }

  /**
   * After a 101 head: the bytes that came after it (the new protocol's first bytes), possibly
   * empty; the parser is done.
   */
  public ByteBuf takeRemaining() {
    ByteBuf b = buf;
    buf = null;
    if (b != null && state == State.UPGRADED) {
      b.skipBytes(upgradeHeadLength);
    }
    state = State.FAILED;
    return b == null ? Unpooled.EMPTY_BUFFER : b;
  }

  /** Takes {@code in} (and its reference) and parses as far as it goes. */
  public void feed(ByteBuf in) {
    if (state == State.FAILED || state == State.UPGRADED) {
      in.release();
      return;
    }
    append(in);
    parse();
  }

  /** The connection closed: ends a body delimited by the close; anything else is cut short. */
  public void inputClosed() {
    if (state == State.UNTIL_CLOSE) {
      state = State.IDLE;
      release();
      end();
    } else {
      stop();
    }
  }

  // ------------------------------------------------------------ the current head, for listeners

  public int status() {
    return status;
  }

  /** Whether the backend spoke HTTP/1.1 (or a later 1.x). */
  boolean http11() {
    return http11;
  }

  /** Whether the connection can carry another request after this response. */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** Whether the response has a body whose length is not known up front (chunked or to close). */
  public boolean lengthUnknown() {
    return !bodyless() && (chunked || contentLength < 0);
  }

  /** Whether the backend sent the body chunked. */
  public boolean chunked() {
    return chunked;
  }

  /** Whether no body follows the head (HEAD request, 1xx, 204, 304). */
  boolean bodyless() {
    return headRequest || status < 200 || status == 204 || status == 304;
  }

  /**
   * Copies the status code, a space and the reason phrase ("200 OK", no line end) to {@code out}.
   */
  public void writeStatus(ByteBuf out) {
    int s = lineStart[0] + 9;
    int e = lineEnd[0];
    out.writeBytes(scratch, s, 3);
    out.writeByte(SP);
    if (e > s + 4) {
      out.writeBytes(scratch, s + 4, e - s - 4);
    }
  }

  /**
   * Copies the header lines to {@code out}, each ending in CRLF: with {@code all} every line, else
   * only end-to-end fields (no hop-by-hop fields, nor those the Connection header names, nor a
   * Content-Length that a Transfer-Encoding overrides).
   */
  public void writeHeaders(ByteBuf out, boolean all) {
    // From the array copy of the head: a byte[] source is one memory copy, while a ByteBuf source
    // costs Netty a ByteBuffer view per call.
    for (int l = 1; l < lines; l++) {
      byte k = kind[l];
      if (all || k == KEEP || (k == LENGTH && !lengthFromTransferEncoding)) {
        out.writeBytes(scratch, lineStart[l], lineEnd[l] - lineStart[l]);
        out.writeBytes(CRLF);
      }
    }
  }

  /** During {@link Listener#onEnd} of a chunked response: copies the trailer lines (CRLF each). */
  public void writeTrailers(ByteBuf out) {
    ByteBuf b = buf;
    if (b == null || !chunked) {
      return;
    }
    int base = trailerBase;
    for (int l = 0; l < lines; l++) {
      out.writeBytes(b, base + lineStart[l], lineEnd[l] - lineStart[l]);
      out.writeBytes(CRLF);
    }
  }

  // ------------------------------------------------------------ parsing

  private void append(ByteBuf in) {
    buf = Cumulation.append(buf, in, in.alloc());
  }

  private void release() {
    ByteBuf b = buf;
    buf = null;
    scanned = 0;
    curStart = 0;
    lines = 0;
    if (b != null) {
      b.release();
    }
  }

  private void parse() {
    if (parsing) {
      return;
    }
    parsing = true;
    try {
      while (buf != null && step(buf)) {
        // keep going while progress is made
      }
    } finally {
      parsing = false;
    }
    ByteBuf b = buf;
    if (b != null && !b.isReadable()) {
      release();
    }
  }

  /** One parsing step; false when more input is needed or parsing has stopped. */
  private boolean step(ByteBuf b) {
    return switch (state) {
      case IDLE -> b.isReadable() && fail("bytes from the backend while no request was waiting");
      case HEAD -> head(b);
      case FIXED, CHUNK_DATA, UNTIL_CLOSE -> body(b);
      case CHUNK_SIZE -> chunkSize(b);
      case CHUNK_END -> chunkEnd(b);
      case TRAILERS -> trailers(b);
      case UPGRADED, FAILED -> false;
    };
  }

  private boolean fail(String reason) {
    stop();
    listener.onError(reason);
    return false;
  }

  /**
   * Scans for a block of lines ending in an empty line, from where the last call stopped. Returns
   * the block's length (including the empty line), 0 when more input is needed, -1 after a failure.
   */
  private int scanBlock(ByteBuf b, String what) {
    int base = b.readerIndex();
    int readable = b.readableBytes();
    int start = curStart;
    int i = scanned;
    while (i < readable) {
      int lf = b.indexOf(base + i, base + readable, LF);
      if (lf < 0) {
        scanned = readable;
        break;
      }
      int rel = lf - base;
      int end = rel > start && b.getByte(lf - 1) == CR ? rel - 1 : rel;
      i = rel + 1;
      if (i > MAX_HEAD_SIZE) {
        fail(what + " larger than " + MAX_HEAD_SIZE + " bytes");
        return -1;
      }
      if (end == start) {
        if (lines == 0 && state == State.HEAD) {
          // Empty lines before a status line are skipped (RFC 9112, 2.2).
          b.readerIndex(base + i);
          return scanBlock(b, what);
        }
        scanned = 0;
        curStart = 0;
        return i;
      }
      if (lines > MAX_FIELDS) {
        fail(what + " with more than " + MAX_FIELDS + " fields");
        return -1;
      }
      lineStart[lines] = start;
      lineEnd[lines] = end;
      lines++;
      start = i;
      curStart = i;
      scanned = i;
    }
    if (readable > MAX_HEAD_SIZE) {
      fail(what + " larger than " + MAX_HEAD_SIZE + " bytes");
      return -1;
    }
    return 0;
  }

  private boolean head(ByteBuf b) {
    int length = scanBlock(b, "response head");
    if (length <= 0) {
      return false;
    }
    String problem = parseHead(b, length);
    if (problem != null) {
      return fail(problem);
    }
    if (status == 101) {
      // The connection now speaks another protocol: the rest belongs to the tunnel.
      state = State.UPGRADED;
      upgradeHeadLength = length;
      listener.onHead(this);
      lines = 0;
      return false;
    }
    if (status < 200) {
      state = State.HEAD;
    } else if (bodyless()) {
      state = State.IDLE;
    } else if (chunked) {
      state = State.CHUNK_SIZE;
    } else if (contentLength >= 0) {
      state = contentLength == 0 ? State.IDLE : State.FIXED;
      remaining = contentLength;
    } else {
      state = State.UNTIL_CLOSE;
      keepAlive = false;
    }
    listener.onHead(this);
    lines = 0;
    ByteBuf after = buf;
    if (after == null) {
      return false;
    }
    after.skipBytes(length);
    if (state == State.IDLE && status >= 200) {
      end();
    }
    return true;
  }

  /** A final response is complete: the connection is reusable when the backend keeps it open. */
  private void end() {
    reusable = keepAlive;
    listener.onEnd(this);
  }

  /** The head's bytes, copied once so that checking them is plain array code. */
  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    return scratch;
  }

  /** Parses the scanned head ({@code length} bytes); null when it is valid, else what is wrong. */
  private @Nullable String parseHead(ByteBuf b, int length) {
    byte[] a = scratch(length);
    b.getBytes(b.readerIndex(), a, 0, length);
    int s = lineStart[0];
    int e = lineEnd[0];
    // HTTP/1.x SP 3DIGIT [SP reason]
    if (e - s < 12
        || a[s] != 'H'
        || a[s + 1] != 'T'
        || a[s + 2] != 'T'
        || a[s + 3] != 'P'
        || a[s + 4] != '/'
        || a[s + 5] != '1'
        || a[s + 6] != '.'
        || !digit(a[s + 7])
        || a[s + 8] != SP) {
      return "malformed status line";
    }
    http11 = a[s + 7] != '0';
    byte d1 = a[s + 9];
    byte d2 = a[s + 10];
    byte d3 = a[s + 11];
    if (!digit(d1) || !digit(d2) || !digit(d3) || d1 == '0') {
      return "malformed status code";
    }
    status = (d1 - '0') * 100 + (d2 - '0') * 10 + (d3 - '0');
    if (e - s > 12) {
      if (a[s + 12] != SP) {
        return "malformed status code";
      }
      for (int i = s + 13; i < e; i++) {
        if (!valueByte(a[i])) {
          return "control character in the reason phrase";
        }
      }
    }
    keepAlive = http11;
    chunked = false;
    lengthFromTransferEncoding = false;
    contentLength = -1;
    boolean connectionTokens = false;
    for (int l = 1; l < lines; l++) {
      int ls = lineStart[l];
      int le = lineEnd[l];
      if (isWs(a[ls])) {
        return "obsolete line folding in the response head";
      }
      int colon = -1;
      for (int i = ls; i < le; i++) {
        byte c = a[i];
        if (c == ':') {
          colon = i;
          break;
        }
        if (!StrictRequestDecoder.tchar(c)) {
          return "invalid character in a response header name";
        }
      }
      if (colon <= ls) {
        return colon < 0 ? "response header line without a colon" : "empty response header name";
      }
      for (int i = colon + 1; i < le; i++) {
        if (!valueByte(a[i])) {
          return "control character in a response header value";
        }
      }
      int vs = colon + 1;
      int ve = le;
      while (vs < ve && isWs(a[vs])) {
        vs++;
      }
      while (ve > vs && isWs(a[ve - 1])) {
        ve--;
      }
      byte k = KEEP;
      switch (colon - ls) {
        case 2 -> k = named(a, ls, "te") ? DROP : KEEP;
        case 7 -> k = named(a, ls, "trailer") || named(a, ls, "upgrade") ? DROP : KEEP;
        case 10 -> {
          if (named(a, ls, "connection")) {
            k = DROP;
            connectionTokens |= connection(a, vs, ve);
          } else if (named(a, ls, "keep-alive")) {
            k = DROP;
          }
        }
        case 14 -> {
          if (named(a, ls, "content-length")) {
            k = LENGTH;
            long n = parseLength(a, vs, ve);
            if (n < 0) {
              return "malformed Content-Length from the backend";
            }
            if (contentLength >= 0 && contentLength != n) {
              return "different Content-Length values from the backend";
            }
            if (contentLength >= 0) {
              k = DROP;
            }
            contentLength = n;
          }
        }
        case 16 -> k = named(a, ls, "proxy-connection") ? DROP : KEEP;
        case 17 -> {
          if (named(a, ls, "transfer-encoding")) {
            k = DROP;
            lengthFromTransferEncoding = true;
            chunked = lastCodingChunked(a, vs, ve);
          }
        }
        default -> k = KEEP;
      }
      kind[l] = k;
    }
    if (lengthFromTransferEncoding) {
      // A Transfer-Encoding overrides Content-Length; one not ending in chunked runs to the close.
      contentLength = -1;
    }
    if (connectionTokens) {
      dropListed(a);
    }
    return null;
  }

  /** Reads a Connection value; true when it names fields to drop (other than close, keep-alive). */
  private boolean connection(byte[] a, int vs, int ve) {
    boolean others = false;
    int i = vs;
    while (i < ve) {
      int te = i;
      while (te < ve && a[te] != ',') {
        te++;
      }
      int ts = i;
      int tend = te;
      while (ts < tend && isWs(a[ts])) {
        ts++;
      }
      while (tend > ts && isWs(a[tend - 1])) {
        tend--;
      }
      if (tend - ts == 5 && named(a, ts, "close")) {
        keepAlive = false;
      } else if (tend - ts == 10 && named(a, ts, "keep-alive")) {
        if (!http11) {
          keepAlive = true;
        }
      } else if (tend > ts) {
        others = true;
      }
      i = te + 1;
    }
    return others;
  }

  /** Marks the fields that a Connection header names as hop-by-hop (rare: allocates). */
  private void dropListed(byte[] a) {
    List<String> names = new ArrayList<>();
    for (int l = 1; l < lines; l++) {
      int ls = lineStart[l];
      int colon = colon(a, l);
      if (colon - ls == 10 && named(a, ls, "connection")) {
        String v = new String(a, colon + 1, lineEnd[l] - colon - 1, StandardCharsets.ISO_8859_1);
        for (String t : v.split(",", -1)) {
          String name = t.strip().toLowerCase(Locale.ROOT);
          if (!name.isEmpty() && !name.equals("content-length") && !name.equals("close")) {
            names.add(name);
          }
        }
      }
    }
    for (int l = 1; l < lines; l++) {
      int ls = lineStart[l];
      int colon = colon(a, l);
      for (String name : names) {
        if (colon - ls == name.length() && named(a, ls, name)) {
          kind[l] = DROP;
        }
      }
    }
  }

  private int colon(byte[] a, int line) {
    int i = lineStart[line];
    while (a[i] != ':') {
      i++;
    }
    return i;
  }

  private static boolean lastCodingChunked(byte[] a, int vs, int ve) {
    int s = ve;
    while (s > vs && a[s - 1] != ',') {
      s--;
    }
    while (s < ve && isWs(a[s])) {
      s++;
    }
    return ve - s == 7 && named(a, s, "chunked");
  }

  private static long parseLength(byte[] a, int vs, int ve) {
    if (ve == vs || ve - vs > 18) {
      return -1;
    }
    long n = 0;
    for (int i = vs; i < ve; i++) {
      byte c = a[i];
      if (!digit(c)) {
        return -1;
      }
      n = n * 10 + (c - '0');
    }
    return n;
  }

  /** Whether the bytes at {@code at} are {@code lower}, ignoring ASCII case. */
  private static boolean named(byte[] a, int at, String lower) {
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

  private boolean body(ByteBuf b) {
    if (!b.isReadable()) {
      return false;
    }
    int n =
        state == State.UNTIL_CLOSE
            ? b.readableBytes()
            : (int) Math.min(remaining, b.readableBytes());
    ByteBuf slice = b.readRetainedSlice(n);
    if (state != State.UNTIL_CLOSE) {
      remaining -= n;
      if (remaining == 0) {
        state = state == State.CHUNK_DATA ? State.CHUNK_END : State.IDLE;
      }
    }
    State after = state;
    listener.onBody(slice);
    if (after == State.IDLE && state == State.IDLE) {
      end();
    }
    return true;
  }

  private boolean chunkSize(ByteBuf b) {
    int r = b.readerIndex();
    int limit = Math.min(b.readableBytes(), MAX_CHUNK_LINE);
    int lf = b.indexOf(r, r + limit, LF);
    if (lf < 0) {
      return b.readableBytes() >= MAX_CHUNK_LINE && fail("chunk size line too long");
    }
    int end = lf > r && b.getByte(lf - 1) == CR ? lf - 1 : lf;
    long size = HttpSyntax.chunkSize(b, r, end);
    if (size < 0) {
      return fail(HttpSyntax.chunkSizeProblem(size));
    }
    b.readerIndex(lf + 1);
    if (size == 0) {
      state = State.TRAILERS;
      lines = 0;
      scanned = 0;
      curStart = 0;
      return true;
    }
    remaining = size;
    state = State.CHUNK_DATA;
    return true;
  }

  private boolean chunkEnd(ByteBuf b) {
    int r = b.readerIndex();
    if (!b.isReadable()) {
      return false;
    } else if (b.getByte(r) == LF) {
      b.skipBytes(1);
    } else if (b.readableBytes() < 2) {
      return false;
    } else if (b.getByte(r) == CR && b.getByte(r + 1) == LF) {
      b.skipBytes(2);
    } else {
      return fail("chunk data not followed by a line end");
    }
    state = State.CHUNK_SIZE;
    return true;
  }

  private boolean trailers(ByteBuf b) {
    int length = scanBlock(b, "chunked trailer section");
    if (length <= 0) {
      return false;
    }
    int base = b.readerIndex();
    for (int l = 0; l < lines; l++) {
      int ls = base + lineStart[l];
      int le = base + lineEnd[l];
      int colon = b.indexOf(ls, le, (byte) ':');
      if (colon <= ls || isWs(b.getByte(ls))) {
        return fail("malformed trailer field");
      }
      for (int i = ls; i < le; i++) {
        byte c = b.getByte(i);
        if (i < colon ? !StrictRequestDecoder.tchar(c) : !valueByte(c)) {
          return fail("malformed trailer field");
        }
      }
    }
    // Past the response before the listener hears of its end (it may judge the connection
    // reusable, or send the next request, from there); the trailer lines stay readable behind.
    trailerBase = base;
    b.skipBytes(length);
    state = State.IDLE;
    end();
    lines = 0;
    return true;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }
}
