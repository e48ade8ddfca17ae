package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnomaliesCommandTest {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final long START = 1_700_006_400_000L; // 2023-11-15 00:00:00
  private static final long STEP = 15 * 60_000L;
  private static final int SPIKE = 1000;

  @TempDir Path dir;
  Path csv;

  @BeforeEach
  void writeSeries() throws IOException {
    Random rnd = new Random(11);
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    for (int i = 0; i < 96 * 20; i++) {
      double v = 100 + 30 * Math.sin(2 * Math.PI * i / 96.0) + 2 * rnd.nextGaussian();
      if (i == SPIKE) {
        v += 40;
      }
      sb.append(TS.format(Instant.ofEpochMilli(START + i * STEP)))
          .append(',')
          .append(String.format(Locale.ROOT, "%.3f", v))
          .append('\n');
    }
    csv = dir.resolve("load.csv");
    Files.writeString(csv, sb.toString(), UTF_8);
  }

  private static String spikeTime() {
    return TS.format(Instant.ofEpochMilli(START + SPIKE * STEP));
  }

  @Test
  void json_isOneDocumentWithPointsAndWindows() throws IOException {
    MainTest.Run r = MainTest.run("anomalies", "--input", csv.toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode root = new ObjectMapper().readTree(r.out());
    assertThat(root.get("method").asText()).isEqualTo("forecast");
    assertThat(root.get("level").asDouble()).isEqualTo(99);
    JsonNode s = root.get("series").get(0);
    assertThat(s.get("name").asText()).isEqualTo("load");
    assertThat(s.get("values").asInt()).isEqualTo(96 * 20);
    JsonNode points = s.get("points");
    assertThat(points.isArray()).isTrue();
    JsonNode spike = points.get(0);
    boolean found = false;
    for (JsonNode p : points) {
      assertThat(p.fieldNames())
          .toIterable()
          .containsExactly("timestamp", "value", "expected", "lower", "upper", "score", "kind");
      if (p.get("timestamp").asText().equals(spikeTime())) {
        spike = p;
        found = true;
      }
    }
    assertThat(found).as("the spike at %s is listed", spikeTime()).isTrue();
    assertThat(spike.get("value").asDouble()).isGreaterThan(spike.get("upper").asDouble());
    assertThat(spike.get("score").asDouble()).isGreaterThan(5);
    assertThat(spike.get("kind").asText()).isEqualTo("band");
    JsonNode windows = s.get("windows");
    int total = 0;
    for (JsonNode w : windows) {
      assertThat(w.fieldNames())
          .toIterable()
          .containsExactly("start", "end", "points", "max_score");
      total += w.get("points").asInt();
    }
    assertThat(total).isEqualTo(points.size());
    assertThat(r.err()).contains("alo: anomalies: load:").contains("windows");
  }

  @Test
  void tables_pointsThenWindowsInTheInputsTimestampPattern() {
    MainTest.Run r = MainTest.run("anomalies", "--input", csv.toString());
    assertThat(r.code()).isZero();
    String[] blocks = r.out().split("\n\n");
    assertThat(blocks).hasSize(2);
    assertThat(blocks[0]).startsWith("series,timestamp,value,expected,lower,upper,score,kind\n");
    assertThat(blocks[0]).contains("\nload," + spikeTime() + ",");
    assertThat(blocks[1]).startsWith("series,start,end,points,max_score\n");
    assertThat(r.out()).isEqualTo(MainTest.run("anomalies", "--input", csv.toString()).out());
  }

  @Test
  void iforest_flagsTheSpikeWithoutABand() throws IOException {
    MainTest.Run r =
        MainTest.run("anomalies", "--input", csv.toString(), "--method", "iforest", "--json");
    assertThat(r.code()).isZero();
    JsonNode points = new ObjectMapper().readTree(r.out()).get("series").get(0).get("points");
    assertThat(points.size()).isEqualTo((int) Math.ceil(0.01 * 96 * 20));
    assertThat(points)
        .anySatisfy(p -> assertThat(p.get("timestamp").asText()).isEqualTo(spikeTime()));
    assertThat(points.get(0).get("lower").isNull()).isTrue();
    assertThat(points.get(0).get("kind").asText()).isEqualTo("isolation");
  }

  @Test
  void isolatedMinScoreZero_reportsAtLeastAsManyPoints() throws IOException {
    int strict = pointCount(MainTest.run("anomalies", "--input", csv.toString(), "--json"));
    int all =
        pointCount(
            MainTest.run(
                "anomalies", "--input", csv.toString(), "--json", "--isolated-min-score", "0"));
    assertThat(all).isGreaterThan(strict);
  }

  @Test
  void negativeDriftThreshold_exitsTwoNamingTheOption() {
    MainTest.Run r =
        MainTest.run("anomalies", "--input", csv.toString(), "--drift-threshold", "-1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--drift-threshold -1").contains(">= 0");
  }

  private static int pointCount(MainTest.Run r) throws IOException {
    assertThat(r.code()).isZero();
    return new ObjectMapper().readTree(r.out()).get("series").get(0).get("points").size();
  }

  @Test
  void levelOutOfRange_exitsTwoNamingTheLevel() {
    MainTest.Run r = MainTest.run("anomalies", "--input", csv.toString(), "--level", "100");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("--level 100").contains("above 50 and below 100");
  }

  @Test
  void missingFile_exitsOneNamingIt() {
    MainTest.Run r = MainTest.run("anomalies", "--input", dir.resolve("nope.csv").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nope.csv");
  }

  @Test
  void missingInput_isAUsageError() {
    MainTest.Run r = MainTest.run("anomalies");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--input");
  }

  @Test
  void seriesNames_sameAsForecasts_fileOrFileColonColumn(@TempDir Path dir) throws IOException {
    Path usage = dir.resolve("usage.csv");
    Files.writeString(usage, MainTest.run("generate", "--days", "3").out(), UTF_8);
    for (Path file : List.of(csv, usage)) {
      MainTest.Run anomalies = MainTest.run("anomalies", file.toString(), "--json");
      MainTest.Run forecast =
          MainTest.run(
              "forecast", file.toString(), "--horizon", "1", "--model", "snaive", "--json");
      List<String> named = new ArrayList<>();
      new ObjectMapper()
          .readTree(anomalies.out())
          .get("series")
          .forEach(s -> named.add(s.get("name").asText()));
      List<String> forecastNamed = new ArrayList<>();
      new ObjectMapper()
          .readTree(forecast.out())
          .get("series")
          .fieldNames()
          .forEachRemaining(forecastNamed::add);
      assertThat(named).isEqualTo(forecastNamed);
    }
  }
}
