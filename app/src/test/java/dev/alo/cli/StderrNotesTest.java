package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the notes and errors on stderr say is what happened, once, with the value given. */
class StderrNotesTest {

  @Test
  void valueColumnChosen_otherNumericColumnsAreNotCalledText(@TempDir Path dir) throws IOException {
    Path usage = dir.resolve("usage.csv");
    Files.writeString(usage, MainTest.run("generate", "--days", "3").out(), UTF_8);
    MainTest.Run r =
        MainTest.run(
            "forecast",
            "--input",
            usage.toString(),
            "--value-column",
            "active_users",
            "--horizon",
            "2");
    assertThat(r.code()).isZero();
    assertThat(r.err())
        .contains(
            "usage: columns not read (not chosen with --value-column): server_load,"
                + " response_time")
        .doesNotContain("text");
    MainTest.Run inspect = MainTest.run("inspect", usage.toString(), "--value-column", "2");
    assertThat(inspect.err()).contains("not chosen with --value-column").doesNotContain("text");
  }

  @Test
  void threePointSeries_oneNoteNamingEachPeriodOnceAsWritten(@TempDir Path dir) throws IOException {
    Path three = dir.resolve("three.csv");
    Files.writeString(
        three,
        "timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,2\n2024-01-01 02:00:00,3\n",
        UTF_8);
    MainTest.Run r = MainTest.run("forecast", "--input", three.toString(), "--horizon", "2");
    assertThat(r.code()).isZero();
    assertThat(r.err().lines().filter(l -> l.startsWith("alo: three: ")))
        .singleElement()
        .asString()
        .startsWith(
            "alo: three: series too short for seasonal periods 24 and 168 (3 values; a season"
                + " needs two cycles): left out")
        .doesNotContain("168.000");
  }

  @Test
  void driftThresholdNaN_errorNamesTheValue(@TempDir Path dir) throws IOException {
    Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "timestamp,value\n2024-01-01 00:00:00,1\n", UTF_8);
    MainTest.Run r =
        MainTest.run("anomalies", "--input", csv.toString(), "--drift-threshold", "NaN");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("alo: --drift-threshold NaN is out of range: expected a finite number >= 0");
  }

  @Test
  void levelNotANumberOrInfinite_usageErrorNamingIt() {
    for (String bad : new String[] {"NaN", "Infinity"}) {
      MainTest.Run r =
          MainTest.run("forecast", "--input", "x.csv", "--horizon", "1", "--level", bad);
      assertThat(r.code()).isEqualTo(2);
      assertThat(r.err()).startsWith("alo: --level " + bad + " is out of range");
    }
  }
}
