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
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Timestamps across a daylight saving change (Europe/Berlin moves from +01:00 to +02:00 at 01:00Z
 * on Sunday, 31 March 2024), mixed timestamp forms and date-only rows, through the commands.
 */
class TimestampsCommandTest {
  @TempDir Path dir;

  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxxx");

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }

    /** The timestamp column of forecast rows {@code from} to {@code to} (1 is the first). */
    List<String> times(int from, int to) {
      return lines().subList(from, to).stream().map(l -> l.split(",", -1)[1]).toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  Path file(String content) throws IOException {
    return Files.writeString(dir.resolve("in.csv"), content, UTF_8);
  }

  /** {@code n} hourly rows from {@code start}, written with Berlin's offset for each instant. */
  static String hourlyInBerlin(String start, int n) {
    StringBuilder sb = new StringBuilder("timestamp,load\n");
    Instant t = Instant.parse(start);
    for (int i = 0; i < n; i++) {
      sb.append(ISO.format(t.plusSeconds(3600L * i).atZone(BERLIN)))
          .append(',')
          .append(100 + 20 * Math.sin(2 * Math.PI * i / 24) + i % 5)
          .append('\n');
    }
    return sb.toString();
  }

  /** {@code n} daily rows at Berlin's midnight from {@code first}, with their offsets. */
  static String dailyInBerlin(LocalDate first, int n) {
    StringBuilder sb = new StringBuilder("ds,y\n");
    for (int i = 0; i < n; i++) {
      sb.append(ISO.format(first.plusDays(i).atStartOfDay(BERLIN)))
          .append(',')
          .append(50 + i % 7)
          .append('\n');
    }
    return sb.toString();
  }

  static final String HOURLY_ACROSS =
      """
      timestamp,load
      2024-03-31T00:00:00+01:00,1
      2024-03-31T01:00:00+01:00,2
      2024-03-31T03:00:00+02:00,3
      2024-03-31T04:00:00+02:00,4
      """;

  @Test
  void clean_offsetsThatChange_writesUtcAndSaysSoOnce() throws IOException {
    Run r = run("clean", file(HOURLY_ACROSS).toString(), "--resample", "none");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out())
        .isEqualTo(
            """
            timestamp,load
            2024-03-30T23:00:00Z,1
            2024-03-31T00:00:00Z,2
            2024-03-31T01:00:00Z,3
            2024-03-31T02:00:00Z,4
            """);
    assertThat(r.err())
        .containsOnlyOnce(
            "UTC offsets change (+01:00, +02:00, first change on line 4), so timestamps are"
                + " written in UTC (Z)");
  }

  @Test
  void clean_hourlyWithTimezone_writesEachTimestampWithItsOffset() throws IOException {
    Run none =
        run(
            "clean",
            file(HOURLY_ACROSS).toString(),
            "--resample",
            "none",
            "--timezone",
            "Europe/Berlin");
    assertThat(none.code()).as(none.err()).isZero();
    assertThat(none.out()).isEqualTo(HOURLY_ACROSS);
    assertThat(none.err()).doesNotContain("offsets change");
    Run resampled = run("clean", file(HOURLY_ACROSS).toString(), "--timezone", "Europe/Berlin");
    assertThat(resampled.out()).isEqualTo(HOURLY_ACROSS);
  }

  @Test
  void clean_dailyWithTimezone_keepsLocalMidnights() throws IOException {
    String daily = dailyInBerlin(LocalDate.of(2024, 3, 29), 5);
    Run r =
        run("clean", file(daily).toString(), "--resample", "none", "--timezone", "Europe/Berlin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(daily);
    assertThat(r.out()).contains("2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00");
  }

  @Test
  void clean_badTimezone_isAUsageError() throws IOException {
    Run r = run("clean", file(HOURLY_ACROSS).toString(), "--timezone", "Europe/Berln");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'Europe/Berln' is not a time zone (expected a region such as");
  }

  @Test
  void forecast_hourlyIntoSummerTime_continuesWithTheZonesOffset() throws IOException {
    // three days of winter time, the last at 01:00+01:00; the forecast steps cross the change
    Path in = file(hourlyInBerlin("2024-03-28T01:00:00Z", 72));
    Run fixed = run("forecast", "--input", in.toString(), "--horizon", "3", "--model", "snaive");
    assertThat(fixed.code()).as(fixed.err()).isZero();
    assertThat(fixed.times(1, 4))
        .containsExactly(
            "2024-03-31T02:00:00+01:00", "2024-03-31T03:00:00+01:00", "2024-03-31T04:00:00+01:00");
    Run zoned =
        run(
            "forecast",
            "--input",
            in.toString(),
            "--horizon",
            "3",
            "--model",
            "snaive",
            "--timezone",
            "Europe/Berlin");
    assertThat(zoned.code()).as(zoned.err()).isZero();
    assertThat(zoned.times(1, 4))
        .containsExactly(
            "2024-03-31T03:00:00+02:00", "2024-03-31T04:00:00+02:00", "2024-03-31T05:00:00+02:00");
  }

  @Test
  void forecast_hourlyAcrossTheChangeWithoutZone_writesUtc() throws IOException {
    Path in = file(hourlyInBerlin("2024-03-29T00:00:00Z", 72));
    Run r = run("forecast", "--input", in.toString(), "--horizon", "2", "--model", "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.times(1, 3)).containsExactly("2024-04-01T00:00:00Z", "2024-04-01T01:00:00Z");
    assertThat(r.err()).containsOnlyOnce("UTC offsets change (+01:00, +02:00");
  }

  @Test
  void forecast_dailyIntoSummerTime_continuesAtLocalMidnight() throws IOException {
    Path in = file(dailyInBerlin(LocalDate.of(2024, 3, 1), 30)); // up to 30 March, +01:00
    Run r =
        run(
            "forecast",
            "--input",
            in.toString(),
            "--horizon",
            "3",
            "--model",
            "snaive",
            "--timezone",
            "Europe/Berlin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.times(1, 4))
        .containsExactly(
            "2024-03-31T00:00:00+01:00", "2024-04-01T00:00:00+02:00", "2024-04-02T00:00:00+02:00");
  }

  @Test
  void forecast_dailyAcrossTheChange_neitherMergesDaysNorShiftsTheFuture() throws IOException {
    Path in = file(dailyInBerlin(LocalDate.of(2024, 3, 4), 35)); // 4 March to 7 April
    Run r =
        run(
            "forecast",
            "--input",
            in.toString(),
            "--horizon",
            "7",
            "--model",
            "snaive",
            "--timezone",
            "Europe/Berlin");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("grid").doesNotContain("filled");
    assertThat(r.times(1, 3))
        .containsExactly("2024-04-08T00:00:00+02:00", "2024-04-09T00:00:00+02:00");
    // seasonal naive repeats the last week: 50 + i % 7 for days 28 to 34
    assertThat(r.lines().subList(1, 8))
        .extracting(l -> Double.parseDouble(l.split(",", -1)[2]))
        .containsExactly(50.0, 51.0, 52.0, 53.0, 54.0, 55.0, 56.0);
  }

  @Test
  void inspect_mixedForms_reportsEachWithRowsAndFirstLine() throws IOException {
    Path in =
        file(
            """
            t,v
            2024-03-01 10:00,1
            2024-03-01T11:00:00Z,2
            2024-03-01 12:00,3
            """);
    Run table = run("inspect", in.toString());
    assertThat(table.code()).as(table.err()).isZero();
    assertThat(table.out())
        .contains(
            "timestamps  2 forms: yyyy-MM-dd HH:mm (2 rows, first on line 2),"
                + " yyyy-MM-dd'T'HH:mm:ssZ (1 row, first on line 3)");
    Run clean = run("clean", in.toString(), "--resample", "none");
    assertThat(clean.code()).as(clean.err()).isZero();
    assertThat(clean.out()).contains("\n2024-03-01 11:00,2\n");
    assertThat(clean.err())
        .containsOnlyOnce(
            "timestamps in 2 forms (yyyy-MM-dd HH:mm from line 2, yyyy-MM-dd'T'HH:mm:ssZ from line"
                + " 3); they agree on the instant");
    Run json = run("inspect", in.toString(), "--json");
    JsonNode forms = new ObjectMapper().readTree(json.out()).get("timestamp_forms");
    assertThat(forms).hasSize(2);
    assertThat(forms.get(1).get("form").asText()).isEqualTo("yyyy-MM-dd'T'HH:mm:ssZ");
    assertThat(forms.get(1).get("rows").asInt()).isEqualTo(1);
    assertThat(forms.get(1).get("first_line").asInt()).isEqualTo(3);
  }

  @Test
  void inspect_offsetsThatChange_areShown() throws IOException {
    Run r = run("inspect", file(HOURLY_ACROSS).toString());
    assertThat(r.out())
        .contains("offsets     +01:00, +02:00 (first change on line 4); shown in UTC")
        .contains("range       2024-03-30T23:00:00Z .. 2024-03-31T02:00:00Z");
    Run zoned = run("inspect", file(HOURLY_ACROSS).toString(), "--timezone", "Europe/Berlin");
    assertThat(zoned.out())
        .contains("shown with the offsets of Europe/Berlin")
        .contains("range       2024-03-31T00:00:00+01:00 .. 2024-03-31T04:00:00+02:00");
  }

  @Test
  void inspect_timesWithAndWithoutOffset_failInOneLine() throws IOException {
    Path in = file("t,v\n2024-03-01T10:00:00+01:00,1\n2024-03-01 11:00,2\n");
    Run r = run("inspect", in.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err())
        .contains(in + ", line 3, column 1 (t): '2024-03-01 11:00' (yyyy-MM-dd HH:mm) has no")
        .contains("'2024-03-01T10:00:00+01:00' on line 2 (yyyy-MM-dd'T'HH:mm:ss+HH:mm)");
  }

  @Test
  void clean_dateOnlyRowInAnHourlySeries_failsOrIsSkippedWithLenient() throws IOException {
    Path in =
        file(
            """
            t,v
            2024-03-01 23:00,1
            2024-03-02,100
            2024-03-02 00:00,2
            2024-03-02 01:00,3
            """);
    Run strict = run("clean", in.toString(), "--resample", "none");
    assertThat(strict.code()).isEqualTo(1);
    assertThat(strict.err())
        .contains("line 3, column 1 (t): '2024-03-02' is a date without a time of day");
    Run lenient = run("clean", in.toString(), "--resample", "none", "--lenient");
    assertThat(lenient.code()).as(lenient.err()).isZero();
    assertThat(lenient.out())
        .isEqualTo(
            """
            t,v
            2024-03-01 23:00,1
            2024-03-02 00:00,2
            2024-03-02 01:00,3
            """);
    assertThat(lenient.err()).contains("1 unreadable rows skipped (lines 3)");
  }

  @Test
  void dailyInBerlin_writesLocalMidnights() {
    assertThat(dailyInBerlin(LocalDate.of(2024, 3, 31), 2))
        .isEqualTo("ds,y\n2024-03-31T00:00:00+01:00,50\n2024-04-01T00:00:00+02:00,51\n");
    assertThat(ZonedDateTime.parse("2024-04-01T00:00:00+02:00").toInstant())
        .isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
  }
}
