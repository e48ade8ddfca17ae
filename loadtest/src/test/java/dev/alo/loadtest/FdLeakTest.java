package dev.alo.loadtest;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.proxy.BackendAddress;
import dev.alo.proxy.ClosingBackend;
import dev.alo.proxy.ProxyConfig;
import dev.alo.proxy.ProxyLog;
import dev.alo.proxy.ProxyServer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * No file descriptor leaks: after more than 100,000 requests of every kind (keep-alive, {@code
 * Connection: close}, backend 500s, malformed requests, clients that vanish mid-request, response
 * timeouts, backends that reset), no connection to or from the test's servers is left and this JVM
 * holds no more sockets (and no more descriptors of any other kind) than before the traffic.
 *
 * <p>Bound for pooled upstream connections: right after the traffic, idle keep-alive connections to
 * the backends may remain, at most one per request that was in flight at once, each costing two
 * descriptors here (the proxy's end and the in-process backend's end). They close after the
 * proxies' 1 s idle timeout, after which none may be left.
 */
@EnabledOnOs(OS.LINUX) // reads /proc/self/fd and /proc/net/tcp
class FdLeakTest {
  private static final java.util.regex.Pattern SPACES = java.util.regex.Pattern.compile("\\s+");
  private static final Duration IDLE = Duration.ofSeconds(1);
  private static final int KEEP_ALIVE_CONNECTIONS = 64;
  private static final int CLIENT_THREADS = 14;

  private static ProxyConfig.Builder config(BackendAddress backend, Duration response) {
    return Fixtures.builder(List.of(backend))
        .connectTimeout(Duration.ofSeconds(1))
        .responseTimeout(response)
        .idleTimeout(IDLE)
        .headerTimeout(Duration.ofSeconds(2));
  }

