package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The proxy holds 10,000 concurrent keep-alive client connections and still serves a new one. The
 * clients live in a child JVM: 10,000 client sockets plus the proxy's 10,000 accepted ones would
 * not fit under one process's file-descriptor limit (20,000 here and in CI).
 */
class ConnectionScaleTest {
  private static final int CLIENTS = 10_000;

  @Test
  void tenThousandKeepAliveClients_allHeldAndServedTwice_newClientStillServed() throws Exception {
    try (TestBackend backend = Fixtures.backend("b");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(Fixtures.addr(backend))).threads(2).build(),
                ProxyLog.none())) {
      assertThat(ProxyConfig.builder().build().limits().maxConnections())
          .isGreaterThanOrEqualTo(CLIENTS);
      Path classes =
          Path.of(HeldClients.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Xmx256m",
                  "-cp",
                  classes.toString(),
                  HeldClients.class.getName(),
                  "127.0.0.1",
                  String.valueOf(proxy.address().getPort()),
                  String.valueOf(CLIENTS))
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      try (BufferedReader out =
              new BufferedReader(new InputStreamReader(child.getInputStream(), UTF_8));
          Writer in = new OutputStreamWriter(child.getOutputStream(), UTF_8)) {
        assertThat(line(out, Duration.ofSeconds(40))).isEqualTo("HELD " + CLIENTS);
        assertThat(proxy.proxyStats().connections()).isEqualTo(CLIENTS);

        // With all of them open, a new client is served.
        try (Raw fresh = new Raw(proxy.address())) {
          assertThat(fresh.send("GET /new HTTP/1.1\r\nHost: h\r\n\r\n").read().status())
              .isEqualTo(200);
        }
        // And every held connection is still usable: a second request on each.
        in.write("AGAIN\n");
        in.flush();
        assertThat(line(out, Duration.ofSeconds(40))).isEqualTo("AGAIN " + CLIENTS);
      } finally {
        child.getOutputStream().close();
        if (!child.waitFor(10, TimeUnit.SECONDS)) {
          child.destroyForcibly();
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> proxy.proxyStats().connections() == 0);
    }
  }

  // The child's next output line, or a failure after the deadline.
  private static String line(BufferedReader out, Duration deadline) throws Exception {
    CompletableFuture<String> next =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                String l = out.readLine();
                return l == null ? "(child exited)" : l;
              } catch (java.io.IOException e) {
                return "(" + e + ")";
              }
            });
    return next.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
  }
}
