package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AutoscaleReplayCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  static MainTest.Run replay(String... args) {
    List<String> all = new ArrayList<>(List.of("autoscale", "replay"));
    all.addAll(List.of(args));
    return MainTest.run(all.toArray(String[]::new));
  }

  /** Three days of 5-minute request counts: a daily wave between 100 and 1,000 requests. */
  Path dailyTrace() throws Exception {
    StringBuilder csv = new StringBuilder("timestamp,requests\n");
    Instant start = Instant.parse("2024-03-04T00:00:00Z");
    for (int i = 0; i < 3 * 288; i++) {
      double phase = 2 * Math.PI * (i % 288) / 288.0;
      long requests = Math.round(550 - 450 * Math.cos(phase));
      csv.append(start.plusSeconds(300L * i)).append(',').append(requests).append('\n');
    }
    Path f = dir.resolve("trace.csv");
    Files.writeString(f, csv, UTF_8);
    return f;
  }

  @Test
  void json_everyPolicyWithExactlyTheContractKeys() throws Exception {
    MainTest.Run r = replay("--trace", dailyTrace().toString(), "--warmup", "1d", "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode a = JSON.readTree(r.out());
    List<String> policies = new ArrayList<>();
    for (JsonNode o : a) {
      Set<String> keys = new TreeSet<>();
      o.fieldNames().forEachRemaining(keys::add);
      assertThat(keys)
          .containsExactlyInAnyOrder(
              "policy",
              "server_hours",
              "violation_minutes",
              "violation_percent",
              "actions",
              "direction_changes_per_day",
              "p99_response",
              "max_servers");
      policies.add(o.get("policy").asText());
    }
    assertThat(policies)
        .containsExactly("threshold", "target-tracking", "predictive", "oracle", "static-peak");
    JsonNode oracle = a.get(3);
    JsonNode staticPeak = a.get(4);
    assertThat(oracle.get("violation_minutes").asDouble()).isZero();
    assertThat(staticPeak.get("actions").asInt()).isZero();
    assertThat(oracle.get("server_hours").asDouble())
        .isLessThan(staticPeak.get("server_hours").asDouble());
    // The trace's 864 five-minute rows give 4,316 one-minute intervals, 1,440 of them warmup.
    // The scored two days of a wave whose 99th percentile needs 20 servers at 100 %: static-peak
    // keeps ceil(20 / 0.9) = 23 around the clock.
    assertThat(staticPeak.get("max_servers").asInt()).isBetween(22, 24);
    assertThat(staticPeak.get("server_hours").asDouble())
        .isCloseTo((4316 - 1440) / 60.0 * staticPeak.get("max_servers").asInt(), within(1e-6));
  }

  @Test
  void table_oneRowPerPolicyAskedFor_andTheReplayDescribedOnStderr() throws Exception {
    MainTest.Run r =
        replay(
            "--trace",
            dailyTrace().toString(),
            "--warmup",
            "1d",
            "--policy",
            "oracle,target-tracking");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out().lines()).hasSize(3);
    assertThat(r.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(" "))))
        .containsExactly("oracle", "target-tracking");
    assertThat(r.err()).contains("4,316 intervals of 1m").contains("peak 20 servers");
  }

  @Test
  void unknownPolicy_isAUsageErrorListingTheNames() throws Exception {
    MainTest.Run r = replay("--trace", dailyTrace().toString(), "--policy", "magic");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .contains("--policy magic")
        .contains("threshold, target-tracking, predictive, oracle, static-peak");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void warmupLongerThanTheTrace_isOneLineNamingBoth() throws Exception {
    MainTest.Run r = replay("--trace", dailyTrace().toString(), "--warmup", "7d");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).contains("warmup: 7d").contains("shorter than").contains("4316m");
  }

  @Test
  void settingsOutOfRange_areUsageErrors() throws Exception {
    String trace = dailyTrace().toString();
    assertThat(replay("--trace", trace, "--peak-servers", "0").code()).isEqualTo(2);
    assertThat(replay("--trace", trace, "--min-servers", "5", "--max-servers", "2").code())
        .isEqualTo(2);
    assertThat(replay("--trace", trace, "--target", "0").code()).isEqualTo(2);
    assertThat(replay("--trace", trace, "--delay", "soon").code()).isEqualTo(2);
    assertThat(replay().code()).isEqualTo(2);
  }

  @Test
  void plot_isWrittenAfterTheResults() throws Exception {
    Path png = dir.resolve("replay.png");
    MainTest.Run r =
        replay(
            "--trace",
            dailyTrace().toString(),
            "--warmup",
            "1d",
            "--policy",
            "target-tracking,predictive",
            "--plot",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(png)).startsWith(0x89, 'P', 'N', 'G');
  }

  @Test
  void plotThatCannotBeWritten_failsBeforeTheReplay() throws Exception {
    MainTest.Run r =
        replay("--trace", dailyTrace().toString(), "--plot", dir.resolve("no/x.png").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--plot").contains("no such directory");
  }
}
