package dev.alo.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.alo.engine.balance.Algorithm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Failures of backends under real traffic: kills, stalls, resets. */
class ReliabilityTest {

  private static BackendStats statsOf(ProxyServer p, TestBackend b) {
    String id = "127.0.0.1:" + b.address().getPort();
    return p.stats().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void backendKilledUnderLoad_noFailedGet_ejectedAndReadmittedAfterReturn() throws Exception {
    List<TestBackend> bs = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      bs.add(Fixtures.backend("b" + i));
    }
    ProxyConfig config =
        ProxyConfig.builder()
            .listen(Fixtures.anyPort())
            .backends(bs.stream().map(Fixtures::addr).toList())
            .threads(2)
            .algorithm(Algorithm.P2C)
            .healthInterval(Duration.ofMillis(100))
            .healthTimeout(Duration.ofMillis(500))
            .ejectionTime(Duration.ofMillis(300))
            .maxEjectionTime(Duration.ofSeconds(2))
            .build();
    TestBackend victim = bs.get(1);
    int victimPort = victim.address().getPort();
    AtomicLong ok = new AtomicLong();
    AtomicInteger failed = new AtomicInteger();
    List<String> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<String> logs = new java.util.concurrent.CopyOnWriteArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch warm = new CountDownLatch(300);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try (ProxyServer proxy = ProxyServer.start(config, logs::add)) {
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        clients.add(
            pool.submit(
                () -> {
                  while (!stop.get()) {
                    try (Raw c = new Raw(proxy.address())) {
                      for (int i = 0; i < 50 && !stop.get(); i++) {
                        Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
                        if (r.status() == 200) {
                          ok.incrementAndGet();
                        } else {
                          failed.incrementAndGet();
                          failures.add(r.status() + " " + r.body());
                        }
                        warm.countDown();
                      }
                    } catch (java.io.IOException e) {
                      failed.incrementAndGet();
                      failures.add(e.toString());
                    }
                  }
                  return null;
                }));
      }
      assertThat(warm.await(10, TimeUnit.SECONDS)).isTrue();
      victim.close();
      long atKill = ok.get();
      await().atMost(Duration.ofSeconds(5)).until(() -> ok.get() > atKill + 1000);
      await().atMost(Duration.ofSeconds(2)).until(() -> !statsOf(proxy, victim).healthy());
      stop.set(true);
      for (Future<?> f : clients) {
        f.get(5, TimeUnit.SECONDS);
      }
      assertThat(failed.get()).as("failures %s, proxy log %s", failures, logs).isZero();

      TestBackend back =
          TestBackend.on(
              new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), victimPort),
              "b2-again");
      bs.set(1, back);
      await().atMost(Duration.ofSeconds(5)).until(() -> statsOf(proxy, back).healthy());
      try (Raw c = new Raw(proxy.address())) {
        for (int i = 0; i < 30; i++) {
          assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
        }
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> back.served() > 2);
    } finally {
      stop.set(true);
      pool.shutdownNow();
      bs.forEach(TestBackend::close);
    }
  }

  @Test
  void stalledBackend_504AtTheResponseTimeout_otherBackendUnaffected() throws Exception {
    try (TestBackend stalled = TestBackend.delayed("stalled", Duration.ofSeconds(30));
        TestBackend fast = Fixtures.backend("fast");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(Fixtures.addr(stalled), Fixtures.addr(fast)))
                    .connectTimeout(Duration.ofSeconds(1))
                    .responseTimeout(Duration.ofMillis(300))
                    .idleTimeout(Duration.ofSeconds(30))
                    .headerTimeout(Duration.ofSeconds(5))
                    .build(),
                ProxyLog.none());
        Raw slowClient = new Raw(proxy.address());
        Raw fastClient = new Raw(proxy.address())) {
      long t0 = System.nanoTime();
      slowClient.send("GET /first HTTP/1.1\r\nHost: h\r\n\r\n");
      Raw.Response fastAnswer = fastClient.send("GET /second HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(fastAnswer.status()).isEqualTo(200);
      assertThat(fastAnswer.header("x-served-by")).isEqualTo("fast");
      Raw.Response timedOut = slowClient.read();
      long elapsed = System.nanoTime() - t0;
      // The stalled backend would answer after 30 s: this 504 is the proxy's response timeout.
      // Only a lower bound on time, since a loaded machine can make every step later.
      assertThat(timedOut.status()).isEqualTo(504);
      assertThat(timedOut.body()).contains("did not answer within 300 ms");
      assertThat(elapsed).isGreaterThanOrEqualTo(290_000_000L);
    }
  }

  @Test
  void resetBeforeResponse_getRetriedElsewhere_postNot() throws Exception {
    try (ClosingBackend closing = new ClosingBackend();
        TestBackend good = Fixtures.backend("good");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.config(List.of(closing.address(), Fixtures.addr(good))),
                ProxyLog.none())) {
      // Round robin starts with the closing backend: the POST goes there and is not retried.
      try (Raw c = new Raw(proxy.address())) {
        Raw.Response r =
            c.send("POST /pay HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi").read();
        assertThat(r.status()).isEqualTo(502);
        assertThat(r.body()).contains("closed the connection before responding");
      }
      assertThat(good.served()).isZero();
      assertThat(closing.requests.get()).isEqualTo(1);
      // The next pick is the good backend; the one after is the closing one again, and that
      // GET is retried on the good backend.
      for (int i = 0; i < 4; i++) {
        try (Raw c = new Raw(proxy.address())) {
          assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
        }
      }
      assertThat(closing.requests.get()).isGreaterThanOrEqualTo(2);
      assertThat(proxy.proxyStats().retries()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void refusedConnection_retriedAndBackendEjectedAtOnce() throws Exception {
    // The live backends bind first, so the closed one's port cannot be handed to one of them.
    try (TestBackend good = Fixtures.backend("good");
        TestBackend other = Fixtures.backend("other");
        TestBackend gone = Fixtures.backend("gone").closed();
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(
                        List.of(Fixtures.addr(gone), Fixtures.addr(good), Fixtures.addr(other)))
                    .algorithm(Algorithm.LEAST_CONNECTIONS)
                    .build(),
                ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      for (int i = 0; i < 10; i++) {
        assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read().status()).isEqualTo(200);
      }
      BackendStats s =
          proxy.stats().stream()
              .filter(b -> b.id().equals(Fixtures.addr(gone).id()))
              .findFirst()
              .orElseThrow();
      assertThat(s.state()).isEqualTo("ejected");
      assertThat(s.errors()).isEqualTo(1);
    }
  }

  @Test
  void refusedConnection_retriedEvenWithNoRetryBudget() throws Exception {
    // The live backends bind first, so the closed one's port cannot be handed to one of them.
    try (TestBackend good = Fixtures.backend("good");
        TestBackend gone = Fixtures.backend("gone").closed();
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(Fixtures.addr(gone), Fixtures.addr(good)))
                    .retryBudgetRatio(0)
                    .minRetries(0)
                    .build(),
                ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      // Round robin starts with the refusing backend; the refusal ejects it, so moving the
      // request to the other backend is failover and takes nothing from the (empty) budget.
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.header("x-served-by")).isEqualTo("good");
      assertThat(proxy.proxyStats().retries()).isEqualTo(1);
    }
  }

  @Test
  void backendDiesWithManyRequestsInFlight_everyOneRetriedOnAnotherAtOnce() throws Exception {
    int n = 24; // more than the retry budget's floor (10) and its share of active requests
    TestBackend victim = TestBackend.delayed("victim", Duration.ofSeconds(60));
    ExecutorService clients = Executors.newFixedThreadPool(n);
    try (TestBackend good = Fixtures.backend("good");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(victim))), ProxyLog.none())) {
      List<Future<Raw.Response>> answers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        answers.add(
            clients.submit(
                () -> {
                  try (Raw c = new Raw(proxy.address())) {
                    // Longer than any wait the proxy might add: an answer here came from a retry
                    // on the close itself, not from a timeout (the response timeout is 60 s).
                    c.timeout(20_000);
                    return c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
                  }
                }));
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> statsOf(proxy, victim).inFlight() == n);
      proxy.addBackend(Fixtures.addr(good));
      victim.close(); // every connection with a request in flight closes before any answer
      for (Future<Raw.Response> a : answers) {
        Raw.Response r = a.get(20, TimeUnit.SECONDS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.header("x-served-by")).isEqualTo("good");
      }
      // One attempt on the dead backend and one on the other, for each request.
      assertThat(proxy.proxyStats().retries()).isEqualTo(n);
      assertThat(good.served()).isEqualTo(n);
    } finally {
      clients.shutdownNow();
      victim.close();
    }
  }

  @Test
  void refusedConnection_postNotRetried_502() throws Exception {
    // The live backends bind first, so the closed one's port cannot be handed to one of them.
    try (TestBackend good = Fixtures.backend("good");
        TestBackend gone = Fixtures.backend("gone").closed();
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.config(List.of(Fixtures.addr(gone), Fixtures.addr(good))),
                ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      // Round robin starts with the refusing backend.
      Raw.Response r = c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2\r\n\r\nhi").read();
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.body()).contains("cannot connect to backend " + Fixtures.addr(gone).id());
      assertThat(good.served()).isZero();
    }
  }

  @Test
  void allBackendsRefusing_502WithReason() throws Exception {
    try (TestBackend gone = Fixtures.backend("gone").closed();
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(gone))), ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(502);
      assertThat(r.body()).contains("cannot connect to backend " + Fixtures.addr(gone).id());
    }
  }

  @Test
  void everyBackendFailingChecks_panicRoutingStillReachesThem() throws Exception {
    try (TestBackend sick = TestBackend.failing("sick");
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(Fixtures.addr(sick)))
                    .healthChecks(true)
                    .healthInterval(Duration.ofMillis(50))
                    .healthTimeout(Duration.ofMillis(500))
                    .fall(1)
                    .build(),
                ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      await().atMost(Duration.ofSeconds(3)).until(() -> !proxy.stats().get(0).healthy());
      Raw.Response r = c.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      assertThat(r.status()).isEqualTo(500);
      assertThat(r.body()).contains("injected error from sick");
    }
  }

  @Test
  void clientStallsMidBody_408AtTheIdleTimeout() throws Exception {
    try (EchoBackend echo = new EchoBackend();
        ProxyServer proxy =
            ProxyServer.start(
                Fixtures.builder(List.of(echo.address()))
                    .connectTimeout(Duration.ofSeconds(1))
                    .responseTimeout(Duration.ofSeconds(30))
                    .idleTimeout(Duration.ofMillis(300))
                    .headerTimeout(Duration.ofSeconds(5))
                    .build(),
                ProxyLog.none());
        Raw c = new Raw(proxy.address())) {
      Raw.Response r = c.send("POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 10\r\n\r\nabc").read();
      assertThat(r.status()).isEqualTo(408);
      assertThat(r.body()).contains("request body not received in time");
      assertThat(c.closedByPeer()).isTrue();
    }
  }

  private static long openFiles() throws java.io.IOException {
    try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
      return s.count();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX) // counts /proc/self/fd
  void manyShortConnections_noFileDescriptorOrConnectionLeak() throws Exception {
    try (TestBackend b = Fixtures.backend("b");
        ProxyServer proxy =
            ProxyServer.start(Fixtures.config(List.of(Fixtures.addr(b))), ProxyLog.none())) {
      try (Raw warm = new Raw(proxy.address())) {
        warm.send("GET / HTTP/1.1\r\nHost: h\r\n\r\n").read();
      }
      await().atMost(Duration.ofSeconds(2)).until(() -> proxy.proxyStats().connections() == 0);
      long baseline = openFiles();
      for (int i = 0; i < 500; i++) {
        try (Raw c = new Raw(proxy.address())) {
          String close = i % 2 == 0 ? "Connection: close\r\n" : "";
          assertThat(c.send("GET / HTTP/1.1\r\nHost: h\r\n" + close + "\r\n").read().status())
              .isEqualTo(200);
        }
      }
      await().atMost(Duration.ofSeconds(5)).until(() -> proxy.proxyStats().connections() == 0);
      // Pooled backend connections may stay open (a few); client sockets must all be gone.
      await().atMost(Duration.ofSeconds(5)).until(() -> openFiles() <= baseline + 4);
    }
  }
}
