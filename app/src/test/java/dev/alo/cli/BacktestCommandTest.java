package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
  @TempDir Path dir;

  Path series(String name, int n) throws IOException {
    return Files.writeString(
        dir.resolve(name), ForecastCommandTest.hourly(n, 0, ForecastCommandTest::space), UTF_8);
  }

  @Test
  void backtest_protocolDefaults_printsPerSeriesAndAggregateRows() throws IOException {
    series("a.csv", 200);
    series("b.csv", 180);
    Path rows = dir.resolve("rows.csv");
    ForecastCommandTest.Run r =
        ForecastCommandTest.run(
            "backtest",
            "--input",
            dir.toString(),
            "--models",
            "snaive,ets",
            "--output",
            rows.toString());
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.lines();
    assertThat(lines.get(0)).startsWith("protocol v1");
    assertThat(lines.get(1))
        .contains("series")
        .contains("sMAPE")
        .contains("MASE")
        .contains("cov80");
    assertThat(lines).anyMatch(l -> l.startsWith("a ") && l.contains(" snaive "));
    assertThat(lines).anyMatch(l -> l.startsWith("b ") && l.contains(" ets "));
    assertThat(lines).anyMatch(l -> l.startsWith("snaive ") && l.contains(" 2 "));
    assertThat(lines).anyMatch(l -> l.contains("gmMASE"));
    // 2 series x 2 models x 3 origins
    assertThat(Files.readAllLines(rows, UTF_8)).hasSize(1 + 12);
  }

  @Test
  void backtest_tooShortSeries_exitsThreeNamingIt() throws IOException {
    series("long.csv", 200);
    series("tiny.csv", 50);
    ForecastCommandTest.Run r =
        ForecastCommandTest.run("backtest", "--input", dir.toString(), "--models", "snaive");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("tiny").contains("protocol v1");
  }

  @Test
  void backtest_otherHorizonAndReference_usesRollingOriginsAndPrintsReferenceRows()
      throws IOException {
    series("a.csv", 200);
    Path ref =
        Files.writeString(
            dir.resolve("ref.txt"),
            """
            "series","method","origin","n_train","smape","mase","coverage80","seconds"
            "a","naive",2,150,10,1.5,0.8,0.1
            "a","naive",1,160,20,0.5,0.6,0.3
            """);
    ForecastCommandTest.Run r =
        ForecastCommandTest.run(
            "backtest",
            "--input",
            dir.resolve("a.csv").toString(),
            "--horizon",
            "12",
            "--origins",
            "2",
            "--models",
            "snaive",
            "--reference",
            ref.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().get(0)).startsWith("backtest: horizon 12, origins 2, interval 1h");
    assertThat(r.out()).contains("R:naive").contains("15.00").contains("1.000");
  }

  @Test
  void backtest_everySeriesFails_exitsOneWithNothingOnStdout() throws IOException {
    series("tiny.csv", 50);
    ForecastCommandTest.Run r =
        ForecastCommandTest.run("backtest", "--input", dir.toString(), "--models", "snaive");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("no series could be backtested: tiny");
  }

  @Test
  void backtest_moreOriginsThanTheDataHasRoomFor_failsNamingAskedAndSupported() throws IOException {
    series("a.csv", 200);
    ForecastCommandTest.Run r =
        ForecastCommandTest.run(
            "backtest", "--input", dir.toString(), "--models", "snaive", "--origins", "100000");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(
            "alo: a: failed: 200 values (1h steps) have room for 7 origins, not the 100000 asked"
                + " by --origins: each origin forecasts 24 values and the earliest trains on at"
                + " least 25 (expected at least 2400025 values, or --origins 7)");
    ForecastCommandTest.Run seven =
        ForecastCommandTest.run(
            "backtest", "--input", dir.toString(), "--models", "snaive", "--origins", "7");
    assertThat(seven.code()).as(seven.err()).isZero();
    assertThat(seven.lines().get(0)).startsWith("backtest: horizon 24, origins 7,");
  }

  @Test
  void backtest_shortSeries_failsWithMoreOriginsAsWithTheDefault() throws IOException {
    series("tiny.csv", 50);
    for (String origins : List.of("3", "4", "10")) {
      ForecastCommandTest.Run r =
          ForecastCommandTest.run(
              "backtest", "--input", dir.toString(), "--models", "snaive", "--origins", origins);
      assertThat(r.code()).as(origins).isEqualTo(1);
      assertThat(r.err())
          .contains(
              "alo: tiny: failed: 50 values (1h steps) have room for 1 origin, not the " + origins);
    }
    ForecastCommandTest.Run one =
        ForecastCommandTest.run(
            "backtest", "--input", dir.toString(), "--models", "snaive", "--origins", "1");
    assertThat(one.code()).as(one.err()).isZero();
  }

  @Test
  void backtest_sameFileNameInTwoDirectories_namesEachByItsDirectory() throws IOException {
    Files.createDirectories(dir.resolve("x"));
    Files.createDirectories(dir.resolve("y"));
    series("x/load.csv", 200);
    series("y/load.csv", 180);
    Path rows = dir.resolve("rows.csv");
    ForecastCommandTest.Run r =
        ForecastCommandTest.run(
            "backtest",
            "--input",
            dir.resolve("x").toString(),
            dir.resolve("y").toString(),
            "--models",
            "snaive",
            "--output",
            rows.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).anyMatch(l -> l.startsWith("x/load "));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("y/load "));
    assertThat(r.lines()).anyMatch(l -> l.startsWith("snaive ") && l.contains(" 2 "));
    assertThat(Files.readAllLines(rows, UTF_8)).filteredOn(l -> l.startsWith("y/load,")).hasSize(3);
  }

  @Test
  void backtest_unwritableOutput_refusedBeforeTheWork_progressOnlyWhenShown() throws IOException {
    series("a.csv", 200);
    Path missing = dir.resolve("none").resolve("rows.csv");
    ForecastCommandTest.Run bad =
        ForecastCommandTest.run(
            "backtest",
            "--input",
            dir.toString(),
            "--models",
            "snaive",
            "--output",
            missing.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err().strip())
        .isEqualTo("alo: --output " + missing + ": no such directory " + missing.getParent());
    System.setProperty("alo.progress", "true");
    try {
      ForecastCommandTest.Run shown =
          ForecastCommandTest.run("backtest", "--input", dir.toString(), "--models", "snaive");
      assertThat(shown.code()).as(shown.err()).isZero();
      assertThat(shown.err()).contains("\ralo: backtest [").contains("] 1/1");
    } finally {
      System.clearProperty("alo.progress");
    }
  }

  @Test
  void backtest_json_oneDocumentWithTheOutputRowsFigures() throws IOException {
    series("a.csv", 200);
    series("b.csv", 180);
    Path rows = dir.resolve("rows.csv");
    ForecastCommandTest.Run r =
        ForecastCommandTest.run(
            "backtest",
            dir.toString(),
            "--models",
            "snaive,ets",
            "--json",
            "--output",
            rows.toString());
    assertThat(r.code()).as(r.err()).isZero();
    com.fasterxml.jackson.databind.JsonNode root =
        new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(root.get("protocol").asText()).isEqualTo("v1");
    assertThat(root.get("horizon").asInt()).isEqualTo(24);
    assertThat(root.get("interval").asText()).isEqualTo("1h");
    assertThat(root.get("results")).hasSize(4);
    assertThat(root.get("models")).hasSize(2);
    assertThat(root.get("models").get(0).get("gm_mase").isNumber()).isTrue();
    List<String> csv = Files.readAllLines(rows, UTF_8);
    assertThat(csv).hasSize(1 + 12);
    com.fasterxml.jackson.databind.JsonNode first = root.get("results").get(0);
    com.fasterxml.jackson.databind.JsonNode origin = first.get("origins").get(0);
    String[] row = csv.get(1).split(",", -1);
    assertThat(first.get("series").asText()).isEqualTo(row[0]);
    assertThat(first.get("model").asText()).isEqualTo(row[1]);
    assertThat(origin.get("origin").asInt()).isEqualTo(Integer.parseInt(row[2]));
    assertThat(origin.get("n_train").asInt()).isEqualTo(Integer.parseInt(row[3]));
    assertThat(origin.get("smape").asDouble()).isEqualTo(Double.parseDouble(row[4]));
    assertThat(origin.get("mase").asDouble()).isEqualTo(Double.parseDouble(row[5]));
  }
}
