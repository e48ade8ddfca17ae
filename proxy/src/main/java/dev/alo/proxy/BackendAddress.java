package dev.alo.proxy;

import dev.alo.engine.InputException;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a backend listens and its weight, parsed from {@code http://HOST:PORT[,weight=N]}.
 *
 * @param host host name or address
 * @param port TCP port
 * @param weight balancing weight, at least 1
 */
public record BackendAddress(String host, int port, int weight) {

  /** Validates the fields. */
  public BackendAddress {
    if (host.isBlank()) {
      throw new InputException("backend host is empty (expected http://HOST:PORT)");
    }
    if (port < 1 || port > 65535) {
      throw new InputException("backend port " + port + " (expected 1..65535)");
    }
    if (weight < 1) {
      throw new InputException("backend weight " + weight + " (expected >= 1)");
    }
  }

  /** Parses {@code http://HOST:PORT[,weight=N]}. */
  public static BackendAddress parse(String spec) {
    String[] parts = spec.split(",", -1);
    int weight = 1;
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i].strip();
      if (!p.startsWith("weight=")) {
        throw new InputException(
            "backend '" + spec + "': unknown option '" + p + "' (expected weight=N)");
      }
      try {
        weight = Integer.parseInt(p.substring(7));
      } catch (NumberFormatException e) {
        throw new InputException(
            "backend '" + spec + "': weight '" + p.substring(7) + "' is not an integer >= 1");
      }
    }
    URI uri;
    try {
      uri = new URI(parts[0].strip());
    } catch (URISyntaxException e) {
      throw new InputException("backend '" + spec + "' is not a URL (expected http://HOST:PORT)");
    }
    if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
      throw new InputException(
          "backend '" + spec + "': expected http://HOST:PORT (only plain http backends)");
    }
    if (uri.getPath() != null && !uri.getPath().isEmpty() && !uri.getPath().equals("/")) {
      throw new InputException("backend '" + spec + "': a backend URL has no path");
    }
    int port = uri.getPort() < 0 ? 80 : uri.getPort();
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new BackendAddress(host, port, weight);
  }

  /** The identity used in stats and the admin API: {@code HOST:PORT}. */
  public String id() {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }

  /** The URL form, {@code http://HOST:PORT}. */
  public String url() {
    return "http://" + id();
  }
}
