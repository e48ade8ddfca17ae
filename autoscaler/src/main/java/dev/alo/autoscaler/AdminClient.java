package dev.alo.autoscaler;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The proxy's admin endpoint over HTTP: {@code GET /stats}, and with the bearer token {@code POST
 * /backends?url=URL} and {@code DELETE /backends/HOST:PORT} (which drains: no new requests, the
 * in-flight ones finish, then the proxy forgets the backend).
 */
final class AdminClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final Optional<String> token;
  private final Duration timeout;
  private final HttpClient http;

  AdminClient(URI base, Optional<String> token, Duration timeout) {
    String b = base.toString();
    this.base = URI.create(b.endsWith("/") ? b : b + "/");
    this.token = token;
    this.timeout = timeout;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .build();
  }

  /** The endpoint's address, e.g. {@code http://127.0.0.1:9100/}. */
  URI base() {
    return base;
  }

  /** One backend's counters from {@code /stats}. */
  record Counters(
      String id,
      String state,
      boolean healthy,
      int inFlight,
      long requests,
      double requestsPerSecond,
      double latencyEwmaMs) {}

  /** Every backend {@code /stats} lists, draining ones included. */
  List<Counters> stats() {
    String body = send("GET", "stats", 200);
    JsonNode backends;
    try {
      backends = JSON.readTree(body).path("backends");
    } catch (JacksonException e) {
      throw new AdminRequestException(
          "GET " + base.resolve("stats") + ": not JSON (is this the proxy's admin endpoint?)");
    }
    if (!backends.isArray()) {
      throw new AdminRequestException(
          "GET "
              + base.resolve("stats")
              + ": no \"backends\" list (is this the proxy's admin endpoint?)");
    }
    List<Counters> out = new ArrayList<>();
    for (JsonNode b : backends) {
      out.add(
          new Counters(
              b.path("id").asText(),
              b.path("state").asText(),
              b.path("healthy").asBoolean(),
              b.path("in_flight").asInt(),
              b.path("requests").asLong(),
              b.path("requests_per_second").asDouble(),
              b.path("latency_ewma_ms").asDouble()));
    }
    return out;
  }

  /** Adds {@code url} ({@code http://HOST:PORT}) to the pool. */
  void add(String url) {
    send("POST", "backends?url=" + url, 201);
  }

  /** Starts draining {@code id} ({@code HOST:PORT}); the proxy drops it once drained. */
  void remove(String id) {
    send("DELETE", "backends/" + id, 202);
  }

  private String send(String method, String path, int expected) {
    URI uri = base.resolve(path);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .method(method, HttpRequest.BodyPublishers.noBody());
    token.ifPresent(t -> req.header("Authorization", "Bearer " + t));
    HttpResponse<String> resp;
    try {
      resp = http.send(req.build(), HttpResponse.BodyHandlers.ofString(UTF_8));
    } catch (ConnectException e) {
      throw new AdminRequestException(method + " " + uri + ": connection refused");
    } catch (HttpTimeoutException e) {
      throw new AdminRequestException(method + " " + uri + ": no answer within " + timeout);
    } catch (IOException e) {
      throw new AdminRequestException(method + " " + uri + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AdminRequestException(method + " " + uri + ": interrupted");
    }
    if (resp.statusCode() != expected) {
      throw new AdminRequestException(
          method + " " + uri + ": " + resp.statusCode() + " " + resp.body().strip());
    }
    return resp.body();
  }
}
