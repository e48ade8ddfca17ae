package dev.alo.cli;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

  @TempDir Path dir;

  static MainTest.Run run(String... args) {
    return MainTest.run(args);
  }

  @Test
  void generate_thirtyDays_headerAnd720HourlyRowsOnStdout() {
    MainTest.Run r = run("generate", "--days", "30", "--seed", "7");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(721);
    assertThat(lines.get(0)).isEqualTo("timestamp,active_users,server_load,response_time");
    assertThat(lines.get(1)).startsWith("2024-01-01 00:00:00,");
    assertThat(lines.get(720)).startsWith("2024-01-30 23:00:00,");
    assertThat(r.out()).doesNotContain("\r").endsWith("\n");
  }

  @Test
  void generate_output_sameBytesAsStdout() throws IOException {
    Path file = dir.resolve("usage.csv");
    MainTest.Run toFile =
        run("generate", "--days", "30", "--seed", "7", "--output", file.toString());
    MainTest.Run toStdout = run("generate", "--days", "30", "--seed", "7");
    assertThat(toFile.code()).isZero();
    assertThat(toFile.out()).isEmpty();
    assertThat(Files.readString(file, UTF_8)).isEqualTo(toStdout.out());
  }

  @Test
  void generate_sameArguments_sameBytes_otherSeed_otherBytes() {
    String a = run("generate", "--days", "5", "--anomalies", "2", "--trend", "10").out();
    String b = run("generate", "--days", "5", "--anomalies", "2", "--trend", "10").out();
    String c =
        run("generate", "--days", "5", "--anomalies", "2", "--trend", "10", "--seed", "43").out();
    assertThat(a).isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void generate_defaults_ninetyDaysHourlyFrom2024() {
    MainTest.Run r = run("generate");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines().count()).isEqualTo(90 * 24 + 1);
  }

  @Test
  void generate_startAndInterval_giveTheTimeAxis() {
    MainTest.Run r =
        run("generate", "--days", "1", "--interval", "5m", "--start", "2025-03-10 08:30:00");
    assertThat(r.code()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(24 * 12 + 1);
    assertThat(lines.get(1)).startsWith("2025-03-10 08:30:00,");
    assertThat(lines.get(2)).startsWith("2025-03-10 08:35:00,");
  }

  @Test
  void generate_startWithOffset_isConvertedToUtc() {
    MainTest.Run r = run("generate", "--days", "1", "--start", "2024-06-01T02:00:00+02:00");
    assertThat(r.out().lines().skip(1).findFirst().orElseThrow())
        .startsWith("2024-06-01 00:00:00,");
  }

  @Test
  void generate_labels_writesOneLinePerAnomalyWindow() throws IOException {
    Path labels = dir.resolve("labels.csv");
    MainTest.Run r =
        run("generate", "--days", "30", "--anomalies", "4", "--labels", labels.toString());
    assertThat(r.code()).isZero();
    List<String> lines = Files.readAllLines(labels, UTF_8);
    assertThat(lines).hasSize(5);
    assertThat(lines.get(0)).isEqualTo("first,last,points,kind,column,factor");
    assertThat(lines.subList(1, 5))
        .allMatch(
            l ->
                l.matches(
                    "2024-\\d\\d-\\d\\d \\d\\d:00:00,2024-\\d\\d-\\d\\d \\d\\d:00:00,[1-4],"
                        + "(users_surge,active_users|latency_spike,response_time),\\d\\.\\d\\d"));
    for (String l : lines.subList(1, 5)) {
      String first = l.substring(0, 19);
      assertThat(r.out()).contains("\n" + first + ",");
    }
  }

  @Test
  void generate_holidayOutsideTheRange_notesItOnStderr() {
    MainTest.Run r = run("generate", "--days", "2", "--holidays", "2024-01-02,2030-01-01");
    assertThat(r.code()).isZero();
    assertThat(r.err()).contains("holiday 2030-01-01 is outside the generated range");
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void generate_badArguments_exitTwoNamingTheValueAndTheRange() {
    assertUsageError(
        run("generate", "--days", "0"), "--days 0 is out of range (expected 1 to 3650)");
    assertUsageError(run("generate", "--days", "4000"), "--days 4000 is out of range");
    assertUsageError(run("generate", "--interval", "-1h"), "--interval: invalid duration '-1h'");
    assertUsageError(run("generate", "--interval", "0s"), "--interval 0s is out of range");
    assertUsageError(run("generate", "--interval", "500ms"), "whole number of seconds");
    assertUsageError(run("generate", "--start", "yesterday"), "--start: 'yesterday' is not");
    assertUsageError(run("generate", "--holidays", "2024-02-30"), "--holidays: '2024-02-30'");
    assertUsageError(run("generate", "--trend", "-150"), "--trend -150 is out of range");
    assertUsageError(
        run("generate", "--days", "3", "--anomalies", "99"),
        "--anomalies 99 is out of range (expected 0 to 12 for 3 days at 1h)");
    assertUsageError(run("generate", "--days", "3650", "--interval", "1s"), "315360000 points");
  }

  @Test
  void generate_help_printsTheOptionsWithoutWarnings() {
    MainTest.Run r = run("generate", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .contains("Usage: alo generate")
        .contains("--days N")
        .contains("--holidays DATE")
        .doesNotContain("WARN");
  }

  @Test
  void generate_labelsSameAsOutput_isAUsageError() {
    Path f = dir.resolve("same.csv");
    assertUsageError(
        run("generate", "--output", f.toString(), "--labels", f.toString()),
        "is the --output file");
  }

  private static void assertUsageError(MainTest.Run r, String message) {
    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("alo: ").contains(message).contains("Usage: alo generate");
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void generate_moreRowsThanMemoryHolds_refusedBeforeTheWork() throws Exception {
    // 8.64 million rows of some 64 bytes: 550 MB, in a 128 MB heap.
    long t0 = System.nanoTime();
    ChildJvm.Run r = ChildJvm.run("128m", 60, "generate", "--days", "1000", "--interval", "10s");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .startsWith("alo: generate: --days 1000 at --interval 10s (8,640,000 rows) needs about ")
        .contains(
            "generate fewer days or a longer interval, or give Java more with"
                + " ALO_JAVA_OPTS=-Xmx");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(10);
  }

  @Test
  void generate_unwritableOutputOrLabels_refusedBeforeTheWork_progressOnlyWhenShown() {
    Path missing = dir.resolve("none").resolve("u.csv");
    MainTest.Run r = run("generate", "--output", missing.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("alo: --output " + missing + ": no such directory " + missing.getParent());
    MainTest.Run labels = run("generate", "--anomalies", "1", "--labels", missing.toString());
    assertThat(labels.code()).isEqualTo(1);
    assertThat(labels.out()).isEmpty();
    System.setProperty("alo.progress", "true");
    try {
      MainTest.Run shown = run("generate", "--days", "30");
      assertThat(shown.err()).contains("\ralo: generate [").contains("] 721/721");
      assertThat(shown.out()).isEqualTo(run("generate", "--days", "30").out());
    } finally {
      System.clearProperty("alo.progress");
    }
  }
}
