package dev.alo.proxy.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.alo.engine.InputException;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Who may use the admin endpoint. Reads ({@code GET}, {@code HEAD}) are open; every other method
 * changes the pool and needs {@code Authorization: Bearer TOKEN}, and without a token changes are
 * refused. Whatever the method, a request must name the endpoint itself in {@code Host} (its IP
 * address, {@code localhost} on loopback, or a configured host name), which defeats DNS rebinding,
 * and must not come from another web origin ({@code Origin}, {@code Sec-Fetch-Site}), which stops
 * web pages open in a local browser. Clients that send no {@code Origin} (curl, scripts,
 * Prometheus) are unaffected.
 */
public final class AdminAccess {
  private static final Pattern HOSTNAME =
      Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");

  private final Optional<byte[]> tokenDigest;
  private final List<String> hostnames;

  private AdminAccess(Optional<byte[]> tokenDigest, List<String> hostnames) {
    this.tokenDigest = tokenDigest;
    this.hostnames = hostnames;
  }

  /** Reads only: every change is refused with a message saying how to configure a token. */
  public static AdminAccess readOnly() {
    return new AdminAccess(Optional.empty(), List.of());
  }

  /** Reads for anyone who passes the origin checks; changes for holders of {@code token}. */
  public static AdminAccess withToken(String token) {
    checkToken(token);
    return new AdminAccess(Optional.of(sha256(token)), List.of());
  }

