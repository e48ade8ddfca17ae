package dev.alo.proxy;

/** Where the proxy says what happened to backends and why (stderr in the CLI). */
@FunctionalInterface
public interface ProxyLog {
  void log(String message);

  /** Discards everything. */
  static ProxyLog none() {
    return message -> {};
  }
}
