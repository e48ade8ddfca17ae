package dev.alo.proxy;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.proxy.http1.StrictRequestDecoder;
import dev.alo.proxy.upstream.UpstreamPool;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.embedded.EmbeddedChannel;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A client connection and its exchanges on embedded channels: the client's bytes go in, backend
 * connections are embedded channels too, and time moves only by the injected clock (advanced
 * together with the embedded event loop's).
 */
// Embedded channels complete their futures at once; failures show as channel state.
@SuppressWarnings("FutureReturnValueIgnored")
class ClientConnectionTest {
  private static final BackendAddress ONE = new BackendAddress("127.0.0.1", 8001, 1);
  private static final BackendAddress TWO = new BackendAddress("127.0.0.1", 8002, 1);

  private long now = 1_000_000_000L;
  private final List<String> log = new ArrayList<>();
  private final List<BackendAddress> dialed = new ArrayList<>();
  private final List<EmbeddedChannel> upstreams = new ArrayList<>();
  private final Set<BackendAddress> refusing = new HashSet<>();
  private ProxyContext proxy = context(builder(List.of(ONE, TWO)));
  private EmbeddedChannel client = client();

  private static ProxyConfig.Builder builder(List<BackendAddress> backends) {
    return Fixtures.builder(backends)
        .responseTimeout(Duration.ofSeconds(5))
        .headerTimeout(Duration.ofMillis(300))
        .idleTimeout(Duration.ofSeconds(30));
  }

  private ProxyContext context(ProxyConfig.Builder config) {
    return new ProxyContext(config.build(), log::add, () -> now, null);
  }

  private EmbeddedChannel client() {
    ProxyConfig config = proxy.config();
    UpstreamPool pool =
        UpstreamPool.create(
            config.timeouts().idle(),
            (address, handler) -> {
              dialed.add(address);
              EmbeddedChannel up = new EmbeddedChannel(handler);
              if (refusing.contains(address)) {
                up.close();
                return up.newFailedFuture(new ConnectException("Connection refused"));
              }
              upstreams.add(up);
              return up.newSucceededFuture();
            });
    ProxyContext p = proxy;
    return new EmbeddedChannel(
        new ChannelInitializer<Channel>() {
          @Override
          protected void initChannel(Channel ch) {
            StrictRequestDecoder decoder =
                new StrictRequestDecoder(
                    config.limits().maxHeadSize(),
                    config.limits().maxHeaders(),
                    config.limits().maxBodySize());
            ch.pipeline().addLast(decoder, new ClientConnection(p, pool, decoder, ch));
          }
        });
  }

  /** Starts over with a proxy of {@code backends}. */
  private void restart(List<BackendAddress> backends) {
    release();
    proxy = context(builder(backends));
    client = client();
  }

  @AfterEach
  void release() {
    client.finishAndReleaseAll();
    upstreams.forEach(EmbeddedChannel::finishAndReleaseAll);
    upstreams.clear();
  }

  private void advance(Duration d) {
    now += d.toNanos();
    client.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
    client.runScheduledPendingTasks();
  }

  private static void send(EmbeddedChannel ch, String bytes) {
    ch.writeInbound(Unpooled.copiedBuffer(bytes, ISO_8859_1));
  }

  /** Everything written on {@code ch} so far, as text. */
  private static String written(EmbeddedChannel ch) {
    StringBuilder sb = new StringBuilder();
    ByteBuf b;
    while ((b = ch.readOutbound()) != null) {
      sb.append(b.toString(ISO_8859_1));
      b.release();
    }
    return sb.toString();
  }

  private EmbeddedChannel upstream(int i) {
    assertThat(upstreams).hasSizeGreaterThan(i);
    return upstreams.get(i);
  }

  @Test
  void request_writtenToTheBackend_andItsResponseRelayedWithVia() {
    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");

    String toBackend = written(upstream(0));
    assertThat(toBackend).startsWith("GET /a HTTP/1.1\r\n").contains("x-forwarded-proto: http\r\n");
    send(upstream(0), "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    String response = written(client);
    assertThat(response)
        .startsWith("HTTP/1.1 200 OK\r\n")
        .contains("via: 1.1 alo\r\n")
        .doesNotContainIgnoringCase("connection: close")
        .endsWith("\r\n\r\nok");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void pipelinedRequests_servedOneAtATime_overTheReusedBackendConnection() {
    restart(List.of(ONE));
    send(client, "GET /1 HTTP/1.1\r\nHost: h\r\n\r\nGET /2 HTTP/1.1\r\nHost: h\r\n\r\n");
    assertThat(written(upstream(0))).startsWith("GET /1 ").doesNotContain("GET /2");

    send(upstream(0), "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n1");

    assertThat(written(client)).endsWith("\r\n\r\n1");
    assertThat(upstreams).hasSize(1);
    assertThat(written(upstream(0))).startsWith("GET /2 ");
    send(upstream(0), "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\n2");
    assertThat(written(client)).endsWith("\r\n\r\n2");
  }

  @Test
  void chunkedRequestBody_forwardedChunkedAsItArrives() {
    send(client, "POST /a HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n");
    assertThat(written(upstream(0)))
        .startsWith("POST /a HTTP/1.1\r\n")
        .containsIgnoringCase("transfer-encoding: chunked\r\n");

    send(client, "3\r\nabc\r\n");
    assertThat(written(upstream(0))).isEqualTo("3\r\nabc\r\n");
    send(client, "0\r\n\r\n");
    assertThat(written(upstream(0))).isEqualTo("0\r\n\r\n");

    send(upstream(0), "HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n");
    assertThat(written(client)).startsWith("HTTP/1.1 201 Created\r\n");
  }

  @Test
  void expectContinue_answeredByTheProxyOnceABackendConnectionIsReady_thenTheBodyFlows() {
    send(client, "PUT /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
    assertThat(written(client)).isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
    assertThat(written(upstream(0))).startsWith("PUT /a HTTP/1.1\r\n");

    send(client, "ok");
    assertThat(written(upstream(0))).isEqualTo("ok");
  }

  @Test
  void closeDelimitedResponse_rechunkedForAnHttp11Client_connectionKept() {
    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
    send(upstream(0), "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello");
    upstream(0).close();

    assertThat(written(client))
        .contains("transfer-encoding: chunked\r\n")
        .doesNotContain("connection: close")
        .endsWith("\r\n\r\n5\r\nhello\r\n0\r\n\r\n");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void closeDelimitedResponse_toAnHttp10Client_endsWithTheConnection() {
    send(client, "GET /a HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\n\r\n");
    send(upstream(0), "HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nhello");
    upstream(0).close();

    assertThat(written(client))
        .startsWith("HTTP/1.0 200 OK\r\n")
        .contains("connection: close\r\n")
        .doesNotContain("transfer-encoding")
        .endsWith("\r\n\r\nhello");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void backendClosesBeforeResponding_idempotentRequestRetriedOnTheOtherBackend() {
    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
    written(upstream(0));

    upstream(0).close();

    assertThat(dialed).hasSize(2);
    assertThat(dialed.get(1)).isNotEqualTo(dialed.get(0));
    assertThat(written(upstream(1))).startsWith("GET /a HTTP/1.1\r\n");
    send(upstream(1), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    assertThat(written(client)).startsWith("HTTP/1.1 200 OK\r\n");
    assertThat(proxy.retries().sum()).isEqualTo(1);
  }

  @Test
  void backendClosesBeforeResponding_postNotRetried_502AndTheConnectionKept() {
    send(client, "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi");
    assertThat(written(upstream(0))).startsWith("POST /a HTTP/1.1\r\n").endsWith("\r\n\r\nhi");

    upstream(0).close();

    String response = written(client);
    assertThat(response)
        .startsWith("HTTP/1.1 502 Bad Gateway\r\n")
        .contains("closed the connection before responding")
        .doesNotContain("connection: close");
    assertThat(dialed).hasSize(1);
    assertThat(client.isOpen()).isTrue();
    assertThat(proxy.retries().sum()).isZero();
  }

  @Test
  void refusedConnections_retriedUntilNoBackendIsLeft_then502WithTheLastFailure() {
    refusing.add(ONE);
    refusing.add(TWO);

    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");

    assertThat(dialed).containsExactlyInAnyOrder(ONE, TWO);
    assertThat(written(client))
        .startsWith("HTTP/1.1 502 Bad Gateway\r\n")
        .contains("cannot connect to backend 127.0.0.1:")
        .contains("no other healthy backend to retry on");
  }

  @Test
  void errorBeforeTheRequestBodyWasRead_saysConnectionClose_andCloses() {
    refusing.add(ONE);
    refusing.add(TWO);

    send(client, "POST /a HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc");

    assertThat(written(client))
        .startsWith("HTTP/1.1 502 Bad Gateway\r\n")
        .contains("connection: close\r\n");
    assertThat(client.isOpen()).isFalse();
  }

  @Test
  void http10ErrorResponse_keepAliveSaidAloud_headRequestWithoutBody() {
    refusing.add(ONE);
    refusing.add(TWO);

    send(client, "HEAD /a HTTP/1.0\r\nHost: h\r\nConnection: keep-alive\r\n\r\n");

    String response = written(client);
    assertThat(response)
        .startsWith("HTTP/1.0 502 Bad Gateway\r\n")
        .contains("connection: keep-alive\r\n")
        .endsWith("\r\n\r\n");
    assertThat(client.isOpen()).isTrue();
  }

  @Test
  void silentBackend_504AtTheResponseTimeout_onTheInjectedClock() {
    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
    written(upstream(0));

    advance(Duration.ofMillis(4999));
    assertThat(written(client)).isEmpty();
    advance(Duration.ofMillis(1));

    assertThat(written(client))
        .startsWith("HTTP/1.1 504 Gateway Timeout\r\n")
        .contains("did not answer within 5000 ms");
    assertThat(upstream(0).isOpen()).isFalse();
  }

  @Test
  void slowLoris_408AtTheHeaderTimeout_onTheInjectedClock() {
    send(client, "GET / HTTP/1.1\r\nHost: h\r\nX-Slow: ");

    advance(Duration.ofMillis(299));
    assertThat(written(client)).isEmpty();
    assertThat(client.isOpen()).isTrue();
    advance(Duration.ofMillis(1));

    assertThat(written(client))
        .startsWith("HTTP/1.1 408 Request Timeout\r\n")
        .contains("connection: close\r\n")
        .contains("request head not received in time");
    assertThat(client.isOpen()).isFalse();
    assertThat(proxy.clientErrors().sum()).isEqualTo(1);
    assertThat(upstreams).isEmpty();
  }

  @Test
  void idleKeepAliveConnection_closedSilentlyAtTheIdleTimeout_notAtTheHeaderTimeout() {
    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");
    send(upstream(0), "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
    written(client);

    advance(Duration.ofSeconds(29));
    assertThat(client.isOpen()).isTrue();
    advance(Duration.ofSeconds(1));

    assertThat(client.isOpen()).isFalse();
    assertThat(written(client)).isEmpty();
  }

  @Test
  void malformedRequest_400WithConnectionClose_andNoBackendContacted() {
    send(client, "GET / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n");

    assertThat(written(client))
        .startsWith("HTTP/1.1 400 Bad Request\r\n")
        .contains("connection: close\r\n");
    assertThat(client.isOpen()).isFalse();
    assertThat(dialed).isEmpty();
  }

  @Test
  void noBackendConfigured_503() {
    restart(List.of());

    send(client, "GET /a HTTP/1.1\r\nHost: h\r\n\r\n");

    assertThat(written(client))
        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .contains("no backend configured");
  }
}
