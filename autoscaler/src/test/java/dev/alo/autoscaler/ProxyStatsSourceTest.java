package dev.alo.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.loadtest.SampleBackend;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The proxy's admin /stats as a metric source, against a real proxy and admin endpoint. */
class ProxyStatsSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Test
  void read_successiveCounters_giveTheRequestRateOverTheClocksInterval() throws Exception {
    AtomicLong nanos = new AtomicLong(1_000_000_000L);
    try (LiveProxy live = new LiveProxy()) {
      MetricSource source = MetricSource.proxyAdmin(live.adminUri(), TIMEOUT, nanos::get);
      for (int i = 0; i < 3; i++) {
        assertThat(live.get()).isEqualTo(200);
      }
      MetricReading first = source.read();
      for (int i = 0; i < 10; i++) {
        assertThat(live.get()).isEqualTo(200);
      }
      nanos.addAndGet(4_000_000_000L);

      MetricReading second = source.read();

      assertThat(first.backends()).extracting(BackendLoad::id).containsExactly(live.seedId());
      BackendLoad seed = second.backends().get(0);
      assertThat(seed.requestsPerSecond()).isEqualTo(2.5);
      assertThat(seed.state()).isEqualTo("up");
      assertThat(seed.healthy()).isTrue();
      assertThat(seed.inFlight()).isZero();
      assertThat(second.requestsPerSecond()).isEqualTo(2.5);
    }
  }

  @Test
  void read_backendAddedBetweenReadings_countsFromZero() throws Exception {
    AtomicLong nanos = new AtomicLong();
    try (LiveProxy live = new LiveProxy();
        SampleBackend added =
            SampleBackend.start(SampleBackend.Settings.plain(LiveProxy.anyPort(), "added"))) {
      MetricSource source = MetricSource.proxyAdmin(live.adminUri(), TIMEOUT, nanos::get);
      source.read();
      String id = "127.0.0.1:" + added.address().getPort();
      live.proxy().addBackend(dev.alo.proxy.BackendAddress.parse("http://" + id));
      for (int i = 0; i < 8; i++) {
        assertThat(live.get()).isEqualTo(200);
      }
      nanos.addAndGet(2_000_000_000L);

      MetricReading reading = source.read();

      assertThat(reading.backends())
          .filteredOn(b -> b.id().equals(id))
          .singleElement()
          .extracting(BackendLoad::requestsPerSecond)
          .isEqualTo(added.served() / 2.0);
      assertThat(added.served()).isPositive();
      assertThat(reading.requestsPerSecond()).isEqualTo(4.0);
    }
  }

  @Test
  void read_adminNotListening_unavailableNamingTheRequest() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    MetricSource source =
        MetricSource.proxyAdmin(URI.create("http://127.0.0.1:" + port), TIMEOUT, System::nanoTime);

    assertThatThrownBy(source::read)
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessage("GET http://127.0.0.1:" + port + "/stats: connection refused");
  }

  @Test
  void read_notTheProxysAdmin_unavailableSayingSo() {
    try (SampleBackend other =
        SampleBackend.start(SampleBackend.Settings.plain(LiveProxy.anyPort(), "other"))) {
      String url = "http://127.0.0.1:" + other.address().getPort();
      MetricSource source = MetricSource.proxyAdmin(URI.create(url), TIMEOUT, System::nanoTime);

      assertThatThrownBy(source::read)
          .isInstanceOf(MetricUnavailableException.class)
          .hasMessageStartingWith("GET " + url + "/stats: ")
          .hasMessageContaining("is this the proxy's admin endpoint?");
    }
  }
}
