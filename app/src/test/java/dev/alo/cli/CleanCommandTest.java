package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CleanCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("in.csv"), content, UTF_8);
  }

  static final String FIVE_MINUTE =
      """
      ts;load
      2024-01-01T00:00:00Z;1
      2024-01-01T00:30:00Z;3
      2024-01-01T02:10:00Z;5
      2024-01-01T02:20:00Z;
      """;

  @Test
  void clean_defaults_resampleHourlyForwardFillAndKeepTheStyle() throws IOException {
    Run r = run("clean", file(FIVE_MINUTE).toString());
    assertThat(r.code()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            ts,load
            2024-01-01T00:00:00Z,2
            2024-01-01T01:00:00Z,2
            2024-01-01T02:00:00Z,5
            """);
    assertThat(r.err())
        .contains("4 rows in, 3 out (resampled to 1h by mean)")
        .contains("1 gaps filled");
  }

  @Test
  void clean_europeanExport_writesTheNumbersNotAnEmptyTable() throws IOException {
    Path in =
        file(
            """
            ts;load
            2024-01-01T00:00:00Z;1.234,5
            2024-01-01T01:00:00Z;2.000,25
            """);
    Run r = run("clean", in.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            ts,load
            2024-01-01T00:00:00Z,1234.5
            2024-01-01T01:00:00Z,2000.25
            """);
    assertThat(run("clean", in.toString(), "--decimal", ".").err())
        .contains("'1.234,5' is not a number with a decimal point");
    Run ambiguous = run("clean", file("ts;load\n2024-01-01T00:00:00Z;1.234\n").toString());
    assertThat(ambiguous.code()).isEqualTo(1);
    assertThat(ambiguous.err()).contains("(load)").contains("--decimal");
  }

  @Test
  void clean_flags_chooseAggregationFillAndNoResampling() throws IOException {
    Path in = file(FIVE_MINUTE);
    assertThat(run("clean", in.toString(), "--agg", "sum", "--fill", "none").out())
        .contains("T00:00:00Z,4\n")
        .contains("T01:00:00Z,\n");
    assertThat(run("clean", in.toString(), "--resample", "none", "--fill", "linear").out())
        .endsWith("2024-01-01T02:20:00Z,5\n");
    assertThat(run("clean", in.toString(), "--resample", "30m", "--fill", "linear").out())
        .contains("2024-01-01T01:00:00Z,3.6666666666666665\n");
  }

  @Test
  void clean_clipIqr_clipsTheSpike() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,v\n");
    for (int i = 0; i < 8; i++) {
      sb.append("2024-01-01 0").append(i).append(":00:00,").append(i == 5 ? 1000 : i).append('\n');
    }
    Path in = file(sb.toString());
    // values 0..4, 1000, 6, 7: Q1 = 1.75, Q3 = 6.25, upper fence 6.25 + 1.5 * 4.5 = 13
    assertThat(run("clean", in.toString()).out()).contains("2024-01-01 05:00:00,13\n");
    assertThat(run("clean", in.toString(), "--clip-iqr", "none").out())
        .contains("2024-01-01 05:00:00,1000\n");
  }

  @Test
  void clean_output_writesTheFileAndNothingOnStdout() throws IOException {
    Path out = dir.resolve("out.csv");
    Run r = run("clean", file(FIVE_MINUTE).toString(), "--output", out.toString());
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(out, UTF_8)).startsWith("ts,load\n2024-01-01T00:00:00Z,2\n");
  }

  @Test
  void clean_badFlagValue_isAUsageError() throws IOException {
    Run r = run("clean", file(FIVE_MINUTE).toString(), "--fill", "bfill");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("alo: unknown fill 'bfill'").contains("Usage: alo clean");
    assertThat(run("clean", file(FIVE_MINUTE).toString(), "--clip-iqr", "-1").code()).isEqualTo(2);
    assertThat(run("clean", file(FIVE_MINUTE).toString(), "--resample", "1w").code()).isEqualTo(2);
  }

  @Test
  void clean_missingFile_exitsOne() {
    Run r = run("clean", dir.resolve("nope.csv").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("alo: no such file: ");
  }

  @Test
  void clean_dateOnlyInputResampledHourly_writesOneUniformForm() throws IOException {
    Path in = file("ds,y\n2024-01-01,1\n2024-01-02,2\n");
    String out = run("clean", in.toString()).out();
    assertThat(out).startsWith("ds,y\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,1\n");
    assertThat(out.lines().count()).isEqualTo(26);
  }

  @Test
  void clean_unwritableOutput_refusedBeforeReading_progressOnlyWhenShown() throws IOException {
    Path missing = dir.resolve("none").resolve("out.csv");
    Run bad = run("clean", dir.resolve("no-input.csv").toString(), "--output", missing.toString());
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err().strip())
        .isEqualTo("alo: --output " + missing + ": no such directory " + missing.getParent());
    Path in = file(FIVE_MINUTE);
    Run quiet = run("clean", in.toString());
    assertThat(quiet.err()).doesNotContain("\r");
    System.setProperty("alo.progress", "true");
    try {
      Run shown = run("clean", in.toString());
      assertThat(shown.err())
          .contains("\ralo: clean: reading in.csv [")
          .contains("\ralo: clean: writing rows [");
      assertThat(shown.out()).isEqualTo(quiet.out());
    } finally {
      System.clearProperty("alo.progress");
    }
  }
}
