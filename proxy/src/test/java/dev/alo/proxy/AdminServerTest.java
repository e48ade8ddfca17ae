package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alo.engine.InputException;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

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
  void hostnameWithPortOrSpaces_rejected() {
    assertThatThrownBy(() -> AdminAccess.readOnly().withHostnames(List.of("admin:8081")))
        .isInstanceOf(InputException.class)
        .hasMessage(
            "'admin:8081' is not a host name (expected letters, digits, '-' and '.', no port)");
    assertThatThrownBy(() -> AdminAccess.readOnly().withHostnames(List.of("")))
        .isInstanceOf(InputException.class);
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

  @Property(tries = 300)
  void anyOtherHostOrPort_refused(
      @ForAll("hosts") String host, @ForAll @IntRange(min = 1, max = 65535) int port) {
    InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 8081);
    AdminAccess access = AdminAccess.readOnly();
    boolean own = host.equalsIgnoreCase("localhost") || isLoopbackOne(host);
    for (String authority : List.of(host, host + ":" + port)) {
      DefaultHttpRequest req =
          new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/stats");
      req.headers().set("Host", authority);
      boolean accepted = access.check(req, local).isEmpty();
      boolean expected = own && (authority.equals(host) || port == 8081);
      assertThat(accepted).as(authority).isEqualTo(expected);
    }
  }

  /** 127.0.0.1 in dotted decimal, leading zeros allowed (an address, so no DNS to rebind). */
  private static boolean isLoopbackOne(String host) {
    String[] parts = host.split("\\.", -1);
    int[] want = {127, 0, 0, 1};
    if (parts.length != 4) {
      return false;
    }
    for (int i = 0; i < 4; i++) {
      if (!parts[i].matches("[0-9]{1,3}") || Integer.parseInt(parts[i]) != want[i]) {
        return false;
      }
    }
    return true;
  }

  @Provide
  Arbitrary<String> hosts() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("abcdefghijklmnopqrstuvwxyz0123456789.-")
            .ofMinLength(1)
            .ofMaxLength(20),
        Arbitraries.of(
            "localhost",
            "LocalHost",
            "127.0.0.1",
            "127.0.0.2",
            "127.0.0.01",
            "127.000.0.1",
            "0127.0.0.1",
            "0.0.0.0",
            "::1"),
        Arbitraries.integers()
            .between(0, 255)
            .list()
            .ofSize(4)
            .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3)));
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
