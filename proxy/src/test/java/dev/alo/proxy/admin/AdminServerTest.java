package dev.alo.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alo.proxy.BackendStats;
import dev.alo.proxy.Fixtures;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import dev.alo.proxy.Raw;
import dev.alo.proxy.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin endpoint over HTTP: stats, metrics, membership changes and who may make them. */
class AdminServerTest {

  private static final String TOKEN = "s3cret-Token_1";
  private static final String BEARER = "Bearer " + TOKEN;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void stats_metricsAndMembershipChanges_overHttp() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        TestBackend b2 = Fixtures.backend("b2");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin =
            AdminServer.start(proxy, Fixtures.anyPort(), AdminAccess.withToken(TOKEN));
        Raw client = new Raw(proxy.address())) {
      for (int i = 0; i < 5; i++) {
        assertThat(client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
      }
      JsonNode stats = new ObjectMapper().readTree(send(admin, "GET", "/stats").body());
      JsonNode first = stats.get("backends").get(0);
      assertThat(first.get("requests").asLong()).isEqualTo(5);
      assertThat(first.get("in_flight").asInt()).isZero();
      assertThat(first.get("state").asText()).isEqualTo("up");
      assertThat(first.has("p99_ms")).isTrue();
      assertThat(first.has("latency_ewma_ms")).isTrue();

      String metrics = send(admin, "GET", "/metrics").body();
      assertThat(metrics)
          .contains(
              "alo_backend_requests_total{backend=\"127.0.0.1:" + b1.address().getPort() + "\"} 5")
          .contains("quantile=\"0.99\"")
          .contains("\nalo_client_errors_total 0\n")
          .contains("\nalo_tls_handshake_failures_total 0\n");

      String url = "http://127.0.0.1:" + b2.address().getPort();
      HttpResponse<String> added =
          send(admin, "POST", "/backends?url=" + url + "&weight=2", "Authorization", BEARER);
      assertThat(added.statusCode()).isEqualTo(201);
      for (int i = 0; i < 4; i++) {
        client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      assertThat(b2.served()).isPositive();

      String id1 = "127.0.0.1:" + b1.address().getPort();
      assertThat(send(admin, "DELETE", "/backends/" + id1, "Authorization", BEARER).statusCode())
          .isEqualTo(202);
      long servedBefore = b1.served();
      for (int i = 0; i < 4; i++) {
        assertThat(client.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().header("x-served-by"))
            .isEqualTo("b2");
      }
      assertThat(b1.served()).isEqualTo(servedBefore);

      String id2 = "127.0.0.1:" + b2.address().getPort();
      assertThat(
              send(admin, "POST", "/backends/" + id2 + "/weight?value=7", "Authorization", BEARER)
                  .statusCode())
          .isEqualTo(200);
      assertThat(proxy.stats())
          .filteredOn(s -> s.id().equals(id2))
          .singleElement()
          .extracting(BackendStats::weight)
          .isEqualTo(7);
      assertThat(
              send(admin, "POST", "/backends/" + id2 + "/weight?value=x", "Authorization", BEARER)
                  .statusCode())
          .isEqualTo(400);
    }
  }

  @Test
  void withoutToken_readsServedAndEveryChangeRefusedSayingHowToSetOne() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin = AdminServer.start(proxy, Fixtures.anyPort(), AdminAccess.readOnly())) {
      assertThat(send(admin, "GET", "/stats").statusCode()).isEqualTo(200);
      assertThat(send(admin, "GET", "/metrics").statusCode()).isEqualTo(200);
      String id1 = "127.0.0.1:" + b1.address().getPort();
      for (String[] change :
          List.of(
              new String[] {"POST", "/backends?url=http://example.com:80"},
              new String[] {"DELETE", "/backends/" + id1},
              new String[] {"POST", "/backends/" + id1 + "/weight?value=5"},
              new String[] {"PUT", "/backends"},
              new String[] {"PATCH", "/backends/" + id1},
              new String[] {"OPTIONS", "/stats"})) {
        HttpResponse<String> r = send(admin, change[0], change[1], "Authorization", BEARER);
        assertThat(r.statusCode()).as(change[0] + " " + change[1]).isEqualTo(403);
        assertThat(r.body()).contains("ALO_ADMIN_TOKEN").contains("--admin-token-file");
      }
      assertThat(proxy.stats()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(id1));
      assertThat(proxy.stats().get(0).weight()).isEqualTo(1);
    }
  }

  @Test
  void withToken_changesNeedTheRightBearerTokenAndReadsDoNot() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        TestBackend b2 = Fixtures.backend("b2");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin =
            AdminServer.start(proxy, Fixtures.anyPort(), AdminAccess.withToken(TOKEN))) {
      String add = "/backends?url=http://127.0.0.1:" + b2.address().getPort();
      HttpResponse<String> none = send(admin, "POST", add);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"alo-admin\"");
      for (String wrong :
          List.of(
              "Bearer wrong", "Bearer " + TOKEN + "x", "Bearer s3cret", "Basic " + TOKEN, TOKEN)) {
        assertThat(send(admin, "POST", add, "Authorization", wrong).statusCode())
            .as(wrong)
            .isEqualTo(401);
      }
      assertThat(send(admin, "DELETE", "/backends/x:1", "Authorization", "Bearer no").statusCode())
          .isEqualTo(401);
      assertThat(proxy.stats()).hasSize(1);
      assertThat(send(admin, "GET", "/stats").statusCode()).isEqualTo(200);
      assertThat(send(admin, "POST", add, "Authorization", "bearer " + TOKEN).statusCode())
          .isEqualTo(201);
      assertThat(proxy.stats()).hasSize(2);
    }
  }

  @Test
  void hostNotNamingTheAdminEndpoint_refused() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin =
            AdminServer.start(proxy, Fixtures.anyPort(), AdminAccess.withToken(TOKEN))) {
      int port = admin.address().getPort();
      for (String host :
          List.of(
              "evil.example:" + port,
              "evil.example",
              "127.0.0.1:" + (port + 1),
              "localhost:" + (port == 80 ? 81 : 80),
              "127.0.0.2:" + port,
              "[::1]:" + port,
              "127.0.0.1.evil.example",
              "localhost.:" + port,
              "127.0.0.1:" + port + "@evil.example",
              "admin.internal:" + port)) {
        Raw.Response r = raw(admin, "GET /stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
        assertThat(r.status()).as(host).isEqualTo(403);
        assertThat(r.body()).contains("is not this admin endpoint");
      }
      String url = "http://example.com:80";
      Raw.Response rebound =
          raw(
              admin,
              "POST /backends?url="
                  + url
                  + " HTTP/1.1\r\nHost: evil.example:"
                  + port
                  + "\r\nAuthorization: "
                  + BEARER
                  + "\r\nContent-Length: 0\r\n\r\n");
      assertThat(rebound.status()).isEqualTo(403);
      assertThat(raw(admin, "GET /stats HTTP/1.0\r\n\r\n").status()).isEqualTo(403);
      assertThat(
              raw(
                      admin,
                      "GET /stats HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nHost: evil\r\n\r\n")
                  .status())
          .isIn(400, 403);
      for (String host :
          List.of(
              "127.0.0.1:" + port,
              "127.0.0.1",
              "localhost:" + port,
              "LOCALHOST",
              "[::ffff:127.0.0.1]:" + port)) {
        assertThat(raw(admin, "GET /stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status())
            .as(host)
            .isEqualTo(200);
      }
      assertThat(proxy.stats()).hasSize(1);
    }
  }

  @Test
  void configuredHostname_accepted() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin =
            AdminServer.start(
                proxy,
                Fixtures.anyPort(),
                AdminAccess.readOnly().withHostnames(List.of("Admin.Internal")))) {
      int port = admin.address().getPort();
      for (String host : List.of("admin.internal:" + port, "admin.internal", "ADMIN.internal")) {
        assertThat(raw(admin, "GET /stats HTTP/1.1\r\nHost: " + host + "\r\n\r\n").status())
            .as(host)
            .isEqualTo(200);
      }
      assertThat(
              raw(
                      admin,
                      "GET /stats HTTP/1.1\r\nHost: admin.internal:"
                          + port
                          + "\r\nOrigin: http://admin.internal:"
                          + port
                          + "\r\n\r\n")
                  .status())
          .isEqualTo(200);
      assertThat(raw(admin, "GET /stats HTTP/1.1\r\nHost: other.internal\r\n\r\n").status())
          .isEqualTo(403);
    }
  }

  @Test
  void crossOriginBrowserRequests_refusedForReadsAndChanges() throws Exception {
    try (TestBackend b1 = Fixtures.backend("b1");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b1))), ProxyLog.none());
        AdminServer admin =
            AdminServer.start(proxy, Fixtures.anyPort(), AdminAccess.withToken(TOKEN))) {
      int port = admin.address().getPort();
      String id1 = "127.0.0.1:" + b1.address().getPort();
      for (String[] header :
          List.of(
              new String[] {"Origin", "http://evil.example"},
              new String[] {"Origin", "null"},
              new String[] {"Origin", "https://127.0.0.1:" + port},
              new String[] {"Origin", "http://127.0.0.1:" + (port + 1)},
              new String[] {"Origin", "http://127.0.0.1"},
              new String[] {"Origin", "http://localhost:" + port + ".evil.example"},
              new String[] {"Sec-Fetch-Site", "cross-site"},
              new String[] {"Sec-Fetch-Site", "same-site"})) {
        String what = header[0] + ": " + header[1];
        assertThat(send(admin, "GET", "/stats", header[0], header[1]).statusCode())
            .as("GET with " + what)
            .isEqualTo(403);
        HttpResponse<String> change =
            send(
                admin, "DELETE", "/backends/" + id1, header[0], header[1], "Authorization", BEARER);
        assertThat(change.statusCode()).as("DELETE with " + what).isEqualTo(403);
        HttpResponse<String> add =
            send(
                admin,
                "POST",
                "/backends?url=http://example.com:80",
                header[0],
                header[1],
                "Authorization",
                BEARER);
        assertThat(add.statusCode()).as("POST with " + what).isEqualTo(403);
      }
      assertThat(proxy.stats()).singleElement().satisfies(s -> assertThat(s.id()).isEqualTo(id1));
      // The endpoint's own origin, and fetches the browser marks as same-origin or user-typed.
      for (String[] header :
          List.of(
              new String[] {"Origin", "http://127.0.0.1:" + port},
              new String[] {"Origin", "http://localhost:" + port},
              new String[] {"Sec-Fetch-Site", "same-origin"},
              new String[] {"Sec-Fetch-Site", "none"})) {
        assertThat(send(admin, "GET", "/stats", header[0], header[1]).statusCode())
            .as(header[0] + ": " + header[1])
            .isEqualTo(200);
      }
    }
  }

  private static HttpResponse<String> send(
      AdminServer admin, String method, String target, String... headers) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + admin.address().getPort() + target))
            .timeout(Duration.ofSeconds(5))
            .method(method, HttpRequest.BodyPublishers.noBody());
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static Raw.Response raw(AdminServer admin, String request) throws Exception {
    try (Raw r = new Raw(admin.address())) {
      return r.send(request).read();
    }
  }
}
