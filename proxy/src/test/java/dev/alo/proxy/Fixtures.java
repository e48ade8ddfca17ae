package dev.alo.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Shared set-up for the proxy tests: loopback addresses and a quick test configuration. */
final class Fixtures {
  private Fixtures() {}

  static InetSocketAddress anyPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  static TestBackend backend(String name) {
    return TestBackend.start(name);
  }

  static BackendAddress addr(TestBackend b) {
    return new BackendAddress("127.0.0.1", b.address().getPort(), 1);
  }

  /** One thread, no active checks, defaults otherwise. */
  static ProxyConfig config(List<BackendAddress> backends) {
    return ProxyConfig.defaults(anyPort(), backends)
        .withThreads(1)
        .withHealth(
            new ProxyConfig.HealthCheck(
                false, "/", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3));
  }
}