  /**
   * Checks that {@code token} can be sent in an {@code Authorization} header. The message never
   * contains the token.
   */
  public static void checkToken(String token) {
    if (token.isEmpty()) {
      throw new InputException("the admin token is empty");
    }
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c <= ' ' || c >= 0x7f) {
        throw new InputException(
            "the admin token must be one line of printable ASCII without spaces (character "
                + (i + 1)
                + " is not)");
      }
    }
  }

  /**
   * The same access, also accepting {@code names} (e.g. {@code lb1.internal}) in {@code Host} and
   * {@code Origin}, for clients that reach the endpoint by name rather than by address.
   */
  public AdminAccess withHostnames(List<String> names) {
    List<String> all = new ArrayList<>(hostnames);
    for (String n : names) {
      String lower = n.toLowerCase(Locale.ROOT);
      if (lower.length() > 253 || !HOSTNAME.matcher(lower).matches()) {
        throw new InputException(
            "'" + n + "' is not a host name (expected letters, digits, '-' and '.', no port)");
      }
      all.add(lower);
    }
    return new AdminAccess(tokenDigest, List.copyOf(all));
  }

  /** Whether changes can be authorised at all (a token is configured). */
  public boolean allowsChanges() {
    return tokenDigest.isPresent();
  }

  /** Why {@code req}, received on {@code local}, is refused; empty when it may proceed. */
  Optional<Refusal> check(HttpRequest req, InetSocketAddress local) {
    List<String> hosts = req.headers().getAll(HttpHeaderNames.HOST);
    if (hosts.size() != 1 || !ownAuthority(hosts.get(0), local, OptionalInt.empty())) {
      return Optional.of(
          Refusal.forbidden(
              (hosts.isEmpty() ? "no Host header" : "Host " + String.join(", ", hosts))
                  + " is not this admin endpoint (expected "
                  + expectedHosts(local)
                  + "); --admin-hostname adds a name"));
    }
    for (String origin : req.headers().getAll(HttpHeaderNames.ORIGIN)) {
      if (!sameOrigin(origin, local)) {
        return Optional.of(
            Refusal.forbidden(
                "cross-origin request from Origin "
                    + origin
                    + " refused: the admin endpoint serves only its own origin and clients"
                    + " that send no Origin (curl, scripts)"));
      }
    }
    String site = req.headers().get("Sec-Fetch-Site", "").strip().toLowerCase(Locale.ROOT);
    if (site.equals("cross-site") || site.equals("same-site")) {
      return Optional.of(
          Refusal.forbidden("request from another site (Sec-Fetch-Site: " + site + ") refused"));
    }
    if (req.method().equals(HttpMethod.GET) || req.method().equals(HttpMethod.HEAD)) {
      return Optional.empty();
    }
    if (tokenDigest.isEmpty()) {
      return Optional.of(
          Refusal.forbidden(
              "admin changes are off: the proxy has no admin token. Start it with the token in"
                  + " ALO_ADMIN_TOKEN or in a file given by --admin-token-file FILE, then send"
                  + " Authorization: Bearer TOKEN"));
    }
    if (!authorised(req, tokenDigest.get())) {
      return Optional.of(
          new Refusal(
              HttpResponseStatus.UNAUTHORIZED,
              "missing or wrong bearer token: admin changes need Authorization: Bearer TOKEN",
              true));
    }
    return Optional.empty();
  }

  /** A refused request: its status, a one-line reason, and whether to ask for a bearer token. */
  record Refusal(HttpResponseStatus status, String message, boolean challenge) {
    static Refusal forbidden(String message) {
      return new Refusal(HttpResponseStatus.FORBIDDEN, message, false);
    }
  }

  private static boolean authorised(HttpRequest req, byte[] expected) {
    String header = req.headers().get(HttpHeaderNames.AUTHORIZATION, "");
    int space = header.indexOf(' ');
    if (space < 0 || !header.substring(0, space).equalsIgnoreCase("Bearer")) {
      return false;
    }
    // Digests have one length whatever the token's, so the comparison reveals neither.
    return MessageDigest.isEqual(sha256(header.substring(space + 1).strip()), expected);
  }

  private boolean sameOrigin(String origin, InetSocketAddress local) {
    String prefix = "http://";
    return origin.regionMatches(true, 0, prefix, 0, prefix.length())
        && ownAuthority(origin.substring(prefix.length()), local, OptionalInt.of(80));
  }

  /**
   * Whether {@code authority} ({@code host[:port]}) names this endpoint as reached on {@code
   * local}. Without a port it matches when {@code defaultPort} is empty or the local port.
   */
  private boolean ownAuthority(String authority, InetSocketAddress local, OptionalInt defaultPort) {
    String host;
    String port;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      if (close < 0) {
        return false;
      }
      host = authority.substring(1, close);
      if (!NetUtil.isValidIpV6Address(host)) {
        return false;
      }
      port = authority.substring(close + 1);
    } else {
      int colon = authority.indexOf(':');
      host = colon < 0 ? authority : authority.substring(0, colon);
      port = colon < 0 ? "" : authority.substring(colon);
    }
    return portMatches(port, local.getPort(), defaultPort) && hostMatches(host, local.getAddress());
  }

  private static boolean portMatches(String port, int localPort, OptionalInt defaultPort) {
    if (port.isEmpty()) {
      return defaultPort.isEmpty() || defaultPort.getAsInt() == localPort;
    }
    String digits = port.substring(1);
    if (!port.startsWith(":") || digits.isEmpty() || digits.length() > 5) {
      return false;
    }
    for (int i = 0; i < digits.length(); i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return false;
      }
    }
    return Integer.parseInt(digits) == localPort;
  }

  private boolean hostMatches(String host, InetAddress local) {
    String lower = host.toLowerCase(Locale.ROOT);
    if (lower.equals("localhost")) {
      return local.isLoopbackAddress();
    }
    if (hostnames.contains(lower)) {
      return true;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(lower);
    return literal != null && Arrays.equals(unmapped(literal), unmapped(local.getAddress()));
  }

  /** An IPv4-mapped IPv6 address as its four IPv4 bytes; any other address unchanged. */
  private static byte[] unmapped(byte[] address) {
    if (address.length != 16) {
      return address;
    }
    for (int i = 0; i < 10; i++) {
      if (address[i] != 0) {
        return address;
      }
    }
    return address[10] == (byte) 0xff && address[11] == (byte) 0xff
        ? Arrays.copyOfRange(address, 12, 16)
        : address;
  }

  private String expectedHosts(InetSocketAddress local) {
    List<String> names = new ArrayList<>();
    InetAddress a = local.getAddress();
    String ip = NetUtil.toAddressString(a);
    names.add(a instanceof java.net.Inet6Address ? "[" + ip + "]" : ip);
    if (a.isLoopbackAddress()) {
      names.add("localhost");
    }
    names.addAll(hostnames);
    return String.join(", ", names) + ", with or without :" + local.getPort();
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
