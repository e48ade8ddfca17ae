package dev.alo.proxy.http1;

import static java.nio.charset.StandardCharsets.ISO_8859_1;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request head as sent to a backend, written straight into a buffer: hop-by-hop fields removed
 * (also those the Connection header names), framing as parsed, and the forwarding fields
 * (X-Forwarded-For/-Proto/-Host, Forwarded, Via) added or extended. Header values are bytes:
 * strings made from them are Latin-1, so every byte goes out as it came in.
 */
public final class Forwarding {
  private static final byte[] HTTP11_CRLF = " HTTP/1.1\r\n".getBytes(ISO_8859_1);
  private static final byte[] COLON_SP = {':', ' '};
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] CHUNKED = "transfer-encoding: chunked\r\n".getBytes(ISO_8859_1);
  private static final byte[] PROTO_HTTP = "x-forwarded-proto: http\r\n".getBytes(ISO_8859_1);
  private static final byte[] PROTO_HTTPS = "x-forwarded-proto: https\r\n".getBytes(ISO_8859_1);

  // What a request header is, for forwarding.
  private static final int KEEP = 0;
  private static final int DROP = 1;
  private static final int VIA = 2;
  private static final int HOST = 3;
  private static final int UPGRADE = 4;
  private static final int FORWARDED = 5;
  private static final int XFF = 6;

  private Forwarding() {}

  /** Sorts a field by name: hop-by-hop and replaced ones are dropped, some are remembered. */
  private static int classify(CharSequence name) {
    return switch (name.length()) {
      case 2 -> is(name, "te") ? DROP : KEEP;
      case 3 -> is(name, "via") ? VIA : KEEP;
      case 4 -> is(name, "host") ? HOST : KEEP;
      case 7 -> is(name, "upgrade") ? UPGRADE : is(name, "trailer") ? DROP : KEEP;
      case 9 -> is(name, "forwarded") ? FORWARDED : KEEP;
      case 10 -> is(name, "connection") || is(name, "keep-alive") ? DROP : KEEP;
      case 14 -> is(name, "content-length") ? DROP : KEEP;
      case 15 -> is(name, "x-forwarded-for") ? XFF : KEEP;
      case 16 -> is(name, "proxy-connection") || is(name, "x-forwarded-host") ? DROP : KEEP;
      case 17 -> is(name, "transfer-encoding") || is(name, "x-forwarded-proto") ? DROP : KEEP;
      default -> KEEP;
    };
  }

  /**
   * Writes the request line and header fields (ending with the empty line) of {@code pr} as
   * forwarded for {@code clientIp}: HTTP/1.1, keep-alive, Content-Length or chunked as parsed; the
   * forwarded proto is {@code https} when the client came over TLS.
   */
  public static void writeBackendHead(
      ParsedRequest pr, String clientIp, boolean upgrade, boolean https, ByteBuf out) {
    HttpRequest in = pr.head();
    HttpHeaders h = in.headers();
    writeText(out, in.method().asciiName());
    out.writeByte(' ');
    writeText(out, in.uri());
    out.writeBytes(HTTP11_CRLF);
    List<String> listed = connectionListed(h);
    @Nullable CharSequence host = null;
    @Nullable CharSequence xff = null;
    @Nullable CharSequence forwarded = null;
    @Nullable CharSequence via = null;
    @Nullable CharSequence upgradeTo = null;
    Iterator<Map.Entry<CharSequence, CharSequence>> it = h.iteratorCharSequence();
    while (it.hasNext()) {
      Map.Entry<CharSequence, CharSequence> e = it.next();
      CharSequence name = e.getKey();
      CharSequence value = e.getValue();
      int kind = classify(name);
      if (kind == VIA) {
        via = via == null ? value : via;
        continue;
      } else if (kind == UPGRADE) {
        upgradeTo = upgradeTo == null ? value : upgradeTo;
        continue;
      } else if (kind == FORWARDED) {
        forwarded = forwarded == null ? value : forwarded;
        continue;
      } else if (kind == XFF) {
        xff = xff == null ? value : xff;
        continue;
      } else if (kind == DROP) {
        continue;
      } else if (kind == HOST && host == null) {
        host = value;
      }
      if (!listed.isEmpty() && listed.contains(name.toString().toLowerCase(Locale.ROOT))) {
        continue;
      }
      field(out, name, value);
    }
    if (upgrade && upgradeTo != null) {
      // A protocol switch (WebSocket) is asked of the backend, hop by hop, on the client's behalf.
      field(out, HttpHeaderNames.UPGRADE, upgradeTo);
      field(out, HttpHeaderNames.CONNECTION, HttpHeaderNames.UPGRADE);
    }
    if (pr.contentLength() < 0) {
      out.writeBytes(CHUNKED);
    } else if (pr.contentLength() > 0) {
      writeText(out, HttpHeaderNames.CONTENT_LENGTH);
      out.writeBytes(COLON_SP);
      ByteBufUtil.writeAscii(out, Long.toString(pr.contentLength()));
      out.writeBytes(CRLF);
    }
    writeText(out, "x-forwarded-for: ");
    if (xff != null && !xff.toString().isBlank()) {
      writeText(out, xff);
      writeText(out, ", ");
    }
    writeText(out, clientIp);
    out.writeBytes(CRLF);
    out.writeBytes(https ? PROTO_HTTPS : PROTO_HTTP);
    if (host != null) {
      field(out, "x-forwarded-host", host);
    }
    writeText(out, "forwarded: ");
    if (forwarded != null) {
      writeText(out, forwarded);
      writeText(out, ", ");
    }
    writeText(out, "for=");
    if (clientIp.indexOf(':') >= 0) {
      writeText(out, "\"[");
      writeText(out, clientIp);
      writeText(out, "]\"");
    } else {
      writeText(out, clientIp);
    }
    if (host != null && isForwardedToken(host)) {
      writeText(out, ";host=");
      writeText(out, host);
    } else if (host != null) {
      writeText(out, ";host=\"");
      writeQuoted(out, host);
      out.writeByte('"');
    }
    writeText(out, https ? ";proto=https\r\n" : ";proto=http\r\n");
    writeText(out, "via: ");
    if (via != null) {
      writeText(out, via);
      writeText(out, ", ");
    }
    writeText(out, in.protocolVersion().equals(HttpVersion.HTTP_1_0) ? "1.0 alo" : "1.1 alo");
    out.writeBytes(CRLF);
    out.writeBytes(CRLF);
  }

  /** The lower-case field names a Connection header lists (beyond close and keep-alive). */
  private static List<String> connectionListed(HttpHeaders h) {
    List<String> listed = List.of();
    if (!h.contains(HttpHeaderNames.CONNECTION)) {
      return listed;
    }
    for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
      if (value.equalsIgnoreCase("keep-alive") || value.equalsIgnoreCase("close")) {
        continue;
      }
      for (String token : value.split(",", -1)) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()
            && !t.equals("host")
            && !t.equals("content-length")
            && !t.equals("close")
            && !t.equals("keep-alive")) {
          if (listed.isEmpty()) {
            listed = new ArrayList<>(2);
          }
          listed.add(t);
        }
      }
    }
    return listed;
  }

  private static boolean is(CharSequence name, CharSequence lower) {
    return AsciiString.contentEqualsIgnoreCase(name, lower);
  }

  private static void field(ByteBuf out, CharSequence name, CharSequence value) {
    writeText(out, name);
    out.writeBytes(COLON_SP);
    writeText(out, value);
    out.writeBytes(CRLF);
  }

  /** Writes characters as bytes (Latin-1: header text made from bytes goes out unchanged). */
  private static void writeText(ByteBuf out, CharSequence s) {
    if (s instanceof AsciiString a) {
      out.writeBytes(a.array(), a.arrayOffset(), a.length());
    } else {
      out.writeCharSequence(s, ISO_8859_1);
    }
  }

  /**
   * Whether the request asks to switch protocols (WebSocket): a GET without a body with an {@code
   * Upgrade} header that its {@code Connection} header names.
   */
  public static boolean isUpgrade(ParsedRequest pr) {
    HttpRequest in = pr.head();
    HttpHeaders h = in.headers();
    if (pr.hasBody()
        || !in.method().equals(HttpMethod.GET)
        || !h.contains(HttpHeaderNames.UPGRADE)) {
      return false;
    }
    for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",", -1)) {
        if (token.strip().equalsIgnoreCase("upgrade")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Writes {@code s} as the inside of a quoted-string, a backslash before each quote and backslash,
   * byte by byte (a host with a port, the common case, is not a token and comes here for every
   * request).
   */
  private static void writeQuoted(ByteBuf out, CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        out.writeByte('\\');
      }
      out.writeByte(c);
    }
  }

  private static boolean isForwardedToken(CharSequence s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return s.length() > 0;
  }
}
