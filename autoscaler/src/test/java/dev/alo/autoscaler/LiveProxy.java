package dev.alo.autoscaler;

import dev.alo.loadtest.SampleBackend;
import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.admin.AdminAccess;
import dev.alo.proxy.admin.AdminServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A real proxy on an ephemeral port with one seed sample backend and its admin endpoint. */
final class LiveProxy implements AutoCloseable {
  static final String TOKEN = "live-Test_token1";

  private final SampleBackend seed;
  private final ProxyServer proxy;
  private final AdminServer admin;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  LiveProxy() {
    seed = SampleBackend.start(SampleBackend.Settings.plain(anyPort(), "seed"));
    proxy =
        ProxyServer.start(
            ProxyConfig.builder()
                .listen(anyPort())
                .backends(List.of(new BackendAddress("127.0.0.1", seed.address().getPort(), 1)))
                .threads(1)
                .healthChecks(false)
                .build(),
            ProxyLog.none());
    admin = AdminServer.start(proxy, anyPort(), AdminAccess.withToken(TOKEN));
  }

  static InetSocketAddress anyPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  String seedId() {
    return "127.0.0.1:" + seed.address().getPort();
  }

  URI adminUri() {
    return URI.create("http://127.0.0.1:" + admin.address().getPort());
  }

  ProxyServer proxy() {
    return proxy;
  }

  /** One GET through the proxy; its status. */
  int get() throws IOException, InterruptedException {
    return send("GET");
  }

  /** One POST through the proxy, which the proxy never retries on another backend; its status. */
  int post() throws IOException, InterruptedException {
    return send("POST");
  }

  private int send(String method) throws IOException, InterruptedException {
    HttpRequest req =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.address().getPort() + "/"))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.ofString("x"))
            .build();
    return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  @Override
  public void close() {
    admin.close();
    proxy.close();
    seed.close();
  }
}
