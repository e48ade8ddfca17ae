package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Path file(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, UTF_8);
  }

  /** CRLF line ends, unsorted, one duplicate timestamp, one gap, one spike. */
  static final String DATA =
      """
      timestamp,active_users,server_load
      2024-01-01 02:00:00,10,0.5
      2024-01-01 00:00:00,12,
      2024-01-01 01:00:00,11,0.7
      2024-01-01 01:00:00,13,0.9
      2024-01-01 03:00:00,11,0.6
      2024-01-01 04:00:00,10,0.6
      2024-01-01 05:00:00,500,0.6
      """
          .replace("\n", "\r\n");

  @Test
  void inspect_table_showsRowsRangeIntervalGapsDuplicatesAndColumns() throws IOException {
    Run r = run("inspect", file("d.csv", DATA).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .contains("rows        6 (7 read), time column 'timestamp' (yyyy-MM-dd HH:mm:ss)")
        .contains("range       2024-01-01 00:00:00 .. 2024-01-01 05:00:00 (5h)")
        .contains("interval    1h (regular)")
        .contains("gaps        1")
        .contains("duplicates  1 rows merged by their mean");
    assertThat(r.out()).containsPattern("active_users +6 +0 +1 +10 +92.5 +500");
    assertThat(r.out()).containsPattern("server_load +5 +1 +2 +0.5 +0.62 +0.8");
    assertThat(r.err()).contains("1 gaps").contains("merged").contains("sorted");
  }

  @Test
  void inspect_json_isOneDocumentWithTheSameFacts() throws IOException {
    Run r = run("inspect", file("d.csv", DATA).toString(), "--json");
    assertThat(r.code()).isZero();
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("rows").asInt()).isEqualTo(6);
    assertThat(j.get("duplicates").asInt()).isEqualTo(1);
    assertThat(j.get("gaps").asInt()).isEqualTo(1);
    assertThat(j.get("interval").asText()).isEqualTo("1h");
    assertThat(j.get("columns").get(0).get("outliers").asInt()).isEqualTo(1);
    assertThat(j.get("columns").get(1).get("mean").asDouble()).isEqualTo(0.62);
  }

  @Test
  void inspect_badCell_exitsOneNamingLineColumnAndTextWithoutStackTrace() throws IOException {
    Path f = file("bad.csv", "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,abc\n");
    Run r = run("inspect", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith("alo: " + f + ", line 3, column 2 (value): 'abc' is not a number")
        .doesNotContain("Exception")
        .doesNotContain("\tat ");
  }

  /** A European export: ';' delimiter, thousands points, decimal commas. */
  static final String EUROPEAN =
      """
      Zeit;Last;Nutzer
      2024-01-01 00:00:00;1.234,5;1.200
      2024-01-01 01:00:00;1.300,25;1.350
      2024-01-01 02:00:00;999,5;980
      """;

  @Test
  void inspect_europeanExport_readsDecimalCommasAndThousandsPoints() throws IOException {
    Run r = run("inspect", file("eu.csv", EUROPEAN).toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("delimiter ';', decimal ','");
    assertThat(r.out()).containsPattern("Last +3 +0 +0 +999.5 +1178.08 +1300.25");
    // Nutzer's 1.200 and 1.350 read two ways and 980 does not tell: Last's decimal comma does
    assertThat(r.out()).containsPattern("Nutzer +3 +0 +0 +980 +1176.67 +1350");
    assertThat(r.err()).doesNotContain("ignored");
  }

  @Test
  void inspect_columnThatReadsTwoWays_exitsOneNamingItAndTheFlag() throws IOException {
    Path users =
        file("users.csv", "Zeit;Nutzer\n2024-01-01 00:00:00;1.200\n2024-01-01 01:00:00;1.350\n");
    Run bad = run("inspect", users.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.out()).isEmpty();
    assertThat(bad.err().strip())
        .isEqualTo(
            "alo: "
                + users
                + ", column 2 (Nutzer): '1.200' (line 2) reads as 1.2 with a decimal point or as"
                + " 1200 with a decimal comma, and no value in the file tells which (expected the"
                + " decimal separator to be given); set it with --decimal , or --decimal .");
    Run comma = run("inspect", users.toString(), "--decimal", ",", "--json");
    assertThat(comma.code()).as(comma.err()).isZero();
    JsonNode j = new ObjectMapper().readTree(comma.out());
    assertThat(j.get("columns").get(0).get("min").asDouble()).isEqualTo(1200.0);
    assertThat(j.get("columns").get(0).get("decimal").asText()).isEqualTo(",");
    Run point = run("inspect", users.toString(), "--decimal", ".", "--json");
    assertThat(new ObjectMapper().readTree(point.out()).get("columns").get(0).get("max").asDouble())
        .isEqualTo(1.35);
  }

  @Test
  void inspect_badDecimalFlag_isAUsageError() throws IOException {
    Run r = run("inspect", file("d.csv", DATA).toString(), "--decimal", ";");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("';' is not a decimal separator (expected auto, . or ,)");
  }

  @Test
  void inspect_pointAndCommaInOneColumn_exitsOneNamingBothLines() throws IOException {
    Path f = file("mixed.csv", "t;v\n2024-01-01 00:00:00;12.5\n2024-01-01 01:00:00;1.234,5\n");
    Run r = run("inspect", f.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err())
        .contains("line 3, column 2 (v): '1.234,5' has a decimal comma, but '12.5' on line 2");
  }

  @Test
  void inspect_lenient_skipsTheBadRow() throws IOException {
    Path f = file("bad.csv", "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,abc\n");
    Run r = run("inspect", f.toString(), "--lenient");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("skipped     1 unreadable rows");
    assertThat(r.err()).contains("1 unreadable rows skipped (lines 3)");
  }

  @Test
  void inspect_columnsChosenByFlag() throws IOException {
    Run r = run("inspect", file("d.csv", DATA).toString(), "--value-column", "3", "--json");
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertThat(j.get("columns")).hasSize(1);
    assertThat(j.get("columns").get(0).get("name").asText()).isEqualTo("server_load");
  }

  @Test
  void loadSingle_severalColumns_asksForOne() throws IOException {
    Path f = file("d.csv", DATA);
    PrintWriter err = new PrintWriter(new StringWriter());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new InputOptions().loadSingle(f, err))
        .hasMessageContaining("2 value columns (active_users, server_load)")
        .hasMessageContaining("--value-column");
    InputOptions one = new InputOptions();
    one.valueColumns.add("server_load");
    assertThat(one.loadSingle(f, err).name()).isEqualTo("server_load");
  }

  @Test
  void span_readsInDaysHoursMinutes() {
    assertThat(InspectCommand.span(999_999 * 60_000L)).isEqualTo("694d 10h 39m");
    assertThat(InspectCommand.span(0)).isEqualTo("0s");
    assertThat(InspectCommand.span(1500)).isEqualTo("1s 500ms");
  }

  @Test
  void inspect_missingFile_exitsOneWithNoSuchFile() {
    Path missing = dir.resolve("missing.csv");
    Run r = run("inspect", missing.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip()).isEqualTo("alo: no such file: " + missing);
  }

  @Test
  void inspect_crOnlySharedFile_reads() {
    Path air =
        Path.of(System.getProperty("alo.root.dir"), "datasets/prophet/example_air_passengers.csv");
    Run r = run("inspect", air.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("rows        144").contains("1949-01-01 .. 1960-12-01");
  }

  @Test
  void inspect_progressOfTheReading_onStderrOnlyWhenShown() throws IOException {
    Path f = file("p.csv", DATA);
    Run quiet = run("inspect", f.toString());
    assertThat(quiet.err()).doesNotContain("\r");
    System.setProperty("alo.progress", "true");
    try {
      Run shown = run("inspect", f.toString());
      assertThat(shown.err())
          .contains("\ralo: inspect: reading p.csv [##############################] 100% of 1 KB")
          .contains("\r" + " ".repeat(40));
      assertThat(shown.out()).isEqualTo(quiet.out());
    } finally {
      System.clearProperty("alo.progress");
    }
  }
}
