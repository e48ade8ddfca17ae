package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.balance.Algorithm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProxyConfigTest {
  private static final BackendAddress A = new BackendAddress("127.0.0.1", 9001, 1);
  private static final BackendAddress B = new BackendAddress("127.0.0.1", 9002, 3);

  @Test
  void builder_defaults_asDocumented() {
    ProxyConfig c = ProxyConfig.builder().build();
    assertThat(c.listen().getHostString()).isEqualTo("127.0.0.1");
    assertThat(c.listen().getPort()).isEqualTo(8080);
    assertThat(c.backends()).isEmpty();
    assertThat(c.algorithm()).isEqualTo(Algorithm.ROUND_ROBIN);
    assertThat(c.threads()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(c.timeouts())
        .isEqualTo(
            new ProxyConfig.Timeouts(
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ofSeconds(60),
                Duration.ofSeconds(10)));
    assertThat(c.limits()).isEqualTo(new ProxyConfig.Limits(100_000, 16384, 100, Long.MAX_VALUE));
    assertThat(c.health())
        .isEqualTo(
            new ProxyConfig.HealthCheck(
                true, "/", Duration.ofSeconds(2), Duration.ofSeconds(1), 2, 3, Duration.ZERO));
    assertThat(c.outliers())
        .isEqualTo(new ProxyConfig.Outliers(5, Duration.ofSeconds(10), Duration.ofMinutes(5), 0.5));
    assertThat(c.retries()).isEqualTo(new ProxyConfig.Retries(true, 3, 0.2, 10));
    assertThat(c.hashKey()).isEqualTo(HashKey.CLIENT);
    assertThat(c.tls().enabled()).isFalse();
    assertThat(c.tls().handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.tls().reloadInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.scheme()).isEqualTo("http");
  }

  @Test
  void builder_settersLandInTheirGroups() {
    ProxyConfig c =
        ProxyConfig.builder()
            .backends(List.of(A, B))
            .algorithm(Algorithm.P2C)
            .threads(3)
            .idleTimeout(Duration.ofMillis(300))
            .maxBodySize(0)
            .healthChecks(false)
            .fall(1)
            .slowStart(Duration.ofSeconds(30))
            .ejectionTime(Duration.ofMillis(300))
            .retries(false)
            .tls(Path.of("c.pem"), Path.of("k.pem"))
            .tlsReloadInterval(Duration.ZERO)
            .build();
    assertThat(c.backends()).containsExactly(A, B);
    assertThat(c.algorithm()).isEqualTo(Algorithm.P2C);
    assertThat(c.threads()).isEqualTo(3);
    assertThat(c.timeouts().idle()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.timeouts().connect()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.limits().maxBodySize()).isZero();
    assertThat(c.health().enabled()).isFalse();
    assertThat(c.health().fall()).isEqualTo(1);
    assertThat(c.health().slowStart()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.outliers().baseEjection()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.retries().enabled()).isFalse();
    assertThat(c.tls().enabled()).isTrue();
    assertThat(c.tls().certificateChain()).isEqualTo(Path.of("c.pem"));
    assertThat(c.tls().privateKey()).isEqualTo(Path.of("k.pem"));
    assertThat(c.tls().reloadInterval()).isZero();
    assertThat(c.scheme()).isEqualTo("https");
  }

  @Test
  void toBuilder_roundTrips_andChangesOnlyWhatIsSet() {
    ProxyConfig c =
        ProxyConfig.builder()
            .backends(List.of(A))
            .threads(2)
            .tls(Path.of("c.pem"), Path.of("k.pem"))
            .hashKey(HashKey.parse("header:X-User", List.of()))
            .build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    ProxyConfig d = c.toBuilder().threads(4).build();
    assertThat(d).isNotEqualTo(c);
    assertThat(d.threads()).isEqualTo(4);
    assertThat(d.toBuilder().threads(2).build()).isEqualTo(c);
    assertThat(ProxyConfig.builder().build()).isEqualTo(ProxyConfig.builder().build());
  }

  @Test
  void setters_badValues_refusedNamingSettingValueAndExpectation() {
    ProxyConfig.Builder b = ProxyConfig.builder();
    assertRefused(() -> b.threads(0), "threads: 0 (expected >= 1)");
    assertRefused(() -> b.maxConnections(0), "maxConnections: 0 (expected >= 1)");
    assertRefused(() -> b.maxHeadSize(-1), "maxHeadSize: -1 (expected >= 1)");
    assertRefused(() -> b.maxHeaders(0), "maxHeaders: 0 (expected >= 1)");
    assertRefused(() -> b.maxBodySize(-1), "maxBodySize: -1 (expected >= 0)");
    assertRefused(() -> b.connectTimeout(Duration.ZERO), "connectTimeout: 0s (expected > 0)");
    assertRefused(() -> b.responseTimeout(Duration.ZERO), "responseTimeout: 0s (expected > 0)");
    assertRefused(() -> b.idleTimeout(Duration.ZERO), "idleTimeout: 0s (expected > 0)");
    assertRefused(
        () -> b.headerTimeout(Duration.ofSeconds(-1)), "headerTimeout: -1s (expected > 0)");
    assertRefused(
        () -> b.healthPath("health"),
        "healthPath: 'health' (expected a path from /, without spaces)");
    assertRefused(
        () -> b.healthPath("/a b"), "healthPath: '/a b' (expected a path from /, without spaces)");
    assertRefused(() -> b.healthInterval(Duration.ZERO), "healthInterval: 0s (expected > 0)");
    assertRefused(() -> b.healthTimeout(Duration.ZERO), "healthTimeout: 0s (expected > 0)");
    assertRefused(() -> b.rise(0), "rise: 0 (expected >= 1)");
    assertRefused(() -> b.fall(0), "fall: 0 (expected >= 1)");
    assertRefused(() -> b.slowStart(Duration.ofMillis(-1)), "slowStart: -1ms (expected >= 0)");
    assertRefused(() -> b.ejectAfter(0), "ejectAfter: 0 (expected >= 1)");
    assertRefused(() -> b.ejectionTime(Duration.ZERO), "ejectionTime: 0s (expected > 0)");
    assertRefused(() -> b.maxEjectionTime(Duration.ZERO), "maxEjectionTime: 0s (expected > 0)");
    assertRefused(() -> b.maxEjectedShare(1.5), "maxEjectedShare: 1.5 (expected 0 to 1)");
    assertRefused(() -> b.maxEjectedShare(Double.NaN), "maxEjectedShare: NaN (expected 0 to 1)");
    assertRefused(() -> b.maxAttempts(0), "maxAttempts: 0 (expected >= 1)");
    assertRefused(() -> b.retryBudgetRatio(-0.1), "retryBudgetRatio: -0.1 (expected >= 0)");
    assertRefused(() -> b.minRetries(-1), "minRetries: -1 (expected >= 0)");
    assertRefused(
        () -> b.tlsHandshakeTimeout(Duration.ZERO), "tlsHandshakeTimeout: 0s (expected > 0)");
    assertRefused(
        () -> b.tlsReloadInterval(Duration.ofSeconds(-1)),
        "tlsReloadInterval: -1s (expected >= 0)");
    assertRefused(
        () -> b.backends(List.of(A, B, new BackendAddress("127.0.0.1", 9001, 2))),
        "backends: 127.0.0.1:9001 twice (expected each HOST:PORT once)");
    // A refused value leaves the default in place.
    assertThat(b.build()).isEqualTo(ProxyConfig.builder().build());
  }

  @Test
  void invalidSetting_partsForCallersThatNameSettingsTheirOwnWay() {
    assertThatThrownBy(() -> ProxyConfig.builder().rise(0))
        .isInstanceOfSatisfying(
            InvalidSettingException.class,
            e -> {
              assertThat(e.setting()).isEqualTo("rise");
              assertThat(e.value()).isEqualTo("0");
              assertThat(e.expected()).isEqualTo(">= 1");
            });
  }

  private static void assertRefused(Runnable set, String message) {
    assertThatThrownBy(set::run).isInstanceOf(InvalidSettingException.class).hasMessage(message);
  }
}
