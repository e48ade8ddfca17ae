package dev.alo.loadtest;

import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
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

  /** A loopback port picked by the system, one thread, no active checks, defaults otherwise. */
  static ProxyConfig.Builder builder(List<BackendAddress> backends) {
    return ProxyConfig.builder()
        .listen(anyPort())
        .backends(backends)
        .threads(1)
        .healthChecks(false);
  }
}
