package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static MainTest.Run simulate(String... args) {
    String[] all = new String[args.length + 1];
    all[0] = "simulate";
    System.arraycopy(args, 0, all, 1, args.length);
    return MainTest.run(all);
  }

  @Test
  void simulate_defaults_oneTableRowPerAlgorithm() {
    MainTest.Run r = simulate("--requests", "2000");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).hasSize(8);
    assertThat(r.out())
        .contains("round-robin", "weighted-round-robin", "least-connections", "ip-hash")
        .contains("random", "p2c", "peak-ewma");
    assertThat(r.err()).contains("3 server(s)").contains("offered load 50.0%");
  }

  @Test
  void simulate_json_hasTheContractFieldsAndMatchesMmc() throws Exception {
    MainTest.Run r =
        simulate(
            "--algorithm",
            "random",
            "--servers",
            "1",
            "--workers",
            "4",
            "--rate",
            "3",
            "--requests",
            "300000",
            "--seed",
            "11",
            "--json");
    assertThat(r.code()).isZero();
    JsonNode a = JSON.readTree(r.out());
    assertThat(a.isArray()).isTrue();
    JsonNode o = a.get(0);
    for (String f :
        new String[] {
          "algorithm",
          "requests",
          "dropped",
          "throughput",
          "mean_response",
          "p50",
          "p95",
          "p99",
          "jain_fairness",
          "servers"
        }) {
      assertThat(o.has(f)).as(f).isTrue();
    }
    for (String f :
        new String[] {
          "requests", "utilization", "mean_in_flight", "max_in_flight", "mean_response"
        }) {
      assertThat(o.get("servers").get(0).has(f)).as("servers[0]." + f).isTrue();
    }
    assertThat(o.get("algorithm").asText()).isEqualTo("random");
    assertThat(o.get("requests").asLong()).isEqualTo(300_000);
    assertThat(o.get("mean_response").asDouble()).isCloseTo(1.5094, within(0.05));
    assertThat(o.get("servers").get(0).get("utilization").asDouble()).isCloseTo(0.75, within(0.01));
  }

  @Test
  void simulate_sameSeed_sameOutput_otherSeed_differs() {
    String[] args = {"--algorithm", "p2c", "--requests", "5000", "--json"};
    MainTest.Run a = simulate(args);
    MainTest.Run b = simulate(args);
    assertThat(a.out()).isEqualTo(b.out());
    MainTest.Run c = simulate("--algorithm", "p2c", "--requests", "5000", "--json", "--seed", "2");
    assertThat(c.out()).isNotEqualTo(a.out());
  }

  @Test
  void simulate_loadSetsTheUtilisation() throws Exception {
    MainTest.Run r =
        simulate(
            "--algorithm",
            "wrr",
            "--capacities",
            "1,2",
            "--load",
            "30",
            "--requests",
            "50000",
            "--json");
    JsonNode o = JSON.readTree(r.out()).get(0);
    assertThat(o.get("utilization").get("mean").asDouble()).isCloseTo(0.3, within(0.02));
    assertThat(o.get("servers")).hasSize(2);
  }

  @Test
  void simulate_failAndBoundedQueue_areCounted() throws Exception {
    MainTest.Run r =
        simulate(
            "--algorithm",
            "lc",
            "--servers",
            "2",
            "--load",
            "90",
            "--queue",
            "1",
            "--fail",
            "1@100-200",
            "--duration",
            "1000",
            "--json");
    assertThat(r.code()).isZero();
    JsonNode o = JSON.readTree(r.out()).get(0);
    assertThat(o.get("dropped").asLong()).isPositive();
    assertThat(o.get("servers").get(0).get("max_in_flight").asInt()).isLessThanOrEqualTo(2);
    assertThat(o.get("completed").asLong() + o.get("dropped").asLong() + o.get("failed").asLong())
        .isEqualTo(o.get("requests").asLong());
  }

  @Test
  void simulate_badArguments_exitTwoWithTheReason() {
    String[][] cases = {
      {"--servers", "0"},
      {"--rate", "-1"},
      {"--algorithm", "fastest"},
      {"--load", "5"},
      {"--load", "101"},
      {"--servers", "2", "--capacities", "1,2"},
      {"--capacities", "1,-2"},
      {"--service", "pareto"},
      {"--fail", "4@10"},
      {"--fail", "1@20-10"},
      {"--requests", "0"},
      {"--rate", "2", "--load", "50"},
      {"--duration", "soon"},
      {"--workers", "0"},
      {"--service-rate", "0"},
      {"--time-scale", "60"},
      {"--queue", "-1"}
    };
    for (String[] args : cases) {
      MainTest.Run r = simulate(args);
      assertThat(r.code()).as(String.join(" ", args)).isEqualTo(2);
      assertThat(r.out()).as(String.join(" ", args)).isEmpty();
      assertThat(r.err()).as(String.join(" ", args)).startsWith("alo: --").contains("Usage:");
    }
  }

  @Test
  void simulate_trace_followsTheCountsScaledInTime(@TempDir Path dir) throws Exception {
    Path csv = dir.resolve("counts.csv");
    StringBuilder s = new StringBuilder("timestamp,requests\n");
    for (int i = 0; i < 20; i++) {
      s.append(String.format("2024-01-01 00:%02d:00,%d%n", i, i < 10 ? 600 : 1200));
    }
    Files.writeString(csv, s.toString(), UTF_8);
    MainTest.Run r =
        simulate(
            "--algorithm",
            "rr",
            "--trace",
            csv.toString(),
            "--time-scale",
            "60",
            "--servers",
            "4",
            "--service-rate",
            "500",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode o = JSON.readTree(r.out()).get(0);
    // 18,000 requests over 20 simulated seconds (one per trace minute).
    assertThat(o.get("requests").asLong()).isBetween(17_500L, 18_500L);
    assertThat(o.get("duration").asDouble()).isCloseTo(20, within(0.2));
  }

  @Test
  void simulate_missingTrace_exitsOne() {
    MainTest.Run r = simulate("--trace", "/no/such/file.csv");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void simulate_plot_writesAPng(@TempDir Path dir) throws Exception {
    Path png = dir.resolve("load.png");
    MainTest.Run r =
        simulate("--algorithm", "prototype", "--requests", "3000", "--plot", png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    byte[] head = java.util.Arrays.copyOf(Files.readAllBytes(png), 4);
    assertThat(head).containsExactly(0x89, 'P', 'N', 'G');
    assertThat(r.out().lines()).hasSize(5);
  }

  @Test
  void simulate_burstAtAHugeRate_drainsQuicklyWarningOfTheOverload() {
    long t0 = System.nanoTime();
    MainTest.Run r = simulate("--rate", "1e9", "--requests", "1000", "--algorithm", "rr");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
    assertThat(r.out()).contains("round-robin").contains(" 1000 ");
    assertThat(r.err())
        .contains(
            "alo: warning: the offered load is 33333333333.3% of the pool's capacity: queues grow"
                + " as long as arrivals last");
    MainTest.Run queued =
        simulate("--rate", "6", "--requests", "1000", "--algorithm", "rr", "--queue", "2");
    assertThat(queued.err()).contains("offered load is 200.0%").contains("excess is dropped");
    assertThat(simulate("--requests", "1000", "--algorithm", "rr").err()).doesNotContain("warning");
  }

  @Test
  void simulate_moreThanMemoryAllows_refusedBeforeTheRunWithTheEstimate() {
    // 10,000 requests a server take a 170 KB histogram each: some 17 GB for 100,000 servers.
    long t0 = System.nanoTime();
    MainTest.Run r =
        simulate("--servers", "100000", "--requests", "1000000000", "--algorithm", "rr");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(
            r.err().lines().filter(l -> l.startsWith("alo: simulate:")).findFirst().orElseThrow())
        .startsWith(
            "alo: simulate: 100000 server(s) × 1 algorithm(s) with 1,000,000,000 requests needs"
                + " about ")
        .contains("simulate fewer servers, requests or algorithms");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    assertThat(
            SimulateCommand.bytesNeeded(
                dev.alo.engine.sim.SimulationConfig.builder(
                        java.util.Collections.nCopies(
                            3,
                            dev.alo.engine.sim.ServerSpec.of(
                                1, 1, dev.alo.engine.sim.ServiceTime.exponential(1))),
                        dev.alo.engine.sim.Arrivals.poisson(1.5))
                    .maxRequests(100_000)
                    .build(),
                7))
        .as("the default run")
        .isLessThan(64L << 20);
  }

  @Test
  void simulate_ipHashBeyondItsTable_usageErrorAlone_leftOutOfAll() {
    MainTest.Run r = simulate("--servers", "70000", "--algorithm", "ip-hash", "--requests", "10");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "alo: --algorithm ip-hash takes at most 65537 servers (its lookup table has that"
                + " many slots), not 70000");
    java.io.StringWriter err = new java.io.StringWriter();
    SimulateCommand c = new SimulateCommand();
    assertThat(
            c.fitting(
                List.of("round-robin", "ip-hash", "p2c"),
                70_000,
                new java.io.PrintWriter(err, true)))
        .containsExactly("round-robin", "p2c");
    assertThat(err.toString())
        .isEqualTo(
            "alo: note: ip-hash is left out: it takes at most 65537 servers, not 70000"
                + System.lineSeparator());
  }

  @Test
  void simulate_plotPath_checkedBeforeTheRun_failureAfterTheTableIsPartial(@TempDir Path dir) {
    MainTest.Run sys = simulate("--requests", "100", "--algorithm", "rr", "--plot", "/sys/x.png");
    assertThat(sys.code()).isEqualTo(1);
    assertThat(sys.out()).isEmpty();
    assertThat(sys.err().strip()).startsWith("alo: --plot /sys/x.png: cannot create it (");
    Path jpg = dir.resolve("x.jpg");
    MainTest.Run notPng = simulate("--requests", "100", "--plot", jpg.toString());
    assertThat(notPng.code()).isEqualTo(2);
    assertThat(notPng.err()).startsWith("alo: --plot " + jpg + ": plots are written as PNG");
    assertThat(jpg).doesNotExist();
    // Written after the table: a plot that fails then leaves a complete result, exit 3.
    java.io.StringWriter err = new java.io.StringWriter();
    int code =
        SimulateCommand.plot(
            List.of(), dir.resolve("gone").resolve("x.png"), new java.io.PrintWriter(err, true));
    assertThat(code).isEqualTo(3);
    assertThat(err.toString())
        .startsWith(
            "alo: the results are printed but the plot "
                + dir.resolve("gone")
                + "/x.png"
                + " is not written: ");
  }

  @Test
  void simulate_progressOnStderr_onlyWhenShown() {
    MainTest.Run quiet = simulate("--requests", "200000", "--algorithm", "rr");
    assertThat(quiet.err()).doesNotContain("\r");
    System.setProperty("alo.progress", "true");
    try {
      MainTest.Run shown = simulate("--requests", "200000", "--algorithm", "rr");
      assertThat(shown.err()).contains("\ralo: simulate round-robin (1/1) [").contains("%");
      assertThat(shown.out()).isEqualTo(quiet.out());
    } finally {
      System.clearProperty("alo.progress");
    }
  }
}
