package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class CsvPropertiesTest {

  @Provide
  Arbitrary<Character> delimiters() {
    return Arbitraries.of(',', ';', '\t');
  }

  @Provide
  Arbitrary<String> lineEndings() {
    return Arbitraries.of("\n", "\r\n", "\r");
  }

  @Provide
  Arbitrary<TimestampFormat> formats() {
    return Arbitraries.of(
        TimestampFormat.isoUtc(),
        TimestampFormat.dateTime(),
        TimestampFormat.isoUtc(' ', 3),
        TimestampFormat.isoOffset('T', 0, java.time.ZoneOffset.ofHoursMinutes(-5, -30)),
        TimestampFormat.date(),
        TimestampFormat.epochSeconds(),
        TimestampFormat.epochMillis());
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.strings()
        .withChars("abc XYZ_,;\t\"'\n\r-é")
        .ofMinLength(1)
        .ofMaxLength(8)
        .filter(s -> s.equals(s.strip()) && !s.isEmpty())
        .filter(s -> !s.matches("(?i)nan|na|n/a|null|#n/a"));
  }

  @Property(tries = 300, shrinking = net.jqwik.api.ShrinkingMode.OFF)
  void writeThenRead_givesTheSameTimesValuesAndStyle(
      @ForAll @Size(min = 1, max = 30)
          List<@IntRange(min = 100_000_000, max = 2_000_000_000) Integer> secs,
      @ForAll("values") List<Double> pool,
      @ForAll("delimiters") char delimiter,
      @ForAll("lineEndings") String lineEnding,
      @ForAll("formats") TimestampFormat format,
      @ForAll("names") String name) {
    TreeSet<Long> distinct = new TreeSet<>();
    for (int s : secs) {
      long t = s * 1000L;
      distinct.add(
          format.equals(TimestampFormat.date()) ? Math.floorDiv(t, 86_400_000L) * 86_400_000L : t);
    }
    long[] times = distinct.stream().mapToLong(Long::longValue).toArray();
    double[] values = new double[times.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = pool.isEmpty() ? i : pool.get(i % pool.size());
    }
    String timeName = "time";
    SeriesTable table = SeriesTable.of(timeName, times, List.of(name), List.of(values), format);
    StringBuilder sb = new StringBuilder();
    CsvWriter.to(sb, delimiter, lineEnding).table(table);

    SeriesTable back =
        CsvReader.read(new StringReader(sb.toString()), "p.csv", CsvOptions.defaults()).table();

    assertThat(back.times()).containsExactly(times);
    assertThat(back.columnNames()).containsExactly(name);
    assertThat(Arrays.equals(back.values(0), values)).as(sb.toString()).isTrue();
    assertThat(back.timestampFormat()).isEqualTo(format);
  }

  @Provide
  Arbitrary<List<Double>> values() {
    Arbitrary<Double> any = Arbitraries.doubles().filter(d -> !Double.isInfinite(d));
    Arbitrary<Double> special =
        Arbitraries.of(Double.NaN, 0.0, -0.0, 1e-300, 12345678.9, 0.1, 1e20, Double.MIN_VALUE);
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(1, special))
        .list()
        .ofMaxSize(10);
  }

  @Property(tries = 1000)
  void arbitraryText_givesDataOrACsvFormatException(@ForAll("csvLike") String text) {
    try {
      CsvReader.read(
          new StringReader(text),
          "x.csv",
          CsvOptions.defaults().withLenient(text.length() % 2 == 1));
    } catch (CsvFormatException e) {
      assertThat(e.getMessage()).startsWith("x.csv").doesNotContain("Exception");
    }
  }

  @Property(tries = 300)
  void arbitraryBytes_givesDataOrACsvFormatException(@ForAll byte[] bytes) {
    try {
      CsvReader.read(
          new java.io.InputStreamReader(
              new java.io.ByteArrayInputStream(bytes), java.nio.charset.StandardCharsets.UTF_8),
          "x.csv",
          CsvOptions.defaults().withLenient(bytes.length % 2 == 0));
    } catch (CsvFormatException e) {
      assertThat(e.getMessage()).startsWith("x.csv");
    }
  }

  @Provide
  Arbitrary<String> csvLike() {
    Arbitrary<String> token =
        Arbitraries.oneOf(
            Arbitraries.of(
                ",",
                ";",
                "\t",
                "\n",
                "\r",
                "\r\n",
                "\"",
                "\"\"",
                "2024-01-01",
                "2024-02-30",
                "2024-01-01T00:00:00Z",
                "2024-01-01 10:00",
                "+05:00",
                "1700000000",
                "99999999999999999999",
                "1e999",
                "-",
                ".",
                "e5",
                "NaN",
                "NA",
                "t",
                "v",
                "1.5",
                "1,5",
                " ",
                "ds",
                "y",
                "9999-12-31T23:59:59-18:00",
                "0000-01-01T00:00:00+18:00"),
            Arbitraries.strings().ofMaxLength(4));
    return token.list().ofMaxSize(40).map(l -> String.join("", l));
  }

  @Property(tries = 200)
  void generatedRows_withTrickyCells_roundTripThroughQuoting(
      @ForAll @Size(min = 1, max = 20) List<@IntRange(min = -1000, max = 1000) Integer> raw,
      @ForAll("delimiters") char delimiter,
      @ForAll("lineEndings") String lineEnding) {
    List<double[]> cols = new ArrayList<>();
    double[] v = raw.stream().mapToDouble(i -> i / 8.0).toArray();
    cols.add(v);
    long[] t = new long[v.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = 1_600_000_000_000L + i * 3_600_000L;
    }
    SeriesTable table =
        SeriesTable.of("ts, \"quoted\"", t, List.of("a;b\tc"), cols, TimestampFormat.isoUtc());
    StringBuilder sb = new StringBuilder();
    CsvWriter.to(sb, delimiter, lineEnding).table(table);
    // the writer's decimal point is given: values such as 1.125 alone would read two ways with ';'
    SeriesTable back =
        CsvReader.read(
                new StringReader(sb.toString()), "q.csv", CsvOptions.defaults().withDecimal('.'))
            .table();
    assertThat(back.timeColumn()).isEqualTo("ts, \"quoted\"");
    assertThat(back.columnNames()).containsExactly("a;b\tc");
    assertThat(back.values(0)).containsExactly(v);
  }
}
