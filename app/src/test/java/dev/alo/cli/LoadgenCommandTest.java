package dev.alo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.alo.loadtest.SampleBackend;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadgenCommandTest {
  @TempDir Path dir;

  private Path csv(String text) throws Exception {
    Path f = dir.resolve("trace.csv");
    Files.writeString(f, text);
    return f;
  }

  @Test
  void loadgen_rateAndTrace_exitsTwo() throws Exception {
    Path f = csv("time,rps\n2024-01-01T00:00:00,5\n2024-01-01T00:01:00,5\n");
    MainTest.Run r =
        MainTest.run(
            "loadgen", "--target", "http://127.0.0.1:9/", "--rate", "10", "--trace", f.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--trace sets the rate: drop --rate");
    r = MainTest.run("loadgen", "--target", "http://127.0.0.1:9/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("give --rate R or --trace FILE");
  }

  @Test
  void tick_microsZeroOrDuration_elseUsageError() {
    LoadgenCommand.Tick tick = new LoadgenCommand.Tick();
    assertThat(tick.convert("100us")).isEqualTo(java.time.Duration.ofNanos(100_000));
    assertThat(tick.convert("0")).isZero();
    assertThat(tick.convert("2ms")).isEqualTo(java.time.Duration.ofMillis(2));
    for (String bad : new String[] {"abc", "us", "-5us", "2s", "99999999999999999us"}) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> tick.convert(bad))
          .as(bad)
          .isInstanceOf(picocli.CommandLine.TypeConversionException.class)
          .hasMessageContaining("'" + bad + "'");
    }
    MainTest.Run r =
        MainTest.run("loadgen", "--target", "http://127.0.0.1:9/", "--rate", "10", "--tick", "x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: Invalid value for option '--tick': invalid duration 'x'");
  }

  @Test
  void loadgen_badDurations_usageErrorNamingOptionAndForms() {
    for (String option : new String[] {"--duration", "--grace", "--warmup"}) {
      MainTest.Run r =
          MainTest.run("loadgen", "--target", "http://127.0.0.1:9/", "--rate", "10", option, "5 s");
      assertThat(r.code()).as(option).isEqualTo(2);
      assertThat(r.err())
          .as(option)
          .startsWith(
              "alo: Invalid value for option '"
                  + option
                  + "': invalid duration '5 s' (expected a whole number and a unit: 500ms, 30s,"
                  + " 5m, 1h, 2d)");
    }
  }

  @Test
  void loadgen_badTraces_exitOneSayingWhatIsWrong() throws Exception {
    MainTest.Run one =
        MainTest.run(
            "loadgen",
            "--target",
            "http://127.0.0.1:9/",
            "--trace",
            csv("time,rps\n2024-01-01T00:00:00,5\n").toString());
    assertThat(one.code()).isEqualTo(1);
    assertThat(one.err()).contains("a single rate").contains("at least two rows");
    MainTest.Run negative =
        MainTest.run(
            "loadgen",
            "--target",
            "http://127.0.0.1:9/",
            "--trace",
            csv("time,rps\n2024-01-01T00:00:00,5\n2024-01-01T00:01:00,-2\n").toString());
    assertThat(negative.code()).isEqualTo(1);
    assertThat(negative.err()).contains("rate -2.0 at row 2 (expected requests per second >= 0)");
    MainTest.Run empty =
        MainTest.run("loadgen", "--target", "http://127.0.0.1:9/", "--trace", csv("").toString());
    assertThat(empty.code()).isEqualTo(1);
    assertThat(empty.err()).contains("the file is empty");
    MainTest.Run tooLong =
        MainTest.run(
            "loadgen",
            "--target",
            "http://127.0.0.1:9/",
            "--trace",
            csv("time,rps\n2024-01-01T00:00:00,5\n2024-01-01T01:00:00,5\n").toString(),
            "--time-scale",
            "60",
            "--duration",
            "2m");
    assertThat(tooLong.code()).isEqualTo(1);
    assertThat(tooLong.err()).contains("120000 ms is beyond the curve, which lasts 60000 ms");
  }

  @Test
  void loadgen_traceJson_oneDocumentFollowingTheCurve() throws Exception {
    try (SampleBackend b =
        SampleBackend.start(
            SampleBackend.Settings.plain(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), "b"))) {
      // 10 minutes of trace from 0 to 200 req/s played at 600x: one second, 100 requests.
      Path f = csv("time,rps\n2024-01-01T00:00:00,0\n2024-01-01T00:10:00,200\n");
      MainTest.Run r =
          MainTest.run(
              "loadgen",
              "--target",
              "http://127.0.0.1:" + b.address().getPort() + "/",
              "--trace",
              f.toString(),
              "--time-scale",
              "600",
              "--threads",
              "2",
              "--warmup",
              "0s",
              "--json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode d = new ObjectMapper().readTree(r.out());
      assertThat(d.get("sent").asLong()).isEqualTo(100);
      assertThat(d.get("completed").asLong()).isEqualTo(100);
      assertThat(d.get("seconds").asDouble()).isEqualTo(1.0);
      assertThat(d.get("error_kinds").size()).isZero();
      assertThat(d.get("schedule").has("late_sends")).isTrue();
      assertThat(d.get("per_second").get(0).get("sent").asLong()).isEqualTo(100);
      assertThat(d.get("p99_ms").asDouble()).isGreaterThanOrEqualTo(d.get("p50_ms").asDouble());
    }
  }

  @Test
  void loadgen_rateBeyondTheLimit_usageErrorBeforeAnything() throws Exception {
    MainTest.Run r = MainTest.run("loadgen", "--target", "http://127.0.0.1:9/", "--rate", "1e12");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("alo: --rate 1.0E12 (expected > 0 and at most 1000000 requests per second)");
    Path f = csv("time,rps\n2024-01-01T00:00:00,5\n2024-01-01T00:01:00,5000\n");
    MainTest.Run scaled =
        MainTest.run(
            "loadgen",
            "--target",
            "http://127.0.0.1:9/",
            "--trace",
            f.toString(),
            "--rate-scale",
            "1000");
    assertThat(scaled.code()).isEqualTo(2);
    assertThat(scaled.err())
        .contains(
            "rises to 5000000 requests per second with --rate-scale 1000.0 (expected at"
                + " most 1000000)");
  }

  @Test
  void loadgen_serverStallsAtTheTopRate_memoryStaysFlatAndTheRunEnds() throws Exception {
    // Answers the first request (the warm-up), then reads and never answers: every request
    // after it waits for a connection. Kept as due times, 4 million of them needed 32 MB more
    // than the 32 MB heap.
    try (java.net.ServerSocket server =
        new java.net.ServerSocket(0, 512, InetAddress.getLoopbackAddress())) {
      Thread acceptor =
          new Thread(
              () -> {
                boolean first = true;
                java.util.List<java.net.Socket> open = new java.util.ArrayList<>();
                try {
                  while (true) {
                    java.net.Socket s = server.accept();
                    open.add(s);
                    if (first) {
                      first = false;
                      s.getInputStream().read(new byte[4096]);
                      s.getOutputStream()
                          .write(
                              "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                                  .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
                    }
                  }
                } catch (java.io.IOException closed) {
                  for (java.net.Socket s : open) {
                    try {
                      s.close();
                    } catch (java.io.IOException ignored) {
                      // closing anyway
                    }
                  }
                }
              });
      acceptor.setDaemon(true);
      acceptor.start();
      ChildJvm.Run r =
          ChildJvm.run(
              "32m",
              60,
              "loadgen",
              "--target",
              "http://127.0.0.1:" + server.getLocalPort() + "/",
              "--rate",
              "1000000",
              "--duration",
              "4s",
              "--warmup",
              "0s",
              "--grace",
              "3s");
      assertThat(r.err()).doesNotContain("OutOfMemoryError").doesNotContain("out of memory");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).as(r.err()).contains("sent 4000000, completed 0, errors 4000000");
      assertThat(r.out()).contains("errors: no_response 4000000");
    }
  }
}
