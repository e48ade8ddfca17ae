package dev.alo.loadtest;

import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/** Shared set-up for the load-test tests: loopback addresses, backends, a quick proxy config. */
final class Fixtures {
  private Fixtures() {}

  static InetSocketAddress anyPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  static SampleBackend backend(String name) {
    return SampleBackend.start(SampleBackend.Settings.plain(anyPort(), name));
  }

  static BackendAddress addr(SampleBackend b) {
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
