package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Membership changes through the Java API: graceful removal and slow start of added backends. */
class MembershipTest {
  @Test
  void removeBackend_drainCompletesWhenInFlightRequestsEnd() throws Exception {
    try (TestBackend slow = TestBackend.delayed("slow", Duration.ofMillis(300));
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
  void slowStart_addedBackendGetsASmallShareAtFirst() throws Exception {
    long[] now = {1_000_000_000L};
    try (TestBackend old = Fixtures.backend("old");
        TestBackend fresh = Fixtures.backend("fresh");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(Fixtures.addr(old)))
                    .slowStart(Duration.ofSeconds(30))
                    .build(),
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
