package dev.alo.proxy;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Header rewriting between client and backend: hop-by-hop removal and the forwarding headers. */
final class Forwarding {
  private static final List<CharSequence> HOP_BY_HOP =
      List.of(
          HttpHeaderNames.CONNECTION,
          "keep-alive",
          "proxy-connection",
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.TRANSFER_ENCODING,
          HttpHeaderNames.UPGRADE);

  private Forwarding() {}

  /**
   * Removes the hop-by-hop headers, including those the Connection header names (never the ones
   * that frame the message or name the host: those are set again by the caller).
   */
  static void removeHopByHop(HttpHeaders h) {
    List<String> listed = null;
    String only = h.get(HttpHeaderNames.CONNECTION);
    if (only == null) {
      removeFixed(h);
      return;
    }
    if ((only.equalsIgnoreCase("keep-alive") || only.equalsIgnoreCase("close"))
        && h.getAll(HttpHeaderNames.CONNECTION).size() == 1) {
      removeFixed(h);
      return;
    }
    for (String value : h.getAll(HttpHeaderNames.CONNECTION)) {
      for (String token : value.split(",", -1)) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()
            && !t.equals("host")
            && !t.equals("content-length")
            && !t.equals("close")
            && !t.equals("keep-alive")) {
          if (listed == null) {
            listed = new ArrayList<>(2);
          }
          listed.add(t);
        }
      }
    }
    removeFixed(h);
    if (listed != null) {
      for (String name : listed) {
        h.remove(name);
      }
    }
  }

  private static void removeFixed(HttpHeaders h) {
    for (CharSequence name : HOP_BY_HOP) {
      h.remove(name);
    }
  }

  /**
   * The request as sent to a backend: HTTP/1.1, keep-alive, framed as parsed, forwarded-for, and
   * the scheme the client used ({@code http} or {@code https}) as the forwarded proto.
   */
  static HttpRequest toBackend(ParsedRequest pr, String clientIp, boolean upgrade, String proto) {
    HttpRequest in = pr.head();
    HttpHeaders h = in.headers();
    String upgradeTo = upgrade ? h.get(HttpHeaderNames.UPGRADE) : null;
    removeHopByHop(h);
    if (upgradeTo != null) {
      // A protocol switch (WebSocket) is asked of the backend, hop by hop, on the client's behalf.
      h.set(HttpHeaderNames.UPGRADE, upgradeTo);
      h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE);
    }
    h.remove(HttpHeaderNames.CONTENT_LENGTH);
    if (pr.contentLength() < 0) {
      h.set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    } else if (pr.contentLength() > 0) {
      h.set(HttpHeaderNames.CONTENT_LENGTH, Long.toString(pr.contentLength()));
    }
    String host = h.get(HttpHeaderNames.HOST);
    String xff = h.get("x-forwarded-for");
    h.set("x-forwarded-for", xff == null || xff.isBlank() ? clientIp : xff + ", " + clientIp);
    h.set("x-forwarded-proto", proto);
    if (host != null) {
      h.set("x-forwarded-host", host);
    }
    String node = clientIp.indexOf(':') >= 0 ? "\"[" + clientIp + "]\"" : clientIp;
    StringBuilder fwd = new StringBuilder("for=").append(node);
    if (host != null && isForwardedToken(host)) {
      fwd.append(";host=").append(host);
    } else if (host != null) {
      fwd.append(";host=\"").append(host.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
    }
    fwd.append(";proto=").append(proto);
    String previous = h.get("forwarded");
    h.set("forwarded", previous == null ? fwd : previous + ", " + fwd);
    String via = in.protocolVersion().equals(HttpVersion.HTTP_1_0) ? "1.0 alo" : "1.1 alo";
    String previousVia = h.get(HttpHeaderNames.VIA);
    h.set(HttpHeaderNames.VIA, previousVia == null ? via : previousVia + ", " + via);
    if (pr.contentLength() == 0) {
      // Complete already: one message, encoded and written at once.
      return new DefaultFullHttpRequest(
          HttpVersion.HTTP_1_1,
          in.method(),
          in.uri(),
          Unpooled.EMPTY_BUFFER,
          h,
          EmptyHttpHeaders.INSTANCE);
    }
    return new DefaultHttpRequest(HttpVersion.HTTP_1_1, in.method(), in.uri(), h);
  }

  /**
   * Whether the request asks to switch protocols (WebSocket): a GET without a body with an {@code
   * Upgrade} header that its {@code Connection} header names.
   */
  static boolean isUpgrade(ParsedRequest pr) {
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

  private static boolean isForwardedToken(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
