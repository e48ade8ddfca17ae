package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdminServerTest {

  @Test
  void stats_metricsAndMembershipChanges_overHttp() throws Exception {
    try (SampleBackend b1 = Fixtures.backend("b1");
        SampleBackend b2 = Fixtures.backend("b2");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, Fixtures.anyPort(), Optional.empty());
        Raw client = new Raw(proxy.address());
        Raw adm = new Raw(admin.address())) {
      for (int i = 0; i < 5; i++) {
        assertThat(client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
      }
      JsonNode stats =
          new ObjectMapper()
              .readTree(adm.send("GET /stats HTTP/1.1\r\nHost: a\r\n\r\n").read().body());
      JsonNode first = stats.get("backends").get(0);
      assertThat(first.get("requests").asLong()).isEqualTo(5);
      assertThat(first.get("in_flight").asInt()).isZero();
      assertThat(first.get("state").asText()).isEqualTo("up");
      assertThat(first.has("p99_ms")).isTrue();
      assertThat(first.has("latency_ewma_ms")).isTrue();

      String metrics = adm.send("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n").read().body();
      assertThat(metrics)
          .contains(
              "alo_backend_requests_total{backend=\"127.0.0.1:" + b1.address().getPort() + "\"} 5")
          .contains("quantile=\"0.99\"")
          .contains("\nalo_client_errors_total 0\n")
          .contains("\nalo_tls_handshake_failures_total 0\n");

      String url = "http://127.0.0.1:" + b2.address().getPort();
      Raw.Response added =
          adm.send("POST /backends?url=" + url + "&weight=2 HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(added.status()).isEqualTo(201);
      for (int i = 0; i < 4; i++) {
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      assertThat(b2.served()).isPositive();

      String id1 = "127.0.0.1:" + b1.address().getPort();
      Raw.Response removed =
          adm.send("DELETE /backends/" + id1 + " HTTP/1.1\r\nHost: a\r\n\r\n").read();
      assertThat(removed.status()).isEqualTo(202);
      long servedBefore = b1.served();
      for (int i = 0; i < 4; i++) {
        assertThat(client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().header("x-served-by"))
            .isEqualTo("b2");
      }
      assertThat(b1.served()).isEqualTo(servedBefore);

      String id2 = "127.0.0.1:" + b2.address().getPort();
      assertThat(
              adm.send("POST /backends/" + id2 + "/weight?value=7 HTTP/1.1\r\nHost: a\r\n\r\n")
                  .read()
                  .status())
          .isEqualTo(200);
      assertThat(proxy.stats())
          .filteredOn(s -> s.id().equals(id2))
          .singleElement()
          .extracting(BackendStats::weight)
          .isEqualTo(7);
      assertThat(
              adm.send("POST /backends/" + id2 + "/weight?value=x HTTP/1.1\r\nHost: a\r\n\r\n")
                  .read()
                  .status())
          .isEqualTo(400);
    }
  }

  @Test
  void removeBackend_drainCompletesWhenInFlightRequestsEnd() throws Exception {
    try (SampleBackend slow =
            SampleBackend.start(
                new SampleBackend.Settings(
                    Fixtures.anyPort(), "slow", Duration.ofMillis(300), Duration.ZERO, 0, 1, 1));
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(slow))), ProxyLog.none());
        Raw client = new Raw(proxy.address())) {
      client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n");
      await().atMost(Duration.ofSeconds(2)).until(() -> proxy.stats().get(0).inFlight() == 1);
      var drained = proxy.removeBackend("127.0.0.1:" + slow.address().getPort());
      assertThat(drained).isNotDone();
      assertThat(proxy.stats())
          .singleElement()
          .extracting(BackendStats::state)
          .isEqualTo("draining");
      assertThat(client.read().status()).isEqualTo(200);
      drained.get(2, java.util.concurrent.TimeUnit.SECONDS);
      assertThat(proxy.stats()).isEmpty();
    }
  }

  @Test
  void token_requiredWhenSet() throws Exception {
    try (SampleBackend b1 = Fixtures.backend("b1");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, Fixtures.anyPort(), Optional.of("s3cret"));
        Raw adm = new Raw(admin.address())) {
      assertThat(adm.send("GET /stats HTTP/1.1\r\nHost: a\r\n\r\n").read().status()).isEqualTo(401);
      assertThat(
              adm.send("GET /stats HTTP/1.1\r\nHost: a\r\nAuthorization: Bearer s3cret\r\n\r\n")
                  .read()
                  .status())
          .isEqualTo(200);
    }
  }

  @Test
  void slowStart_addedBackendGetsASmallShareAtFirst() throws Exception {
    long[] now = {1_000_000_000L};
    try (SampleBackend old = Fixtures.backend("old");
        SampleBackend fresh = Fixtures.backend("fresh");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.config(List.of(Fixtures.addr(old)))
                    .withHealth(
                        new ProxyConfig.HealthCheck(
                            false,
                            "/",
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(1),
                            2,
                            3,
                            Duration.ofSeconds(30))),
                ProxyLog.none(),
                () -> now[0]);
        Raw c = new Raw(proxy.address())) {
      proxy.addBackend(Fixtures.addr(fresh));
      for (int i = 0; i < 200; i++) {
        c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      // Round robin would give it 100; at the start of its ramp it gets about 10% of its turns.
      assertThat(fresh.served()).isBetween(1L, 40L);
      now[0] += Duration.ofSeconds(31).toNanos();
      long before = fresh.served();
      for (int i = 0; i < 20; i++) {
        c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      assertThat(fresh.served() - before).isEqualTo(10);
    }
  }
}
