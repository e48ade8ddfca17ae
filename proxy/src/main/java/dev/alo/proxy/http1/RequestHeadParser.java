package dev.alo.proxy.http1;

import static dev.alo.proxy.http1.HttpSyntax.indexOf;
import static dev.alo.proxy.http1.HttpSyntax.isWs;
import static dev.alo.proxy.http1.HttpSyntax.tchar;
import static java.nio.charset.StandardCharsets.US_ASCII;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The strict request-head parser under {@link StrictRequestDecoder}: it finds the head with a
 * {@link LineScanner} (CRLF only), checks it byte by byte over one array copy, and makes a {@link
 * ParsedRequest} saying how the body is framed, or a {@link RequestError}. The header names and
 * values are views into that copy (no copy per field). One per connection.
 */
final class RequestHeadParser {
  // Fields are checked here, byte by byte, before they are added: the map need not check again.
  // One factory for all requests (withValidation builds a new one at every call).
  private static final DefaultHttpHeadersFactory HEADERS =
      DefaultHttpHeadersFactory.headersFactory().withValidation(false);
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

  private final int maxHeadSize;
  private final int maxHeaders;
  private final long maxBodySize;
  private final LineScanner lines;

  RequestHeadParser(int maxHeadSize, int maxHeaders, long maxBodySize) {
    this.maxHeadSize = maxHeadSize;
    this.maxHeaders = maxHeaders;
    this.maxBodySize = maxBodySize;
    this.lines = new LineScanner(maxHeadSize, maxHeaders + 1, LineEnds.CRLF);
  }

  /**
   * Reads a head at the reader index (empty lines before it are consumed). Null while it has not
   * arrived whole; then a {@link ParsedRequest}, the head consumed, or a {@link RequestError}.
   */
  @Nullable DecodedHead read(ByteBuf b) {
    int length = lines.scan(b, true);
    if (length == LineScanner.MORE) {
      return null;
    } else if (length == LineScanner.TOO_LARGE) {
      return error(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "request head larger than " + maxHeadSize + " bytes");
    } else if (length == LineScanner.TOO_MANY_LINES) {
      return error(
          HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
          "more than " + maxHeaders + " header fields");
    } else if (length < 0) {
      return error(HttpResponseStatus.BAD_REQUEST, "bare LF in request head");
    }
    // One copy of the head: checks run over a plain array, and the header names and values are
    // views into it.
    byte[] a = new byte[length];
    b.getBytes(b.readerIndex(), a);
    DecodedHead head = parse(a);
    if (head instanceof ParsedRequest) {
      b.skipBytes(length);
    }
    return head;
  }

  private static RequestError error(HttpResponseStatus status, String reason) {
    return new RequestError(status, reason);
  }

  private static RequestError bad(String reason) {
    return new RequestError(HttpResponseStatus.BAD_REQUEST, reason);
  }

  private DecodedHead parse(byte[] a) {
    int s = lines.start(0);
    int e = lines.end(0);
    int sp1 = indexOf(a, s, e, HttpSyntax.SP);
    if (sp1 <= s) {
      return bad("malformed request line");
    }
    for (int i = s; i < sp1; i++) {
      if (!tchar(a[i])) {
        return bad("invalid method token");
      }
    }
    int sp2 = indexOf(a, sp1 + 1, e, HttpSyntax.SP);
    if (sp2 < 0) {
      return bad("malformed request line");
    }
    if (sp2 == sp1 + 1) {
      return bad("empty request target");
    }
    for (int i = sp1 + 1; i < sp2; i++) {
      byte c = a[i];
      if (c < 0x21 || c > 0x7e) {
        return bad("control character, whitespace or non-ASCII byte in the request target");
      }
    }
    HttpVersion httpVersion = version(a, sp2 + 1, e);
    if (httpVersion == null) {
      return bad("invalid or unsupported HTTP version");
    }
    HttpMethod knownMethod = knownMethod(a, s, sp1);
    String methodName =
        knownMethod != null ? knownMethod.name() : new String(a, s, sp1 - s, US_ASCII);
    String target = new String(a, sp1 + 1, sp2 - sp1 - 1, US_ASCII);

    HttpHeaders headers = HEADERS.newHeaders();
    int hosts = 0;
    String contentLength = null;
    boolean duplicateLength = false;
    StringBuilder te = null;
    boolean expectContinue = false;
    for (int l = 1; l < lines.lines(); l++) {
      int ls = lines.start(l);
      int le = lines.end(l);
      int colon = HttpSyntax.fieldColon(a, ls, le);
      if (colon < 0) {
        return bad(HttpSyntax.fieldProblem(colon));
      }
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
          return bad("malformed Content-Length: " + v);
        }
        if (contentLength != null) {
          if (!contentLength.equals(v)) {
            return bad("several different Content-Length headers");
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
          return error(HttpResponseStatus.EXPECTATION_FAILED, "unsupported expectation");
        }
        expectContinue = true;
        continue;
      }
      headers.add(name, value);
    }
    if (hosts > 1 || (hosts == 0 && httpVersion.equals(HttpVersion.HTTP_1_1))) {
      return bad("exactly one Host header required");
    }
    long length = 0;
    boolean closeAfter = duplicateLength;
    if (te != null) {
      if (contentLength != null) {
        return bad("both Content-Length and Transfer-Encoding");
      }
      if (httpVersion.equals(HttpVersion.HTTP_1_0)) {
        return bad("Transfer-Encoding in an HTTP/1.0 request");
      }
      String problem = checkTransferEncoding(te.toString());
      if (problem != null) {
        return bad(problem);
      }
      length = -1;
    } else if (contentLength != null) {
      if (contentLength.length() > 18) {
        return error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "Content-Length too large");
      }
      length = Long.parseLong(contentLength);
      headers.set(HttpHeaderNames.CONTENT_LENGTH, contentLength);
    }
    if (length > maxBodySize) {
      return error(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
          "request body larger than " + maxBodySize + " bytes");
    }
    HttpMethod method = knownMethod != null ? knownMethod : HttpMethod.valueOf(methodName);
    if (method.equals(HttpMethod.CONNECT)) {
      return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "CONNECT is not supported");
    }
    String uri = originForm(target, method);
    if (uri == null) {
      return bad("invalid request target");
    }
    if (length != 0 && (method.equals(HttpMethod.GET) || method.equals(HttpMethod.HEAD))) {
      closeAfter = true;
    }
    DefaultHttpRequest request = new DefaultHttpRequest(httpVersion, method, uri, headers);
    return new ParsedRequest(request, length, closeAfter, expectContinue);
  }

  /** HTTP/1.1 or HTTP/1.0 in {@code a[s, e)}, exactly; else null. */
  private static @Nullable HttpVersion version(byte[] a, int s, int e) {
    if (e - s != 8) {
      return null;
    }
    for (int i = 0; i < HTTP_1_.length; i++) {
      if (a[s + i] != HTTP_1_[i]) {
        return null;
      }
    }
    byte minor = a[e - 1];
    return minor == '1' ? HttpVersion.HTTP_1_1 : minor == '0' ? HttpVersion.HTTP_1_0 : null;
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

  private static @Nullable String checkTransferEncoding(String value) {
    String[] codings = value.split(",", -1);
    int chunked = 0;
    for (int i = 0; i < codings.length; i++) {
      String c = codings[i].strip();
      if (c.isEmpty()) {
        return "empty element in Transfer-Encoding";
      }
      for (int k = 0; k < c.length(); k++) {
        if (!tchar(c.charAt(k))) {
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
}
