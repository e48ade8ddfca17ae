package dev.alo.proxy.http1;

import static dev.alo.proxy.http1.HttpSyntax.digit;
import static dev.alo.proxy.http1.HttpSyntax.isWs;
import static dev.alo.proxy.http1.HttpSyntax.named;
import static dev.alo.proxy.http1.HttpSyntax.valueByte;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The head of a response, read without building header objects: found with a {@link LineScanner}
 * (CRLF or bare LF), copied once into an array that is reused, checked, and kept there so that the
 * status and the end-to-end fields can be copied out ({@link #writeHeaders}). It tells how the body
 * is framed ({@link #startBody}). One per connection; it holds the last head read.
 */
final class ResponseHead {
  /** The longest head, its empty line included. */
  static final int MAX_SIZE = 65_536;

  /** The most header fields. */
  static final int MAX_FIELDS = 256;

  /** {@link #read}: more input is needed. */
  static final int MORE = 0;

  /** {@link #read}: the head is malformed ({@link #problem}). */
  static final int ERROR = -1;

  private static final byte[] CRLF = {HttpSyntax.CR, HttpSyntax.LF};

  // What a header line is, for the proxy.
  private static final byte KEEP = 0;
  private static final byte DROP = 1;
  private static final byte LENGTH = 2;

  private final LineScanner lines = new LineScanner(MAX_SIZE, MAX_FIELDS + 1, LineEnds.CRLF_OR_LF);
  private final byte[] kind = new byte[MAX_FIELDS + 1];
  private byte[] scratch = new byte[1024];
  private String problem = "";

  private int status;
  private boolean http11;
  private boolean keepAlive;
  private boolean chunked;
  private boolean lengthFromTransferEncoding;
  private long contentLength;

  /**
   * Reads a head at the reader index (empty lines before it are consumed): its length once it has
   * arrived whole and is valid, the bytes still unread; {@link #MORE}; or {@link #ERROR}.
   */
  int read(ByteBuf b) {
    int length = lines.scan(b, true);
    if (length == LineScanner.MORE) {
      return MORE;
    } else if (length == LineScanner.TOO_LARGE) {
      return fail("response head larger than " + MAX_SIZE + " bytes");
    } else if (length < 0) {
      return fail("response head with more than " + MAX_FIELDS + " fields");
    }
    String p = parse(b, length);
    return p == null ? length : fail(p);
  }

  /** Forgets a partly read head. */
  void reset() {
    lines.reset();
  }

  private int fail(String why) {
    problem = why;
    return ERROR;
  }

  /** What was wrong, after {@link #ERROR}. */
  String problem() {
    return problem;
  }

  int status() {
    return status;
  }

  /** Whether the connection can carry another message after this one. */
  boolean keepAlive() {
    return keepAlive;
  }

  /** Whether the last transfer coding is chunked. */
  boolean chunked() {
    return chunked;
  }

  /** Whether no body follows the head: the answer to HEAD, 1xx, 204 and 304. */
  boolean bodyless(boolean headRequest) {
    return headRequest || status < 200 || status == 204 || status == 304;
  }

  /** Whether a body follows whose length is not known up front (chunked or until the close). */
  boolean lengthUnknown(boolean headRequest) {
    return !bodyless(headRequest) && (chunked || contentLength < 0);
  }

  /**
   * Sets {@code framer} to this head's body (RFC 9112 6.3): chunked when the last transfer coding
   * is, else Content-Length, else until the close (and then the connection is not kept alive).
   * Returns false when no body follows (the framer is then at an empty body's end).
   */
  boolean startBody(BodyFramer framer, boolean headRequest) {
    if (bodyless(headRequest) || contentLength == 0) {
      framer.startFixed(0);
      return false;
    } else if (chunked) {
      framer.startChunked();
    } else if (contentLength > 0) {
      framer.startFixed(contentLength);
    } else {
      framer.startUntilClose();
      keepAlive = false;
    }
    return true;
  }

  /**
   * Copies the status code, a space and the reason phrase ("200 OK", no line end) to {@code out}.
   */
  void writeStatus(ByteBuf out) {
    int s = lines.start(0) + 9;
    int e = lines.end(0);
    out.writeBytes(scratch, s, 3);
    out.writeByte(HttpSyntax.SP);
    if (e > s + 4) {
      out.writeBytes(scratch, s + 4, e - s - 4);
    }
  }

  /**
   * Copies the header lines to {@code out}, each ending in CRLF: with {@code all} every line, else
   * only end-to-end fields (no hop-by-hop fields, nor those the Connection header names, nor a
   * Content-Length that a Transfer-Encoding overrides).
   */
  void writeHeaders(ByteBuf out, boolean all) {
    // From the array copy of the head: a byte[] source is one memory copy, while a ByteBuf source
    // costs Netty a ByteBuffer view per call.
    for (int l = 1; l < lines.lines(); l++) {
      byte k = kind[l];
      if (all || k == KEEP || (k == LENGTH && !lengthFromTransferEncoding)) {
        int s = lines.start(l);
        out.writeBytes(scratch, s, lines.end(l) - s);
        out.writeBytes(CRLF);
      }
    }
  }

  /** Parses the scanned head ({@code length} bytes); null when it is valid, else what is wrong. */
  private @Nullable String parse(ByteBuf b, int length) {
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, 2 * scratch.length)];
    }
    byte[] a = scratch;
    b.getBytes(b.readerIndex(), a, 0, length);
    String problem = parseStatusLine(a, lines.start(0), lines.end(0));
    if (problem != null) {
      return problem;
    }
    keepAlive = http11;
    chunked = false;
    lengthFromTransferEncoding = false;
    contentLength = -1;
    boolean connectionTokens = false;
    for (int l = 1; l < lines.lines(); l++) {
      int ls = lines.start(l);
      int le = lines.end(l);
      int colon = HttpSyntax.fieldColon(a, ls, le);
      if (colon < 0) {
        return HttpSyntax.fieldProblem(colon);
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
              return "malformed Content-Length";
            }
            if (contentLength >= 0 && contentLength != n) {
              return "different Content-Length values";
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

  /** HTTP/1.x SP 3DIGIT [SP reason]: sets the status and version, or says what is wrong. */
  private @Nullable String parseStatusLine(byte[] a, int s, int e) {
    if (e - s < 12
        || a[s] != 'H'
        || a[s + 1] != 'T'
        || a[s + 2] != 'T'
        || a[s + 3] != 'P'
        || a[s + 4] != '/'
        || a[s + 5] != '1'
        || a[s + 6] != '.'
        || !digit(a[s + 7])
        || a[s + 8] != HttpSyntax.SP) {
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
      if (a[s + 12] != HttpSyntax.SP) {
        return "malformed status code";
      }
      for (int i = s + 13; i < e; i++) {
        if (!valueByte(a[i])) {
          return "control character in the reason phrase";
        }
      }
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
    for (int l = 1; l < lines.lines(); l++) {
      int ls = lines.start(l);
      int colon = colon(a, l);
      if (colon - ls == 10 && named(a, ls, "connection")) {
        String v = new String(a, colon + 1, lines.end(l) - colon - 1, StandardCharsets.ISO_8859_1);
        for (String t : v.split(",", -1)) {
          String name = t.strip().toLowerCase(Locale.ROOT);
          if (!name.isEmpty() && !name.equals("content-length") && !name.equals("close")) {
            names.add(name);
          }
        }
      }
    }
    for (int l = 1; l < lines.lines(); l++) {
      int ls = lines.start(l);
      int colon = colon(a, l);
      for (String name : names) {
        if (colon - ls == name.length() && named(a, ls, name)) {
          kind[l] = DROP;
        }
      }
    }
  }

  private int colon(byte[] a, int line) {
    int i = lines.start(line);
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
}