  @Test
  void hundredThousandMixedRequests_socketsBackToBaseline() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(CLIENT_THREADS);
    try (SampleBackend flaky =
            SampleBackend.start(
                new SampleBackend.Settings(
                    Fixtures.anyPort(), "flaky", Duration.ZERO, Duration.ZERO, 0.05, 1, 7));
        SampleBackend stalled =
            SampleBackend.start(
                new SampleBackend.Settings(
                    Fixtures.anyPort(),
                    "stalled",
                    Duration.ofSeconds(30),
                    Duration.ZERO,
                    0,
                    1,
                    1));
        ClosingBackend resetting = new ClosingBackend();
        ProxyServer main =
            ProxyServer.start(
                config(Fixtures.addr(flaky), Duration.ofSeconds(5)).threads(2).build(),
                ProxyLog.none());
        ProxyServer slow =
            ProxyServer.start(
                config(Fixtures.addr(stalled), Duration.ofMillis(100)).build(), ProxyLog.none());
        ProxyServer broken =
            ProxyServer.start(
                config(resetting.address(), Duration.ofSeconds(5)).build(), ProxyLog.none())) {
      // Only connections to or from these servers are this test's (other tests share the JVM).
      java.util.Set<Integer> ports =
          java.util.Set.of(
              flaky.address().getPort(),
              stalled.address().getPort(),
              resetting.address().port(),
              main.address().getPort(),
              slow.address().getPort(),
              broken.address().getPort());
      // Warm up every path first: class loading and lazily made process-wide sockets are not leaks.
      new Traffic(main, slow, broken, pool, 1).run(1000, 0.2);
      awaitNoConnections(ports, Duration.ofSeconds(15));
      long socketsBefore = sockets();
      Map<String, Integer> othersBefore = others();

      Traffic t = new Traffic(main, slow, broken, pool, 100);
      long requests = t.run(84_000, 4.2);
      assertThat(requests).isGreaterThanOrEqualTo(100_000);
      assertThat(t.outcomes)
          .as("every outcome as expected")
          .containsOnlyKeys(
              "ka 200",
              "ka 500",
              "close 200",
              "close 500",
              "bad 400",
              "abort",
              "timeout 504",
              "reset 502",
              "gone");

      // Right after: at most the pooled upstream connections (two descriptors each).
      long maxPooled = 2L * (KEEP_ALIVE_CONNECTIONS + CLIENT_THREADS);
      assertThat(sockets()).isLessThanOrEqualTo(socketsBefore + maxPooled);
      // After the idle timeout closed them: exactly the baseline.
      awaitNoConnections(ports, Duration.ofSeconds(20));
      // No more sockets than before (fewer is possible: other tests' sockets closing late).
      assertThat(sockets()).isLessThanOrEqualTo(socketsBefore);
      Map<String, Integer> othersAfter = others();
      othersAfter.forEach(
          (kind, n) ->
              assertThat(n)
                  .as("descriptors %s", kind)
                  .isLessThanOrEqualTo(othersBefore.getOrDefault(kind, 0)));
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every kind of request, counted by outcome. */
  private static final class Traffic {
    final ProxyServer main;
    final ProxyServer slow;
    final ProxyServer broken;
    final ExecutorService pool;
    final int scale;
    final Map<String, Long> outcomes = new ConcurrentHashMap<>();

    Traffic(
        ProxyServer main, ProxyServer slow, ProxyServer broken, ExecutorService pool, int scale) {
      this.main = main;
      this.slow = slow;
      this.broken = broken;
      this.pool = pool;
      this.scale = scale;
    }

    /** Runs it all; returns the number of requests made. */
    long run(int keepAliveRequests, double seconds) throws Exception {
      List<Future<Long>> jobs = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        jobs.add(pool.submit(() -> repeat(25 * scale, () -> close(main.address()))));
      }
      for (int i = 0; i < 2; i++) {
        jobs.add(pool.submit(() -> repeat(20 * scale, () -> malformed(main.address()))));
        jobs.add(pool.submit(() -> repeat(10 * scale, () -> abort(main.address()))));
        jobs.add(pool.submit(() -> repeat(5 * scale, () -> reset(broken.address()))));
        jobs.add(pool.submit(() -> repeat(2 * scale, () -> gone(slow.address()))));
      }
      for (int i = 0; i < 4; i++) {
        jobs.add(pool.submit(() -> repeat(Math.max(1, scale / 4), () -> timeout(slow.address()))));
      }
      LoadGenerator.Result ka =
          LoadGenerator.run(
              new LoadGenerator.Settings(
                  URI.create("http://127.0.0.1:" + main.address().getPort() + "/ka"),
                  RateCurve.constant(
                      keepAliveRequests / seconds, Duration.ofMillis((long) (seconds * 1000))),
                  2,
                  KEEP_ALIVE_CONNECTIONS,
                  Duration.ofSeconds(60),
                  Duration.ZERO));
      long n = ka.sent();
      outcomes.merge("ka 200", ka.completed(), Long::sum);
      ka.errorKinds()
          .forEach(
              (k, v) ->
                  outcomes.merge(k.equals("status_500") ? "ka 500" : "ka " + k, v, Long::sum));
      for (Future<Long> f : jobs) {
        n += f.get(60, TimeUnit.SECONDS);
      }
      return n;
    }

    interface Request {
      String call() throws IOException;
    }

    long repeat(int times, Request r) {
      for (int i = 0; i < times; i++) {
        String outcome;
        try {
          outcome = r.call();
        } catch (IOException e) {
          outcome = "unexpected " + e;
        }
        outcomes.merge(outcome, 1L, Long::sum);
      }
      return times;
    }

    String close(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        return "close "
            + exchange(s, "GET /close HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n");
      }
    }

