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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForecastCommandTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {
    List<String> lines() {
      return out.lines().toList();
    }
  }

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  static final long START = Instant.parse("2024-03-01T00:00:00Z").toEpochMilli();
  static final long HOUR = 3_600_000L;
  static final DateTimeFormatter SPACE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  static String space(long ms) {
    return LocalDateTime.ofEpochSecond(ms / 1000, 0, ZoneOffset.UTC).format(SPACE);
  }

  /** A daily-seasonal hourly series with a trend: n rows, timestamps written by {@code ts}. */
  static String hourly(int n, double shift, LongFunction<String> ts) {
    StringBuilder sb = new StringBuilder("timestamp,load\n");
    for (int i = 0; i < n; i++) {
      double v = 100 + shift + 0.05 * i + 20 * Math.sin(2 * Math.PI * i / 24) + (i * 7919 % 13);
      sb.append(ts.apply(START + i * HOUR)).append(',').append(v).append('\n');
    }
    return sb.toString();
  }

  Path write(String name, String content) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    return Files.writeString(p, content, UTF_8);
  }

  @Test
  void forecast_twoFiles_headerAndOneRowPerStepOfEachSeries() throws IOException {
    Path a = write("a.csv", hourly(200, 0, ForecastCommandTest::space));
    Path b = write("b.csv", hourly(150, 50, ForecastCommandTest::space));
    Run r =
        run(
            "forecast",
            "--input",
            a.toString(),
            b.toString(),
            "--horizon",
            "5",
            "--model",
            "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).hasSize(11);
    assertThat(r.lines().get(0)).isEqualTo("series,timestamp,yhat,lower,upper");
    assertThat(r.lines().subList(1, 6)).allMatch(l -> l.startsWith("a,"));
    assertThat(r.lines().subList(6, 11)).allMatch(l -> l.startsWith("b,"));
    assertThat(r.err()).contains("alo: forecast: 2 series, 2 written (snaive 2), 0 failed");
  }

  @Test
  void forecast_timestamps_continueTheInputsIntervalAndPattern() throws IOException {
    Path sp = write("space.csv", hourly(100, 0, ForecastCommandTest::space));
    assertThat(run("forecast", "--input", sp.toString(), "--horizon", "2").lines().subList(1, 3))
        .extracting(l -> l.split(",", -1)[1])
        .containsExactly(space(START + 100 * HOUR), space(START + 101 * HOUR));

    Path iso = write("iso.csv", hourly(100, 0, ms -> Instant.ofEpochMilli(ms).toString()));
    assertThat(run("forecast", "--input", iso.toString(), "--horizon", "2").lines().get(1))
        .startsWith("iso,2024-03-05T04:00:00Z,");

    Path epoch = write("epoch.csv", hourly(100, 0, ms -> Long.toString(ms / 1000)));
    assertThat(run("forecast", "--input", epoch.toString(), "--horizon", "1").lines().get(1))
        .startsWith("epoch," + (START + 100 * HOUR) / 1000 + ",");
  }

  @Test
  void forecast_dailyDateOnlyInput_writesDatesOnly() throws IOException {
    Path f = write("days.csv", "ds,y\n" + dates(60));
    Run r = run("forecast", "--input", f.toString(), "--horizon", "3", "--model", "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().subList(1, 4))
        .extracting(l -> l.split(",", -1)[1])
        .containsExactly("2024-03-01", "2024-03-02", "2024-03-03");
  }

  @Test
  void forecast_monthlyDates_continueByCalendarMonth() throws IOException {
    StringBuilder sb = new StringBuilder("ds,y\n");
    for (int m = 0; m < 36; m++) {
      sb.append(java.time.LocalDate.of(2020, 1, 1).plusMonths(m))
          .append(',')
          .append(100 + m + 10 * Math.sin(m * Math.PI / 6))
          .append('\n');
    }
    Path f = write("monthly.csv", sb.toString());
    for (String model : List.of("auto", "prophet")) {
      Run r = run("forecast", "--input", f.toString(), "--horizon", "3", "--model", model);
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).doesNotContain("grid");
      assertThat(r.lines().subList(1, 4))
          .extracting(l -> l.split(",", -1)[1])
          .containsExactly("2023-01-01", "2023-02-01", "2023-03-01");
    }
  }

  @Test
  void forecast_quarterlyDates_continueByQuarterWithAYearlyCycle() throws IOException {
    StringBuilder sb = new StringBuilder("ds,y\n");
    for (int q = 0; q < 24; q++) {
      sb.append(java.time.LocalDate.of(2018, 1, 1).plusMonths(3L * q))
          .append(',')
          .append(100 + q + (q % 4 == 3 ? 40 : 0))
          .append('\n');
    }
    Path f = write("quarterly.csv", sb.toString());
    Run r = run("forecast", "--input", f.toString(), "--horizon", "4", "--model", "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("filled");
    assertThat(r.lines().subList(1, 5))
        .extracting(l -> l.split(",", -1)[1])
        .containsExactly("2024-01-01", "2024-04-01", "2024-07-01", "2024-10-01");
    // seasonal naive over 4 quarters repeats the last year: Q4 carries the peak
    assertThat(r.lines().subList(1, 5))
        .extracting(l -> Double.parseDouble(l.split(",", -1)[2]))
        .containsExactly(120.0, 121.0, 122.0, 163.0);
  }

  @Test
  void forecast_airPassengers_continuesMonthlyWithTheYearlyCycle() {
    Path f =
        Path.of(System.getProperty("alo.root.dir"), "datasets/prophet/example_air_passengers.csv");
    Run r = run("forecast", "--input", f.toString(), "--horizon", "24");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> rows = r.lines().subList(1, 25);
    assertThat(rows.get(0).split(",", -1)[1]).isEqualTo("1961-01-01");
    assertThat(rows.get(23).split(",", -1)[1]).isEqualTo("1962-12-01");
    double july = Double.parseDouble(rows.get(6).split(",", -1)[2]);
    double november = Double.parseDouble(rows.get(10).split(",", -1)[2]);
    assertThat(july - november).isGreaterThan(100);
  }

  static String dates(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(java.time.LocalDate.of(2024, 1, 1).plusDays(i))
          .append(',')
          .append(i % 7)
          .append('\n');
    }
    return sb.toString();
  }

  @Test
  void forecast_severalValueColumns_oneSeriesPerColumnNamedFileColon() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,cpu,mem\n");
    for (int i = 0; i < 50; i++) {
      sb.append(space(START + i * HOUR))
          .append(',')
          .append(i % 24)
          .append(',')
          .append(i)
          .append('\n');
    }
    Path f = write("host.csv", sb.toString());
    Run r = run("forecast", "--input", f.toString(), "--horizon", "2", "--model", "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().subList(1, 5))
        .extracting(l -> l.split(",", -1)[0])
        .containsExactly("host:cpu", "host:cpu", "host:mem", "host:mem");
  }

  @Test
  void forecast_directory_everyCsvSortedByName() throws IOException {
    write("in/zeta.csv", hourly(60, 0, ForecastCommandTest::space));
    write("in/alpha.csv", hourly(60, 1, ForecastCommandTest::space));
    write("in/notes.txt", "not a series");
    Run r =
        run(
            "forecast",
            "--input",
            dir.resolve("in").toString(),
            "--horizon",
            "1",
            "--model",
            "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines())
        .extracting(l -> l.split(",", -1)[0])
        .containsExactly("series", "alpha", "zeta");
  }

  @Test
  void forecast_sameFileNameInTwoDirectories_namesEachByItsDirectory() throws IOException {
    Path a = write("east/web/load.csv", hourly(60, 0, ForecastCommandTest::space));
    Path b = write("west/web/load.csv", hourly(60, 500, ForecastCommandTest::space));
    Path c = write("west/db.csv", hourly(60, 9, ForecastCommandTest::space));
    String[] common = {"--horizon", "2", "--model", "snaive"};
    Run csv = run(concat(new String[] {"forecast", "--input", a + "", b + "", c + ""}, common));
    assertThat(csv.code()).as(csv.err()).isZero();
    assertThat(csv.lines().subList(1, 7))
        .extracting(l -> l.split(",", -1)[0])
        .containsExactly(
            "east/web/load", "east/web/load", "west/web/load", "west/web/load", "db", "db");

    Run json = run(concat(new String[] {"forecast", "--input", a + "", b + "", "--json"}, common));
    JsonNode series = new ObjectMapper().readTree(json.out()).get("series");
    assertThat(series.has("east/web/load")).isTrue();
    assertThat(series.has("west/web/load")).isTrue();
    assertThat(series.get("west/web/load").get("points").get(0).get("yhat").asDouble())
        .isGreaterThan(
            series.get("east/web/load").get("points").get(0).get("yhat").asDouble() + 400);

    Path png = dir.resolve("plots/p.png");
    Files.createDirectories(png.getParent());
    Path clash = write("plots/east_web_load.csv", hourly(60, 1, ForecastCommandTest::space));
    Run plot =
        run(
            concat(
                new String[] {
                  "forecast", "--input", a + "", b + "", clash + "", "--plot", png + ""
                },
                common));
    assertThat(plot.code()).as(plot.err()).isZero();
    assertThat(dir.resolve("plots/p-east_web_load.png")).exists();
    assertThat(dir.resolve("plots/p-west_web_load.png")).exists();
    assertThat(dir.resolve("plots/p-east_web_load-2.png")).exists();
  }

  @Test
  void forecast_sameFileTwice_isReadOnce() throws IOException {
    Path a = write("once/a.csv", hourly(60, 0, ForecastCommandTest::space));
    Run r =
        run(
            "forecast",
            "--input",
            a.toString(),
            dir.resolve("once").toString(),
            "--horizon",
            "1",
            "--model",
            "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines()).extracting(l -> l.split(",", -1)[0]).containsExactly("series", "a");
    assertThat(r.err()).contains("a.csv: named more than once; read once");
  }

  @Test
  void forecast_fileNameWithAColonBesideAColumn_keepsNamesUnique() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,b,c\n");
    for (int i = 0; i < 30; i++) {
      sb.append(space(START + i * HOUR))
          .append(',')
          .append(i)
          .append(',')
          .append(2 * i)
          .append('\n');
    }
    Path a = write("colon/a.csv", sb.toString());
    Path ab = write("colon/a:b.csv", hourly(30, 0, ForecastCommandTest::space));
    Run r =
        run(
            "forecast",
            "--input",
            a.toString(),
            ab.toString(),
            "--horizon",
            "1",
            "--model",
            "snaive",
            "--json");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode series = new ObjectMapper().readTree(r.out()).get("series");
    assertThat(series.has("a:b")).isTrue();
    assertThat(series.has("a:c")).isTrue();
    assertThat(series.has("a:b#2")).isTrue();
  }

  static String[] concat(String[] a, String[] b) {
    String[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void forecast_europeanExport_forecastsTheCommaColumnInsteadOfDroppingIt() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp;load\n");
    for (int i = 0; i < 48; i++) {
      String v = String.format(Locale.GERMANY, "%,.2f", 1000 + 10.0 * i);
      sb.append(space(START + i * HOUR)).append(';').append(v).append('\n');
    }
    Path f = write("eu.csv", sb.toString());
    assertThat(sb.toString()).contains(";1.470,00\n");
    Run r = run("forecast", "--input", f.toString(), "--horizon", "1", "--model", "snaive");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().get(1)).startsWith("eu,").contains(",1240,");
    Path ambiguous = write("amb.csv", "timestamp;load\n" + space(START) + ";1.200\n");
    Run bad = run("forecast", "--input", ambiguous.toString(), "--horizon", "1");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("alo: amb: failed:").contains("(load)").contains("--decimal");
  }

  @Test
  void forecast_logisticCapAtOrBelowTheData_failsNamingCapAndMaximum() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,users\n");
    for (int i = 0; i < 72; i++) {
      // a daily triangle from 1300 (midnight) down to 500 (noon)
      double v = 500 + 800 * Math.abs((i % 24) - 12) / 12.0;
      sb.append(space(START + i * HOUR)).append(',').append(v).append('\n');
    }
    Path f = write("users.csv", sb.toString());
    String[] prophet = {
      "forecast",
      "--input",
      f.toString(),
      "--horizon",
      "3",
      "--model",
      "prophet",
      "--growth",
      "logistic"
    };
    Run low = run(concat(prophet, new String[] {"--cap", "100"}));
    assertThat(low.code()).isEqualTo(1);
    assertThat(low.out()).isEmpty();
    assertThat(low.err())
        .contains("alo: users: failed: --cap 100 is at or below the series' maximum 1300 (");
    Run at = run(concat(prophet, new String[] {"--cap", "1300"}));
    assertThat(at.err()).contains("--cap 1300 is at or below the series' maximum 1300");
    Run floor = run(concat(prophet, new String[] {"--cap", "2000", "--floor", "500"}));
    assertThat(floor.code()).isEqualTo(1);
    assertThat(floor.err())
        .contains("alo: users: failed: --floor 500 is at or above the series' minimum 500 (");
    Run ok = run(concat(prophet, new String[] {"--cap", "2000", "--floor", "100"}));
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.lines().subList(1, 4))
        .allMatch(l -> Double.parseDouble(l.split(",", -1)[2]) > 100);
  }

  @Test
  void forecast_logisticDefaultFloor_acceptsZerosButNotNegativeValues() throws IOException {
    StringBuilder zeros = new StringBuilder("timestamp,n\n");
    StringBuilder negative = new StringBuilder("timestamp,n\n");
    for (int i = 0; i < 48; i++) {
      zeros.append(space(START + i * HOUR)).append(',').append(i % 5).append('\n');
      negative.append(space(START + i * HOUR)).append(',').append(i % 5 - 2).append('\n');
    }
    String[] logistic = {
      "--horizon", "2", "--model", "prophet", "--growth", "logistic", "--cap", "10"
    };
    Run z =
        run(
            concat(
                new String[] {"forecast", "--input", write("z.csv", zeros + "") + ""}, logistic));
    assertThat(z.code()).as(z.err()).isZero();
    Run n =
        run(
            concat(
                new String[] {"forecast", "--input", write("n.csv", negative + "") + ""},
                logistic));
    assertThat(n.code()).isEqualTo(1);
    assertThat(n.err()).contains("the default --floor 0 is above the series' minimum -2");
  }

  @Test
  void forecast_oneVersusThreeThreads_byteIdentical() throws IOException {
    for (int k = 0; k < 4; k++) {
      write("many/s" + k + ".csv", hourly(300 + 20 * k, 10 * k, ForecastCommandTest::space));
    }
    String in = dir.resolve("many").toString();
    Run one = run("forecast", "--input", in, "--horizon", "24", "--threads", "1", "--components");
    Run three = run("forecast", "--input", in, "--horizon", "24", "--threads", "3", "--components");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.lines()).hasSize(1 + 4 * 24);
    assertThat(three.out()).isEqualTo(one.out());
  }

  @Test
  void forecast_oneBadFileAmongGood_exitsThreeNamingIt() throws IOException {
    write("mix/good.csv", hourly(60, 0, ForecastCommandTest::space));
    write("mix/short.csv", "timestamp,v\n2024-01-01 00:00:00,5\n");
    write("mix/garbage.csv", "timestamp,v\n2024-01-01 00:00:00,5\n2024-01-01 01:00:00,abc\n");
    Run r =
        run(
            "forecast",
            "--input",
            dir.resolve("mix").toString(),
            "--horizon",
            "3",
            "--model",
            "snaive");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.lines()).hasSize(4).allMatch(l -> l.startsWith("series") || l.startsWith("good,"));
    assertThat(r.err())
        .contains("alo: short: failed: 1 value(s)")
        .contains("alo: garbage: failed:")
        .contains("1 written")
        .contains("2 failed (garbage, short)");
  }

  @Test
  void forecast_everyFileBad_exitsOneAndWritesNothing() throws IOException {
    Path f = write("one.csv", "timestamp,v\n2024-01-01 00:00:00,5\n");
    Run r = run("forecast", "--input", f.toString(), "--horizon", "3");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("0 written").contains("1 failed (one)");
  }

  @Test
  void forecast_constantSeries_flatForecast() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,v\n");
    for (int i = 0; i < 30; i++) {
      sb.append(space(START + i * HOUR)).append(",7\n");
    }
    Run r = run("forecast", "--input", write("c.csv", sb.toString()).toString(), "--horizon", "2");
    assertThat(r.code()).isZero();
    assertThat(r.lines().get(1)).endsWith(",7,7,7");
    assertThat(r.err()).contains("constant series");
  }

  @Test
  void forecast_horizonDuration_equalsSteps() throws IOException {
    Path f = write("h.csv", hourly(200, 0, ForecastCommandTest::space));
    Run steps = run("forecast", "--input", f.toString(), "--horizon", "48", "--model", "ets");
    Run duration = run("forecast", "--input", f.toString(), "--horizon", "48h", "--model", "ets");
    assertThat(steps.code()).isZero();
    assertThat(steps.lines()).hasSize(49);
    assertThat(duration.out()).isEqualTo(steps.out());
  }

  @Test
  void forecast_gapsAndIrregularTimes_putOnTheGridWithOneNote() throws IOException {
    StringBuilder sb = new StringBuilder("timestamp,v\n");
    for (int i = 0; i < 100; i++) {
      if (i != 40 && i != 41) {
        sb.append(space(START + i * HOUR)).append(',').append(i % 24).append('\n');
      }
    }
    Run r = run("forecast", "--input", write("g.csv", sb.toString()).toString(), "--horizon", "1");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("alo: g: 2 missing values filled (linear)");
    assertThat(r.lines().get(1)).startsWith("g," + space(START + 100 * HOUR) + ",");

    Path regular = write("r.csv", hourly(100, 0, ForecastCommandTest::space));
    assertThat(run("forecast", "--input", regular.toString(), "--horizon", "1").err())
        .doesNotContain("filled")
        .doesNotContain("grid");
  }

  @Test
  void forecast_prophetFlatGrowth_reachesTheModel() throws IOException {
    Path f = write("p.csv", hourly(24 * 10, 0, ForecastCommandTest::space));
    Run flat =
        run(
            "forecast",
            "--input",
            f.toString(),
            "--horizon",
            "24",
            "--model",
            "prophet",
            "--growth",
            "flat",
            "--components");
    assertThat(flat.code()).as(flat.err()).isZero();
    assertThat(flat.lines().get(0)).isEqualTo("series,timestamp,yhat,lower,upper,trend,daily");
    double[] trend =
        flat.lines().stream()
            .skip(1)
            .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[5]))
            .toArray();
    assertThat(Arrays.stream(trend).distinct().count()).isEqualTo(1);

    Run linear =
        run(
            "forecast",
            "--input",
            f.toString(),
            "--horizon",
            "24",
            "--model",
            "prophet",
            "--components");
    double[] linearTrend =
        linear.lines().stream()
            .skip(1)
            .mapToDouble(l -> Double.parseDouble(l.split(",", -1)[5]))
            .toArray();
    assertThat(linearTrend[23]).isGreaterThan(linearTrend[0]);
  }

  @Test
  void forecast_prophetOptions_badValuesAreUsageErrors() throws IOException {
    Path f = write("p.csv", hourly(48, 0, ForecastCommandTest::space));
    assertThat(
            run(
                    "forecast",
                    "--input",
                    f.toString(),
                    "--horizon",
                    "2",
                    "--model",
                    "prophet",
                    "--growth",
                    "logistic")
                .code())
        .isEqualTo(2);
    assertThat(
            run(
                    "forecast",
                    "--input",
                    f.toString(),
                    "--horizon",
                    "2",
                    "--model",
                    "prophet",
                    "--seasonality-mode",
                    "sideways")
                .err())
        .contains("--seasonality-mode 'sideways' is not accepted");
    assertThat(run("forecast", "--input", f.toString(), "--horizon", "abc").code()).isEqualTo(2);
    assertThat(run("forecast", "--input", f.toString(), "--horizon", "2", "--level", "0.8").code())
        .isEqualTo(2);
  }

  @Test
  void forecast_level_widensTheInterval() throws IOException {
    Path f = write("l.csv", hourly(200, 0, ForecastCommandTest::space));
    String[] at80 =
        run("forecast", "--input", f.toString(), "--horizon", "1", "--model", "ets")
            .lines()
            .get(1)
            .split(",", -1);
    String[] at95 =
        run(
                "forecast",
                "--input",
                f.toString(),
                "--horizon",
                "1",
                "--model",
                "ets",
                "--level",
                "95")
            .lines()
            .get(1)
            .split(",", -1);
    assertThat(Double.parseDouble(at95[4]) - Double.parseDouble(at95[3]))
        .isGreaterThan(Double.parseDouble(at80[4]) - Double.parseDouble(at80[3]));
  }

  @Test
  void forecast_json_oneDocumentWithPointsModelAndFailures() throws IOException {
    write("j/good.csv", hourly(100, 0, ForecastCommandTest::space));
    write("j/bad.csv", "timestamp,v\n2024-01-01 00:00:00,5\n");
    Run r =
        run(
            "forecast",
            "--input",
            dir.resolve("j").toString(),
            "--horizon",
            "3",
            "--model",
            "mstl",
            "--json",
            "--components");
    assertThat(r.code()).isEqualTo(3);
    JsonNode doc = new ObjectMapper().readTree(r.out());
    JsonNode s = doc.get("series").get("good");
    assertThat(s.get("model").asText()).startsWith("mstl");
    assertThat(s.get("points")).hasSize(3);
    assertThat(s.get("points").get(0).get("timestamp").asText())
        .isEqualTo(space(START + 100 * HOUR));
    assertThat(s.get("points").get(0).get("components").has("trend")).isTrue();
    assertThat(doc.get("failed").get("bad").asText()).contains("1 value(s)");
  }

  @Test
  void forecast_output_writesTheFileAndPlotWritesPngs() throws IOException {
    Path f = write("o.csv", hourly(100, 0, ForecastCommandTest::space));
    Path out = dir.resolve("out.csv");
    Path png = dir.resolve("plot.png");
    Run r =
        run(
            "forecast",
            "--input",
            f.toString(),
            "--horizon",
            "6",
            "--model",
            "snaive",
            "--output",
            out.toString(),
            "--plot",
            png.toString(),
            "--components");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(Files.readAllLines(out, UTF_8)).hasSize(7);
    byte[] bytes = Files.readAllBytes(png);
    assertThat(Arrays.copyOf(bytes, 4)).containsExactly(0x89, 'P', 'N', 'G');

    Path g = write("o2.csv", hourly(100, 0, ForecastCommandTest::space));
    run(
        "forecast",
        "--input",
        f.toString(),
        g.toString(),
        "--horizon",
        "6",
        "--model",
        "snaive",
        "--output",
        out.toString(),
        "--plot",
        png.toString());
    assertThat(dir.resolve("plot-o.png")).exists();
    assertThat(dir.resolve("plot-o2.png")).exists();
  }

  @Test
  void help_forecastAndBacktest_printUsageWithoutPicocliWarnings() {
    for (String command : List.of("forecast", "backtest")) {
      Run r = run(command, "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).startsWith("Usage: alo " + command + " [PATH...] [--input PATH...]");
      assertThat(r.err()).isEmpty();
    }
  }

  @Test
  void forecast_horizonBeyondMemory_refusedBeforeReadingWithTheMostThatFits() throws IOException {
    // 1,000,000 steps of 1,000 sample paths need some 8 GB; the tests have 2 GB.
    Path f = write("m.csv", hourly(100, 0, ForecastCommandTest::space));
    long t0 = System.nanoTime();
    Run r = run("forecast", "--input", f.toString(), "--horizon", "1000000", "--model", "ets");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().strip())
        .doesNotContain("\n")
        .startsWith("alo: forecast: --horizon 1000000 with --model ets needs about ")
        .containsPattern("forecast fewer steps \\(at most about \\d+ here\\)")
        .contains("ALO_JAVA_OPTS=-Xmx");
    assertThat((System.nanoTime() - t0) / 1e9).isLessThan(5);
    // A duration becomes steps per series: that series fails the same way.
    Run d = run("forecast", "--input", f.toString(), "--horizon", "20000d", "--model", "ets");
    assertThat(d.code()).isEqualTo(1);
    assertThat(d.err())
        .contains("alo: m: failed: --horizon 20000d (480000 steps here) with --model ets needs");
    assertThat(d.out()).isEmpty();
    // A model without sample paths takes more steps than ets could have here.
    Run snaive =
        run("forecast", "--input", f.toString(), "--horizon", "400000", "--model", "snaive");
    assertThat(snaive.code()).as(snaive.err()).isZero();
    assertThat(snaive.lines()).hasSize(400_001);
  }

  @Test
  void forecast_unwritableOutputOrPlot_refusedBeforeTheWork() throws IOException {
    Path f = write("w.csv", hourly(100, 0, ForecastCommandTest::space));
    Path missing = dir.resolve("no-such-dir").resolve("out.csv");
    Run r =
        run("forecast", "--input", f.toString(), "--horizon", "6", "--output", missing.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().strip())
        .isEqualTo("alo: --output " + missing + ": no such directory " + missing.getParent());
    Run sys = run("forecast", "--input", f.toString(), "--horizon", "6", "--plot", "/sys/x.png");
    assertThat(sys.code()).isEqualTo(1);
    assertThat(sys.out()).isEmpty();
    assertThat(sys.err().strip()).startsWith("alo: --plot /sys/x.png: cannot create it (");
    Run dirAsFile =
        run("forecast", "--input", f.toString(), "--horizon", "6", "--output", dir.toString());
    assertThat(dirAsFile.code()).isEqualTo(1);
    assertThat(dirAsFile.err()).contains("is a directory");
    assertThat(Files.exists(dir.resolve("out.csv"))).isFalse();
  }

  @Test
  void forecast_plotNotPng_usageErrorNamingTheExtension() throws IOException {
    Path f = write("j.csv", hourly(100, 0, ForecastCommandTest::space));
    Path jpg = dir.resolve("x.jpg");
    Run r = run("forecast", "--input", f.toString(), "--horizon", "6", "--plot", jpg.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err())
        .startsWith(
            "alo: --plot "
                + jpg
                + ": plots are written as PNG (expected a file name"
                + " ending in .png)");
    assertThat(jpg).doesNotExist();
    assertThat(dir.resolve("x.jpg-j.png")).doesNotExist();
  }

  @Test
  void forecast_plotNames_oneSeriesExactlyTheFile_severalOnePerSeriesUniqueInInputOrder()
      throws IOException {
    // "a b" and "a_b" both become a_b: the second gets -2.
    Path one = write("a b.csv", hourly(100, 0, ForecastCommandTest::space));
    Path two = write("a_b.csv", hourly(100, 5, ForecastCommandTest::space));
    Path png = dir.resolve("p.png");
    Run r =
        run(
            "forecast",
            "--input",
            one.toString(),
            two.toString(),
            "--horizon",
            "6",
            "--model",
            "snaive",
            "--plot",
            png.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(dir.resolve("p-a_b.png")).exists();
    assertThat(dir.resolve("p-a_b-2.png")).exists();
    assertThat(png).doesNotExist();
    assertThat(ForecastPlot.files(png, List.of("x"))).containsExactly(png);
  }

  @Test
  void forecast_plotFailsAfterTheCsv_exitsThreeWithTheCsvComplete() throws IOException {
    Path a = write("a.csv", hourly(100, 0, ForecastCommandTest::space));
    Path b = write("b.csv", hourly(100, 5, ForecastCommandTest::space));
    Path png = dir.resolve("q.png");
    // A directory where series a's plot should go.
    Files.createDirectory(dir.resolve("q-a.png"));
    Run r =
        run(
            "forecast",
            "--input",
            a.toString(),
            b.toString(),
            "--horizon",
            "6",
            "--model",
            "snaive",
            "--plot",
            png.toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.lines()).hasSize(13);
    assertThat(r.err())
        .contains(
            "alo: a: the forecast is written but its plot " + dir.resolve("q-a.png") + " is not: ");
    assertThat(dir.resolve("q-b.png")).exists();
  }

  @Test
  void forecast_progressOnStderr_onlyWhenShown() throws IOException {
    Path f = write("g.csv", hourly(100, 0, ForecastCommandTest::space));
    Run quiet = run("forecast", "--input", f.toString(), "--horizon", "6", "--model", "snaive");
    assertThat(quiet.err()).doesNotContain("\r");
    System.setProperty("alo.progress", "true");
    try {
      Run shown = run("forecast", "--input", f.toString(), "--horizon", "6", "--model", "snaive");
      assertThat(shown.err()).contains("\ralo: forecast [").contains("] 1/1");
      assertThat(shown.out()).isEqualTo(quiet.out());
    } finally {
      System.clearProperty("alo.progress");
    }
  }
}
