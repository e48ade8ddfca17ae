package dev.alo.proxy;

import dev.alo.engine.InputException;
import dev.alo.engine.balance.KeyHash;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What hash-based balancing ({@code ip-hash}) hashes: the client address (or, when the connection
 * comes from a trusted proxy, the rightmost untrusted {@code X-Forwarded-For} address), a header, a
 * cookie or the path.
 *
 * @param kind what is hashed
 * @param name the header or cookie name (empty otherwise)
 * @param trustedProxies addresses whose {@code X-Forwarded-For} is believed
 */
public record HashKey(Kind kind, String name, Set<String> trustedProxies) {

  /** What is hashed. */
  public enum Kind {
    CLIENT,
    HEADER,
    COOKIE,
    PATH
  }

  /** Copies the trusted set. */
  public HashKey {
    trustedProxies = Set.copyOf(trustedProxies);
  }

  public static final HashKey CLIENT = new HashKey(Kind.CLIENT, "", Set.of());

  /** Parses {@code client}, {@code header:NAME}, {@code cookie:NAME} or {@code path}. */
  public static HashKey parse(String spec, List<String> trustedProxies) {
    String s = spec.strip();
    String lower = s.toLowerCase(Locale.ROOT);
    Set<String> trusted = Set.copyOf(trustedProxies);
    if (lower.equals("client")) {
      return new HashKey(Kind.CLIENT, "", trusted);
    }
    if (lower.equals("path")) {
      return new HashKey(Kind.PATH, "", trusted);
    }
    if (lower.startsWith("header:") && s.length() > 7) {
      return new HashKey(Kind.HEADER, s.substring(7), trusted);
    }
    if (lower.startsWith("cookie:") && s.length() > 7) {
      return new HashKey(Kind.COOKIE, s.substring(7), trusted);
    }
    throw new InputException(
        "hash key '" + spec + "' (expected client, header:NAME, cookie:NAME or path)");
  }

  /** The key of one request; {@code connectionKey} is the hash of the peer address. */
  long of(HttpRequest request, String clientIp, long connectionKey) {
    return switch (kind) {
      case CLIENT -> forwardedClient(request, clientIp, connectionKey);
      case PATH -> {
        String uri = request.uri();
        int q = uri.indexOf('?');
        yield KeyHash.chars(q < 0 ? uri : uri.substring(0, q));
      }
      case HEADER -> {
        String v = request.headers().get(name);
        yield v == null ? connectionKey : KeyHash.chars(v);
      }
      case COOKIE -> {
        String v = cookie(request);
        yield v == null ? connectionKey : KeyHash.chars(v);
      }
    };
  }

  private long forwardedClient(HttpRequest request, String clientIp, long connectionKey) {
    if (trustedProxies.isEmpty() || !trustedProxies.contains(clientIp)) {
      return connectionKey;
    }
    List<String> all = request.headers().getAll("x-forwarded-for");
    for (int h = all.size() - 1; h >= 0; h--) {
      String[] hops = all.get(h).split(",", -1);
      for (int i = hops.length - 1; i >= 0; i--) {
        String hop = hops[i].strip();
        if (!hop.isEmpty() && !trustedProxies.contains(hop)) {
          return KeyHash.chars(hop);
        }
      }
    }
    return connectionKey;
  }

  private @org.jspecify.annotations.Nullable String cookie(HttpRequest request) {
    for (String header : request.headers().getAll(HttpHeaderNames.COOKIE)) {
      for (String pair : header.split(";", -1)) {
        int eq = pair.indexOf('=');
        if (eq > 0 && pair.substring(0, eq).strip().equals(name)) {
          return pair.substring(eq + 1).strip();
        }
      }
    }
    return null;
  }
}