    String malformed(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        return "bad "
            + exchange(
                s,
                "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab");
      }
    }

    String abort(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        s.getOutputStream().write("GET /half HTTP/1.1\r\nHo".getBytes(ISO_8859_1));
        s.setSoLinger(true, 0); // a reset, not a polite close
      }
      return "abort";
    }

    String gone(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        s.getOutputStream().write("GET /gone HTTP/1.1\r\nHost: h\r\n\r\n".getBytes(ISO_8859_1));
      }
      return "gone";
    }

    String timeout(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        return "timeout " + exchange(s, "GET /slow HTTP/1.1\r\nHost: h\r\n\r\n");
      }
    }

    String reset(InetSocketAddress a) throws IOException {
      try (Socket s = connect(a)) {
        return "reset " + exchange(s, "GET /reset HTTP/1.1\r\nHost: h\r\n\r\n");
      }
    }
  }

  private static Socket connect(InetSocketAddress a) throws IOException {
    Socket s = new Socket();
    s.connect(a, 5000);
    s.setSoTimeout(10_000);
    return s;
  }

  // Writes a request and reads the status of the answer (whole response read), buffered.
  private static int exchange(Socket s, String request) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(request.getBytes(ISO_8859_1));
    out.flush();
    InputStream in = new BufferedInputStream(s.getInputStream());
    StringBuilder head = new StringBuilder();
    int b;
    while (!(head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n"))) {
      if ((b = in.read()) < 0) {
        throw new IOException("closed before a response head: '" + head + "'");
      }
      head.append((char) b);
    }
    String h = head.toString().toLowerCase(java.util.Locale.ROOT);
    int at = h.indexOf("content-length:");
    if (at >= 0) {
      in.skipNBytes(Long.parseLong(h.substring(at + 15, h.indexOf("\r\n", at)).trim()));
    }
    return Integer.parseInt(h.substring(9, 12));
  }

  // Polls until this process has no TCP connection to or from the ports, else fails listing them.
  private static void awaitNoConnections(java.util.Set<Integer> ports, Duration deadline)
      throws Exception {
    try {
      org.awaitility.Awaitility.await()
          .atMost(deadline)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> connections(ports).isEmpty());
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      // Reported below with the connections still open.
    }
    assertThat(connections(ports)).as("TCP connections still open").isEmpty();
  }

  // This process's TCP connections (not listeners) to or from the ports, as "local->remote state"
  // (states as in /proc/net/tcp: 01 established, 08 close-wait...).
  private static List<String> connections(java.util.Set<Integer> ports) throws IOException {
    java.util.Set<String> mine = new java.util.HashSet<>();
    for (String l : links()) {
      if (l.startsWith("socket:[")) {
        mine.add(l.substring(8, l.length() - 1));
      }
    }
    List<String> out = new ArrayList<>();
    for (String f : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
      List<String> table = Files.readAllLines(Path.of(f));
      for (String line : table.subList(1, table.size())) {
        String[] c = SPACES.splitAsStream(line.trim()).toArray(String[]::new);
        if (c.length > 9 && mine.contains(c[9]) && !c[3].equals("0A")) {
          int local = Integer.parseInt(c[1].substring(c[1].indexOf(':') + 1), 16);
          int remote = Integer.parseInt(c[2].substring(c[2].indexOf(':') + 1), 16);
          if (ports.contains(local) || ports.contains(remote)) {
            out.add(local + "->" + remote + " state " + c[3]);
          }
        }
      }
    }
    return out;
  }

  private static long sockets() throws IOException {
    return links().stream().filter(l -> l.startsWith("socket:")).count();
  }

  // Descriptors that are not sockets, by kind (file names, pipes, epoll...), sorted.
  private static Map<String, Integer> others() throws IOException {
    Map<String, Integer> kinds = new TreeMap<>();
    for (String l : links()) {
      if (!l.startsWith("socket:")) {
        kinds.merge(l.replaceAll("\\[\\d+\\]", ""), 1, Integer::sum);
      }
    }
    return kinds;
  }

  private static List<String> links() throws IOException {
    List<String> out = new ArrayList<>();
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      for (Path p : (Iterable<Path>) fds::iterator) {
        try {
          out.add(Files.readSymbolicLink(p).toString());
        } catch (IOException e) {
          // The descriptor closed while listing (or was the listing's own): not counted.
        }
      }
    }
    return out;
  }
}
