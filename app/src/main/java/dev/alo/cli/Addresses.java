package dev.alo.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Parses {@code HOST:PORT} listen addresses for the network commands. */
final class Addresses {
  private Addresses() {}

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
