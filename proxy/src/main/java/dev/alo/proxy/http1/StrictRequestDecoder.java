package dev.alo.proxy.http1;

import static dev.alo.proxy.http1.HttpSyntax.isWs;
import static dev.alo.proxy.http1.HttpSyntax.valueByte;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A strict HTTP/1.1 request parser that replaces Netty's lenient {@code HttpRequestDecoder} on the
 * client side, so that nothing ambiguous is ever forwarded (request smuggling).
 *
 * <p>It emits a {@link ParsedRequest}, then, when the request has a body, the body as {@code
 * HttpContent} slices and a {@code LastHttpContent}, all only while the handler lets the body
 * {@linkplain #setFlowing flow} (back-pressure; nothing follows a request without a body); then it
 * pauses until {@link #resume} so pipelined requests are served one at a time. A request it refuses
 * becomes a {@link RequestError} and it stops reading. The channel must have autoRead off: the
 * decoder asks for reads itself.
 *
 * <p>Refused with 400: malformed or listed Content-Length, different duplicate Content-Length,
 * Transfer-Encoding that is not a list of tokens ending in a single {@code chunked} (or sent with
 * HTTP/1.0 or together with Content-Length), obs-fold, bare CR or LF, control characters or
 * whitespace in header names, control characters in header values or the request target, an invalid
 * method or version, a missing or repeated Host. Identical duplicate Content-Length headers and
 * bodies on GET/HEAD are forwarded normalised and the connection is closed afterwards. A head
 * longer than the limit or with too many fields is answered 431, a body beyond the limit 413.
 */
// Netty reports I/O failures through channel events (close, inactive), not these futures.
@SuppressWarnings("FutureReturnValueIgnored")
public final class StrictRequestDecoder extends ChannelInboundHandlerAdapter {
  private static final int MAX_CHUNK_LINE = 4096;
  // Fields are checked here, byte by byte, before they are added: the map need not check again.
  // One factory for all requests (withValidation builds a new one at every call).
  private static final DefaultHttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
  private static final byte CR = 13;
  private static final byte LF = 10;
  private static final byte SP = 32;
  private static final byte HTAB = 9;
  private static final boolean[] TCHAR = new boolean[256];
  private static final byte[] HTTP_1_ = {'H', 'T', 'T', 'P', '/', '1', '.'};
  private static final HttpMethod[] COMMON_METHODS = {
    HttpMethod.GET,
    HttpMethod.POST,
    HttpMethod.HEAD,
    HttpMethod.PUT,
    HttpMethod.DELETE,
    HttpMethod.OPTIONS,
    HttpMethod.PATCH
  };

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

  private enum State {
    HEAD,
    FIXED,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    PAUSED,
    FAILED
  }

  private final int maxHeadSize;
  private final int maxHeaders;
  private final long maxBodySize;
  private final int[] lineStart;
  private final int[] lineEnd;

  private @Nullable ByteBuf buf;
  private @Nullable ChannelHandlerContext ctx;
  private State state = State.HEAD;
  private boolean flowing;
  private boolean draining;
  private long remaining;
  private long bodySeen;
  private int scanned;
  private int curStart;
  private int lines;
  private int trailerBytes;

  public StrictRequestDecoder(int maxHeadSize, int maxHeaders, long maxBodySize) {
    this.maxHeadSize = maxHeadSize;
    this.maxHeaders = maxHeaders;
    this.maxBodySize = maxBodySize;
    this.lineStart = new int[maxHeaders + 1];
    this.lineEnd = new int[maxHeaders + 1];
  }

  /** Whether part of a request head has arrived and the rest has not. */
  public boolean partialHead() {
    return state == State.HEAD && buf != null && buf.isReadable();
  }

  /** Lets body content flow to the next handler (true) or holds it back (false). */
  public void setFlowing(boolean flowing) {
    this.flowing = flowing;
    if (flowing) {
      kick();
    }
  }

  /** Whether body content may flow now (the proxy is waiting for the client's bytes). */
  public boolean flowing() {
    return flowing && state != State.PAUSED && state != State.FAILED && state != State.HEAD;
  }

  /**
   * Stops parsing for good (the connection switched protocols) and hands over the bytes that came
   * after the request head, or an empty buffer.
   */
  public ByteBuf takeRemaining() {
    ByteBuf b = buf;
    buf = null;
    state = State.FAILED;
    return b == null ? io.netty.buffer.Unpooled.EMPTY_BUFFER : b;
  }

  /** Starts parsing the next request after the previous exchange ended. */
  public void resume() {
    if (state == State.PAUSED) {
      state = State.HEAD;
      kick();
    }
  }

  private void kick() {
    ChannelHandlerContext c = ctx;
    if (c == null || draining) {
      return;
    }
    drain(c);
    readIfWanted(c);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releaseBuffer();
    state = State.FAILED;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    ctx.fireChannelActive();
    readIfWanted(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releaseBuffer();
    state = State.FAILED;
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    if (state == State.FAILED) {
      in.release();
      return;
    }
    append(ctx, in);
    drain(ctx);
    readIfWanted(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    readIfWanted(ctx);
    ctx.fireChannelReadComplete();
  }

  /**
   * Keeps the socket read interest on while the decoder can take more bytes, and turns it off only
   * when bytes are waiting that it cannot consume yet (a pipelined request during an exchange, or
   * body bytes while the backend is not writable). Reading stays on across an ordinary exchange,
   * which saves two epoll_ctl system calls per request compared with one-shot reads.
   */
  private void readIfWanted(ChannelHandlerContext ctx) {
    ByteBuf b = buf;
    boolean want =
        switch (state) {
          case HEAD -> true;
          case FAILED -> false;
          case PAUSED -> b == null || !b.isReadable();
          default -> flowing || b == null || !b.isReadable();
        };
    io.netty.channel.ChannelConfig config = ctx.channel().config();
    if (want != config.isAutoRead() && ctx.channel().isActive()) {
      config.setAutoRead(want);
    }
  }

  private void append(ChannelHandlerContext ctx, ByteBuf in) {
    buf = Cumulation.append(buf, in, ctx.alloc());
  }

  private void releaseBuffer() {
    ByteBuf b = buf;
    buf = null;
    if (b != null) {
      b.release();
    }
  }

  private void drain(ChannelHandlerContext ctx) {
    if (draining) {
      return;
    }
    draining = true;
    try {
      while (buf != null && step(ctx)) {
        // keep going while progress is made
      }
    } finally {
      draining = false;
    }
    ByteBuf b = buf;
    if (b != null && !b.isReadable()) {
      releaseBuffer();
    }
  }

  /** One parsing step; false when more input (or flow permission) is needed. */
  private boolean step(ChannelHandlerContext ctx) {
    ByteBuf b = buf;
    if (b == null) {
      return false;
    }
    // Nothing of a body, not even its end, goes on before the handler lets it flow: the end of a
    // body that arrives before the backend connection is ready must not be taken as sent.
    return switch (state) {
      case HEAD -> decodeHead(ctx, b);
      case FIXED -> flowing && emitBody(ctx, b, false);
      case CHUNK_DATA -> flowing && emitBody(ctx, b, true);
      case CHUNK_SIZE -> flowing && decodeChunkSize(ctx, b);
      case CHUNK_END -> flowing && decodeChunkEnd(ctx, b);
      case TRAILERS -> flowing && decodeTrailer(ctx, b);
      case PAUSED, FAILED -> false;
    };
  }

  private boolean emitBody(ChannelHandlerContext ctx, ByteBuf b, boolean chunked) {
    if (!b.isReadable()) {
      return false;
    }
    int n = (int) Math.min(remaining, b.readableBytes());
    ByteBuf slice = b.readRetainedSlice(n);
    remaining -= n;
    if (remaining == 0) {
      if (chunked) {
        state = State.CHUNK_END;
        ctx.fireChannelRead(new DefaultHttpContent(slice));
      } else {
        state = State.PAUSED;
        ctx.fireChannelRead(new DefaultHttpContent(slice));
        ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
      }
    } else {
      ctx.fireChannelRead(new DefaultHttpContent(slice));
    }
    return true;
  }

  private boolean decodeChunkEnd(ChannelHandlerContext ctx, ByteBuf b) {
    if (b.readableBytes() < 2) {
      return false;
    }
    int r = b.readerIndex();
    if (b.getByte(r) != CR || b.getByte(r + 1) != LF) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "chunk data not followed by CRLF");
    }
    b.skipBytes(2);
    state = State.CHUNK_SIZE;
    return true;
  }

  private boolean decodeChunkSize(ChannelHandlerContext ctx, ByteBuf b) {
    int r = b.readerIndex();
    int limit = Math.min(b.readableBytes(), MAX_CHUNK_LINE);
    int lf = b.indexOf(r, r + limit, LF);
    if (lf < 0) {
      return b.readableBytes() >= MAX_CHUNK_LINE
          && fail(ctx, HttpResponseStatus.BAD_REQUEST, "chunk size line too long");
    }
    if (lf == r || b.getByte(lf - 1) != CR) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "bare LF in chunk size line");
    }
    long size = HttpSyntax.chunkSize(b, r, lf - 1);
    if (size < 0) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, HttpSyntax.chunkSizeProblem(size));
    }
    b.readerIndex(lf + 1);
    if (size == 0) {
      state = State.TRAILERS;
      trailerBytes = 0;
      return true;
    }
    bodySeen += size;
    if (bodySeen > maxBodySize) {
      return fail(
          ctx,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "request body larger than " + maxBodySize + " bytes");
    }
    remaining = size;
    state = State.CHUNK_DATA;
    return true;
  }

  private boolean decodeTrailer(ChannelHandlerContext ctx, ByteBuf b) {
    int r = b.readerIndex();
    int lf = b.indexOf(r, b.writerIndex(), LF);
    if (lf < 0) {
      return trailerBytes + b.readableBytes() > maxHeadSize
          && fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "trailers too large");
    }
    if (lf == r || b.getByte(lf - 1) != CR) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "bare LF in chunked trailer");
    }
    trailerBytes += lf + 1 - r;
    if (trailerBytes > maxHeadSize) {
      return fail(ctx, HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "trailers too large");
    }
    int end = lf - 1;
    if (end > r) {
      String problem = checkField(b, r, end);
      if (problem != null) {
        return fail(ctx, HttpResponseStatus.BAD_REQUEST, problem + " (trailer)");
      }
      b.readerIndex(lf + 1);
      return true;
    }
    b.readerIndex(lf + 1);
    state = State.PAUSED;
    ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
    return true;
  }

  private boolean decodeHead(ChannelHandlerContext ctx, ByteBuf b) {
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
      if (rel == start || b.getByte(lf - 1) != CR) {
        return fail(ctx, HttpResponseStatus.BAD_REQUEST, "bare LF in request head");
      }
      int end = rel - 1;
      if (end == start) {
        if (lines == 0) {
          // Empty lines before a request line are ignored (RFC 9112, 2.2).
          b.readerIndex(lf + 1);
          scanned = 0;
          curStart = 0;
          return true;
        }
        scanned = 0;
        curStart = 0;
        int headEnd = rel + 1;
        if (headEnd > maxHeadSize) {
          lines = 0;
          return fail(
              ctx,
              HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
              "request head larger than " + maxHeadSize + " bytes");
        }
        boolean ok = parseHead(ctx, b, base, headEnd);
        lines = 0;
        if (ok && state != State.FAILED) {
          b.readerIndex(base + headEnd);
        }
        return ok;
      }
      if (lines > maxHeaders) {
        return fail(
            ctx,
            HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
            "more than " + maxHeaders + " header fields");
      }
      lineStart[lines] = start;
      lineEnd[lines] = end;
      lines++;
      start = rel + 1;
      curStart = start;
      i = rel + 1;
      scanned = i;
    }
    if (readable > maxHeadSize) {
      return fail(
          ctx,
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "request head larger than " + maxHeadSize + " bytes");
    }
    return false;
  }

  /** Parses the collected lines into a request; false after a failure. */
  private boolean parseHead(ChannelHandlerContext ctx, ByteBuf b, int base, int headLength) {
    // One copy of the head: checks run over a plain array, and the header names and values are
    // views into it (no copy per field).
    byte[] a = new byte[headLength];
    b.getBytes(base, a);
    int s = lineStart[0];
    int e = lineEnd[0];
    int sp1 = indexOf(a, s, e, SP);
    if (sp1 <= s) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request line");
    }
    for (int i = s; i < sp1; i++) {
      if (!tchar(a[i])) {
        return fail(ctx, HttpResponseStatus.BAD_REQUEST, "invalid method token");
      }
    }
    int sp2 = indexOf(a, sp1 + 1, e, SP);
    if (sp2 < 0) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request line");
    }
    if (sp2 == sp1 + 1) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "empty request target");
    }
    for (int i = sp1 + 1; i < sp2; i++) {
      byte c = a[i];
      if (c < 0x21 || c > 0x7e) {
        return fail(
            ctx,
            HttpResponseStatus.BAD_REQUEST,
            "control character, whitespace or non-ASCII byte in the request target");
      }
    }
    HttpVersion httpVersion;
    if (e - sp2 - 1 == 8 && startsWith(a, sp2 + 1, HTTP_1_)) {
      httpVersion =
          a[e - 1] == '1' ? HttpVersion.HTTP_1_1 : a[e - 1] == '0' ? HttpVersion.HTTP_1_0 : null;
    } else {
      httpVersion = null;
    }
    if (httpVersion == null) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "invalid or unsupported HTTP version");
    }
    HttpMethod knownMethod = knownMethod(a, s, sp1);
    String methodName =
        knownMethod != null
            ? knownMethod.name()
            : new String(a, s, sp1 - s, java.nio.charset.StandardCharsets.US_ASCII);
    String target =
        new String(a, sp1 + 1, sp2 - sp1 - 1, java.nio.charset.StandardCharsets.US_ASCII);

    HttpHeaders headers = HEADERS.newHeaders();
    int hosts = 0;
    String contentLength = null;
    boolean duplicateLength = false;
    StringBuilder te = null;
    boolean expectContinue = false;
    for (int l = 1; l < lines; l++) {
      int ls = lineStart[l];
      int le = lineEnd[l];
      String problem = checkField(a, ls, le);
      if (problem != null) {
        return fail(ctx, HttpResponseStatus.BAD_REQUEST, problem);
      }
      int colon = indexOf(a, ls, le, (byte) ':');
      int vs = colon + 1;
      int ve = le;
      while (vs < ve && isWs(a[vs])) {
        vs++;
      }
      while (ve > vs && isWs(a[ve - 1])) {
        ve--;
      }
      AsciiString name = new AsciiString(a, ls, colon - ls, false);
      AsciiString value = new AsciiString(a, vs, ve - vs, false);
      if (name.contentEqualsIgnoreCase(HttpHeaderNames.HOST)) {
        hosts++;
      } else if (name.contentEqualsIgnoreCase(HttpHeaderNames.CONTENT_LENGTH)) {
        String v = value.toString();
        if (!digits(v)) {
          return fail(ctx, HttpResponseStatus.BAD_REQUEST, "malformed Content-Length: " + v);
        }
        if (contentLength != null) {
          if (!contentLength.equals(v)) {
            return fail(
                ctx, HttpResponseStatus.BAD_REQUEST, "several different Content-Length headers");
          }
          duplicateLength = true;
          continue;
        }
        contentLength = v;
      } else if (name.contentEqualsIgnoreCase(HttpHeaderNames.TRANSFER_ENCODING)) {
        if (te == null) {
          te = new StringBuilder();
        } else {
          te.append(',');
        }
        te.append(value);
      } else if (name.contentEqualsIgnoreCase(HttpHeaderNames.EXPECT)) {
        if (!value.toString().equalsIgnoreCase("100-continue")) {
          return fail(ctx, HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation");
        }
        expectContinue = true;
        continue;
      }
      headers.add(name, value);
    }
    if (hosts > 1 || (hosts == 0 && httpVersion.equals(HttpVersion.HTTP_1_1))) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "exactly one Host header required");
    }
    long length = 0;
    boolean closeAfter = duplicateLength;
    if (te != null) {
      if (contentLength != null) {
        return fail(
            ctx, HttpResponseStatus.BAD_REQUEST, "both Content-Length and Transfer-Encoding");
      }
      if (httpVersion.equals(HttpVersion.HTTP_1_0)) {
        return fail(
            ctx, HttpResponseStatus.BAD_REQUEST, "Transfer-Encoding in an HTTP/1.0 request");
      }
      String problem = checkTransferEncoding(te.toString());
      if (problem != null) {
        return fail(ctx, HttpResponseStatus.BAD_REQUEST, problem);
      }
      length = -1;
    } else if (contentLength != null) {
      if (contentLength.length() > 18) {
        return fail(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Content-Length too large");
      }
      length = Long.parseLong(contentLength);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    }
    if (length > maxBodySize) {
      return fail(
          ctx,
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "request body larger than " + maxBodySize + " bytes");
    }
    HttpMethod method = knownMethod != null ? knownMethod : HttpMethod.valueOf(methodName);
    if (method.equals(HttpMethod.CONNECT)) {
      return fail(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT is not supported");
    }
    String uri = originForm(target, method);
    if (uri == null) {
      return fail(ctx, HttpResponseStatus.BAD_REQUEST, "invalid request target");
    }
    if (length != 0 && (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
      closeAfter = true;
    }
    bodySeen = 0;
    if (length == 0) {
      state = State.PAUSED;
    } else if (length > 0) {
      state = State.FIXED;
      remaining = length;
    } else {
      state = State.CHUNK_SIZE;
    }
    flowing = false;
    DefaultHttpRequest request = new DefaultHttpRequest(httpVersion, method, uri, headers);
    ctx.fireChannelRead(new ParsedRequest(request, length, closeAfter, expectContinue));
    return true;
  }

  private static @Nullable String originForm(String target, HttpMethod method) {
    if (target.charAt(0) == '/') {
      return target;
    }
    if (target.equals("*")) {
      return method.equals(HttpMethod.OPTIONS) ? target : null;
    }
    String lower = target.toLowerCase(Locale.ROOT);
    int schemeEnd = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
    if (schemeEnd < 0) {
      return null;
    }
    int slash = target.indexOf('/', schemeEnd);
    int query = target.indexOf('?', schemeEnd);
    if (slash < 0 && query < 0) {
      return "/";
    }
    if (slash < 0 || (query >= 0 && query < slash)) {
      return "/" + target.substring(query);
    }
    return target.substring(slash);
  }

  /** Null when the field line is well formed, else what is wrong with it. */
  private static @Nullable String checkField(byte[] a, int s, int e) {
    if (isWs(a[s])) {
      return "obsolete line folding";
    }
    int colon = indexOf(a, s, e, (byte) ':');
    if (colon < 0) {
      return "header line without a colon";
    }
    if (colon == s) {
      return "empty header name";
    }
    for (int i = s; i < colon; i++) {
      if (!tchar(a[i])) {
        return "invalid character in header name";
      }
    }
    for (int i = colon + 1; i < e; i++) {
      if (!valueByte(a[i])) {
        return "control character in header value";
      }
    }
    return null;
  }

  private static int indexOf(byte[] a, int from, int to, byte value) {
    for (int i = from; i < to; i++) {
      if (a[i] == value) {
        return i;
      }
    }
    return -1;
  }

  private static boolean startsWith(byte[] a, int at, byte[] prefix) {
    for (int i = 0; i < prefix.length; i++) {
      if (a[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  /** The method's constant when the bytes name a common one (no string made), else null. */
  private static @Nullable HttpMethod knownMethod(byte[] a, int s, int e) {
    for (HttpMethod m : COMMON_METHODS) {
      AsciiString name = m.asciiName();
      if (e - s == name.length() && sameBytes(a, s, name)) {
        return m;
      }
    }
    return null;
  }

  private static boolean sameBytes(byte[] a, int at, AsciiString s) {
    for (int i = 0; i < s.length(); i++) {
      if (a[at + i] != s.byteAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** Null when the field line is well formed, else what is wrong with it. */
  private static @Nullable String checkField(ByteBuf b, int s, int e) {
    byte first = b.getByte(s);
    if (first == SP || first == HTAB) {
      return "obsolete line folding";
    }
    int colon = b.indexOf(s, e, (byte) ':');
    if (colon < 0) {
      return "header line without a colon";
    }
    if (colon == s) {
      return "empty header name";
    }
    for (int i = s; i < colon; i++) {
      if (!tchar(b.getByte(i))) {
        return "invalid character in header name";
      }
    }
    for (int i = colon + 1; i < e; i++) {
      if (!valueByte(b.getByte(i))) {
        return "control character in header value";
      }
    }
    return null;
  }

  private static @Nullable String checkTransferEncoding(String value) {
    String[] codings = value.split(",", -1);
    int chunked = 0;
    for (int i = 0; i < codings.length; i++) {
      String c = codings[i].strip();
      if (c.isEmpty()) {
        return "empty element in Transfer-Encoding";
      }
      for (int k = 0; k < c.length(); k++) {
        char ch = c.charAt(k);
        if (ch > 255 || !TCHAR[ch]) {
          return "malformed Transfer-Encoding";
        }
      }
      if (c.equalsIgnoreCase("chunked")) {
        chunked++;
        if (i != codings.length - 1) {
          return "chunked is not the last transfer coding";
        }
      }
    }
    if (chunked != 1) {
      return "Transfer-Encoding without a final chunked";
    }
    return null;
  }

  private boolean fail(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
    state = State.FAILED;
    lines = 0;
    scanned = 0;
    curStart = 0;
    releaseBuffer();
    ctx.fireChannelRead(new RequestError(status, reason));
    return false;
  }

  private static boolean digits(String v) {
    if (v.isEmpty()) {
      return false;
    }
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  static boolean tchar(byte c) {
    return TCHAR[c & 0xff];
  }
}
