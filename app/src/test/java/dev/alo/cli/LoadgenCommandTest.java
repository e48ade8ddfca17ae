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
}
