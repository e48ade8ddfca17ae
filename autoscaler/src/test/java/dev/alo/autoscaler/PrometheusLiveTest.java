package dev.alo.autoscaler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link MetricSource#prometheus} against a real Prometheus (Debian's {@code prometheus} package,
 * {@code /usr/bin/prometheus}) scraping a real proxy's admin {@code /metrics} every second; skipped
 * when it is not installed ({@code .ci/run} installs it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PrometheusLiveTest {
  private static final Path PROMETHEUS = Path.of("/usr/bin/prometheus");
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private @Nullable LiveProxy proxy;
  private @Nullable Process prometheus;
  private @Nullable Path dir;
  private URI base = URI.create("http://127.0.0.1:9090");

  @BeforeAll
  void startPrometheusScrapingTheProxy() throws IOException {
    Assumptions.assumeTrue(
        Files.isExecutable(PROMETHEUS),
        "/usr/bin/prometheus is not installed (apt-get install prometheus; .ci/run does)");
    LiveProxy p = new LiveProxy();
    proxy = p;
    Path d = Files.createTempDirectory("alo-prometheus");
    dir = d;
    Path config = d.resolve("prometheus.yml");
    Files.writeString(
        config,
        """
        global:
          scrape_interval: 1s
          evaluation_interval: 1s
        scrape_configs:
          - job_name: alo
            metrics_path: /metrics
            static_configs:
              - targets: ['%s']
        """
            .formatted(p.adminUri().getAuthority()),
        UTF_8);
    int port = freePort();
    base = URI.create("http://127.0.0.1:" + port);
    Path log = d.resolve("prometheus.log");
    Process started =
        new ProcessBuilder(
                PROMETHEUS.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + d.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port)
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    prometheus = started;
    MetricSource up = MetricSource.prometheus(base, "up{job=\"alo\"} == 1", TIMEOUT);
    await("Prometheus scraping the proxy's /metrics (log: " + log + ")")
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(250))
        .ignoreException(MetricUnavailableException.class)
        .until(
            () -> {
              if (!started.isAlive()) {
                throw new IllegalStateException(
                    "prometheus exited with " + started.exitValue() + ": " + Files.readString(log));
              }
              return up.read().total().orElse(0) == 1;
            });
  }

  @AfterAll
  void stop() throws IOException, InterruptedException {
    Process p = prometheus;
    if (p != null) {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
    LiveProxy lp = proxy;
    if (lp != null) {
      lp.close();
    }
    Path d = dir;
    if (d != null) {
      try (Stream<Path> files = Files.walk(d)) {
        for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(f);
        }
      }
    }
  }

  @Test
  void read_requestRateOfTheProxy_positiveWhileRequestsFlow() {
    LiveProxy p = live();
    MetricSource rate =
        MetricSource.prometheus(base, "sum(rate(alo_backend_requests_total[5s]))", TIMEOUT);

    double load =
        await("a positive request rate from Prometheus")
            .atMost(Duration.ofSeconds(60))
            .pollInterval(Duration.ofMillis(250))
            .ignoreException(MetricUnavailableException.class)
            .until(
                () -> {
                  for (int i = 0; i < 5; i++) {
                    assertThat(p.get()).isEqualTo(200);
                  }
                  return rate.read().total().orElse(0);
                },
                v -> v > 0);

    assertThat(load).isPositive();
  }

  @Test
  void read_seriesThatDoesNotExist_unreadableNoSeries() {
    MetricSource missing =
        MetricSource.prometheus(base, "sum(rate(alo_no_such_metric_total[5s]))", TIMEOUT);

    assertThatThrownBy(missing::read)
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessageEndingWith(
            "no series (a target not scraped, a misspelt metric, or nothing to sum: `or vector(0)` counts that as 0)");
  }

  @Test
  void read_queryPrometheusRefuses_unreadableWithItsError() {
    MetricSource bad = MetricSource.prometheus(base, "sum(rate(", TIMEOUT);

    assertThatThrownBy(bad::read)
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessageContaining("query 'sum(rate(': bad_data: ");
  }

  private LiveProxy live() {
    LiveProxy p = proxy;
    if (p == null) {
      throw new IllegalStateException("no proxy: @BeforeAll did not run");
    }
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
