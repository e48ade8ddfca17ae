package dev.alo.cli;

import java.io.IOException;
import java.net.BindException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/** Parses {@code HOST:PORT} listen addresses for the network commands, and binds them. */
final class Addresses {
  private Addresses() {}

  /**
   * Starts a server on {@code address}.
   *
   * @throws RuntimeFailure when it cannot listen there, e.g. {@code cannot listen on
   *     127.0.0.1:8080: address already in use}
   */
  static <T> T listen(InetSocketAddress address, Supplier<T> start) {
    try {
      return start.get();
    } catch (Exception e) { // Netty rethrows the bind's IOException undeclared
      Optional<String> why = bindFailure(e);
      if (why.isPresent()) {
        throw new RuntimeFailure("cannot listen on " + format(address) + ": " + why.get());
      }
      throw e;
    }
  }

  /** Why a bind failed, in lowercase words, when {@code e} or a cause is a bind failure. */
  static Optional<String> bindFailure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String msg = t.getMessage();
      boolean bind =
          t instanceof BindException
              || (t instanceof IOException && msg != null && msg.startsWith("bind("));
      if (bind) {
        String why = msg == null ? "" : msg.substring(msg.lastIndexOf(": ") + 1).strip();
        return Optional.of(
            why.isEmpty()
                ? "the address cannot be bound"
                : why.substring(0, 1).toLowerCase(Locale.ROOT) + why.substring(1));
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return Optional.empty();
  }

  /** {@code HOST:PORT}, with brackets around an IPv6 address. */
  static String format(InetSocketAddress address) {
    InetAddress a = address.getAddress();
    String host = a == null ? address.getHostString() : a.getHostAddress();
    return (a instanceof Inet6Address ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  static InetSocketAddress parse(String option, String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new UsageException(option + " '" + text + "': expected HOST:PORT");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new UsageException(option + " '" + text + "': port is not a number");
    }
    if (port < 0 || port > 65535) {
      throw new UsageException(option + " '" + text + "': port " + port + " (expected 0..65535)");
    }
    try {
      return new InetSocketAddress(InetAddress.getAllByName(host)[0], port);
    } catch (UnknownHostException e) {
      throw new UsageException(option + " '" + text + "': unknown host " + host);
    }
  }
}
