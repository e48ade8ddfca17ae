package dev.alo.autoscaler;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/**
 * The total load from a Prometheus instant query ({@code GET /api/v1/query?query=PROMQL}): the sum
 * of an instant vector's sample values, or a scalar. An HTTP error, a query Prometheus refuses, any
 * other result type, no series, or a value that is not a finite number at least 0 makes the metric
 * unreadable, with a one-line reason.
 */
final class PrometheusSource implements MetricSource {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String base;
  private final URI endpoint;
  private final String query;
  private final Duration timeout;
  private final HttpClient http;

  PrometheusSource(URI base, String query, Duration timeout) {
    if (query.isBlank()) {
      throw new IllegalArgumentException("Prometheus query: blank (expected: a PromQL expression)");
    }
    String b = base.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
    this.endpoint =
        URI.create(this.base + "/")
            .resolve("api/v1/query?query=" + URLEncoder.encode(query, UTF_8));
    this.query = query;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  @Override
  public MetricReading read() {
    HttpResponse<String> resp = get();
    JsonNode doc = parse(resp);
    if (!"success".equals(doc.path("status").asText())) {
      throw unreadable(
          doc.path("errorType").asText("unknown error")
              + ": "
              + doc.path("error").asText("(no message)").strip());
    }
    if (resp.statusCode() != 200) {
      throw unreadable("HTTP " + resp.statusCode());
    }
    return MetricReading.ofTotal(load(doc.path("data")));
  }

  private HttpResponse<String> get() {
    HttpRequest req = HttpRequest.newBuilder(endpoint).timeout(timeout).GET().build();
    try {
      return http.send(req, HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (ConnectException e) {
      throw unreadable("connection refused");
    } catch (HttpTimeoutException e) {
      throw unreadable("no answer within " + timeout);
    } catch (IOException e) {
      throw unreadable(String.valueOf(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unreadable("interrupted");
    }
  }

  private JsonNode parse(HttpResponse<String> resp) {
    try {
      JsonNode doc = JSON.readTree(resp.body());
      if (doc != null && doc.isObject()) {
        return doc;
      }
    } catch (JacksonException e) {
      // not JSON: said below
    }
    throw unreadable(
        resp.statusCode() == 200
            ? "not a Prometheus API answer (no JSON object; is this Prometheus?)"
            : "HTTP " + resp.statusCode() + " " + firstLine(resp.body()));
  }

  /** The sum of a vector's sample values, or a scalar's value. */
  private double load(JsonNode data) {
    String type = data.path("resultType").asText();
    JsonNode result = data.path("result");
    double load;
    switch (type) {
      case "scalar" -> load = value(result, "the scalar");
      case "vector" -> {
        if (result.isEmpty()) {
          throw unreadable(
              "no series (a target not scraped, a misspelt metric, or nothing to sum: `or vector(0)` counts that as 0)");
        }
        load = 0;
        for (JsonNode sample : result) {
          load += value(sample.path("value"), "series " + sample.path("metric"));
        }
      }
      default ->
          throw unreadable(
              "result type '" + type + "' (expected: vector or scalar, an instant query's load)");
    }
    return load;
  }

  /** The value of a {@code [time, "value"]} pair. */
  private double value(JsonNode pair, String what) {
    String text = pair.path(1).asText("");
    double v;
    try {
      v = Double.parseDouble(text.replace("Inf", "Infinity"));
    } catch (NumberFormatException e) {
      throw unreadable(what + ": no value in " + pair);
    }
    if (!(v >= 0) || Double.isInfinite(v)) {
      throw unreadable(what + " is " + text + " (expected: a finite number >= 0)");
    }
    return v;
  }

  private static String firstLine(String body) {
    String s = body.strip();
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private MetricUnavailableException unreadable(String why) {
    return new MetricUnavailableException("Prometheus " + base + ", query '" + query + "': " + why);
  }
}
