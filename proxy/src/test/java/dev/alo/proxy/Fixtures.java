package dev.alo.proxy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** Shared set-up for the proxy tests: loopback addresses and a quick test configuration. */
public final class Fixtures {
  private Fixtures() {}

  public static InetSocketAddress anyPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  public static TestBackend backend(String name) {
    return TestBackend.start(name);
  }

  public static BackendAddress addr(TestBackend b) {
    return new BackendAddress("127.0.0.1", b.address().getPort(), 1);
  }

  /** A loopback port picked by the system, one thread, no active checks, defaults otherwise. */
  public static ProxyConfig.Builder builder(List<BackendAddress> backends) {
    return ProxyConfig.builder()
        .listen(anyPort())
        .backends(backends)
        .threads(1)
        .healthChecks(false);
  }

  /** {@link #builder(List)} as it is. */
  public static ProxyConfig config(List<BackendAddress> backends) {
    return builder(backends).build();
  }
}
