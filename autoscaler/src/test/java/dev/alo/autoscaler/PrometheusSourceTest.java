package dev.alo.autoscaler;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Prometheus API answers, as a real Prometheus gives them, served by a small real HTTP server on an
 * ephemeral port.
 */
class PrometheusSourceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private final List<String> queries = new CopyOnWriteArrayList<>();
  private HttpServer server = serve(200, "{}");

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void read_vector_loadIsTheSumOfItsSamples() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"vector","result":[\
        {"metric":{"backend":"127.0.0.1:8081"},"value":[1764700000.123,"12.5"]},\
        {"metric":{"backend":"127.0.0.1:8082"},"value":[1764700000.123,"7.25"]}]}}""");

    MetricReading reading =
        source("sum by (backend) (rate(alo_backend_requests_total[1m]))").read();

    assertThat(reading.total()).hasValue(19.75);
    assertThat(reading.backends()).isEmpty();
    assertThat(queries).containsExactly("sum by (backend) (rate(alo_backend_requests_total[1m]))");
  }

  @Test
  void read_scalar_loadIsItsValue() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"scalar","result":[1764700000.5,"42"]}}""");

    assertThat(source("scalar(sum(up))").read().total()).hasValue(42.0);
  }

  @Test
  void read_queryRefused_unreadableWithPrometheusReason() {
    answer(
        400,
        """
        {"status":"error","errorType":"bad_data","error":"invalid parameter \\"query\\": \
        1:5: parse error: unexpected \\")\\""}""");

    assertThatThrownBy(() -> source("rate(").read())
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessage(
            "Prometheus "
                + base()
                + ", query 'rate(': bad_data: invalid parameter \"query\": 1:5: parse error:"
                + " unexpected \")\"");
  }

  @Test
  void read_noSeries_unreadable() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"vector","result":[]}}""");

    assertThatThrownBy(() -> source("sum(rate(nothing_total[1m]))").read())
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessageEndingWith(
            "query 'sum(rate(nothing_total[1m]))': no series (a target not scraped, a misspelt"
                + " metric, or nothing to sum: `or vector(0)` counts that as 0)");
  }

  @Test
  void read_nanSample_unreadable() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"vector","result":[\
        {"metric":{},"value":[1764700000,"NaN"]}]}}""");

    assertThatThrownBy(() -> source("a / b").read())
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessageEndingWith("series {} is NaN (expected: a finite number >= 0)");
  }

  @Test
  void read_infiniteScalar_unreadable() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"scalar","result":[1764700000,"+Inf"]}}""");

    assertThatThrownBy(() -> source("1/0").read())
        .hasMessageEndingWith("the scalar is +Inf (expected: a finite number >= 0)");
  }

  @Test
  void read_rangeVector_unreadableNamingTheExpectedTypes() {
    answer(
        200,
        """
        {"status":"success","data":{"resultType":"matrix","result":[\
        {"metric":{},"values":[[1764700000,"1"],[1764700001,"2"]]}]}}""");

    assertThatThrownBy(() -> source("up[1m]").read())
        .hasMessageEndingWith(
            "result type 'matrix' (expected: vector or scalar, an instant query's load)");
  }

  @Test
  void read_httpErrorWithoutJson_unreadableWithStatusAndBody() {
    answer(503, "Service Unavailable\nthe TSDB is starting");

    assertThatThrownBy(() -> source("up").read())
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessage("Prometheus " + base() + ", query 'up': HTTP 503 Service Unavailable");
  }

  @Test
  void read_nothingListening_unreadableConnectionRefused() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> MetricSource.prometheus(closed, "up", TIMEOUT).read())
        .isInstanceOf(MetricUnavailableException.class)
        .hasMessage("Prometheus " + closed + ", query 'up': connection refused");
  }

  @Test
  void prometheus_blankQuery_refused() {
    assertThatThrownBy(() -> MetricSource.prometheus(URI.create(base()), " ", TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Prometheus query: blank (expected: a PromQL expression)");
  }

  @Property(tries = 50)
  void read_anyVector_loadIsTheSumOfItsSamples(
      @ForAll @Size(max = 6) List<@DoubleRange(min = 0, max = 1e6) Double> samples) {
    StringBuilder result = new StringBuilder();
    double sum = 0;
    for (int i = 0; i < samples.size(); i++) {
      result.append(i == 0 ? "" : ",");
      result.append(
          String.format(
              Locale.ROOT,
              "{\"metric\":{\"i\":\"%d\"},\"value\":[1764700000.1,\"%s\"]}",
              i,
              samples.get(i)));
      sum += samples.get(i);
    }
    answer(
        200,
        "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":["
            + result
            + "]}}");
    try {
      if (samples.isEmpty()) {
        assertThatThrownBy(() -> source("x").read())
            .hasMessageEndingWith(
                "no series (a target not scraped, a misspelt metric, or nothing to sum: `or vector(0)` counts that as 0)");
      } else {
        assertThat(source("x").read().total().getAsDouble()).isCloseTo(sum, within(1e-6));
      }
    } finally {
      server.stop(0);
    }
  }

  private MetricSource source(String query) {
    return MetricSource.prometheus(URI.create(base() + "/"), query, TIMEOUT);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void answer(int status, String body) {
    server.stop(0);
    server = serve(status, body);
  }

  private HttpServer serve(int status, String body) {
    HttpServer s;
    try {
      s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    s.createContext(
        "/api/v1/query",
        exchange -> {
          String raw = exchange.getRequestURI().getRawQuery();
          queries.add(URLDecoder.decode(raw.substring(raw.indexOf('=') + 1), UTF_8));
          byte[] bytes = body.getBytes(UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(status, bytes.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
          }
        });
    s.start();
    return s;
  }
}
