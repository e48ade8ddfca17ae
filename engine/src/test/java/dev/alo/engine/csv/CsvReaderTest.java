package dev.alo.engine.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.alo.engine.series.SeriesTable;
import dev.alo.engine.series.TimestampFormat;
import java.io.StringReader;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

  static CsvData read(String text) {
    return read(text, CsvOptions.defaults());
  }

  static CsvData read(String text, CsvOptions options) {
    return CsvReader.read(new StringReader(text), "in.csv", options);
  }

  static long ms(String instant) {
    return Instant.parse(instant).toEpochMilli();
  }

  @Test
  void read_headerAndRows_givesTimesValuesAndPattern() {
    CsvData d = read("timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,2.5\n");
    SeriesTable t = d.table();
    assertThat(t.timeColumn()).isEqualTo("timestamp");
    assertThat(t.columnNames()).containsExactly("value");
    assertThat(t.times()).containsExactly(ms("2024-01-01T00:00:00Z"), ms("2024-01-01T01:00:00Z"));
    assertThat(t.values(0)).containsExactly(1.0, 2.5);
    assertThat(t.timestampFormat()).isEqualTo(TimestampFormat.dateTime());
    assertThat(d.report().header()).isTrue();
    assertThat(d.report().dataRows()).isEqualTo(2);
  }

  @Test
  void read_semicolonAndTab_areDetected() {
    assertThat(read("ds;y\n2024-01-01;1,5\n2024-01-02;2\n").table().values(0))
        .containsExactly(1.5, 2.0);
    assertThat(read("ds\ty\n2024-01-01\t1\n2024-01-02\t2\n").report().delimiter()).isEqualTo('\t');
  }

  @Test
  void read_crOnlyAndCrlf_giveTheSameData() {
    String lf = "ds,y\n2024-01-01,1\n2024-01-02,2\n";
    assertThat(read(lf.replace("\n", "\r")).table().values(0)).containsExactly(1.0, 2.0);
    assertThat(read(lf.replace("\n", "\r\n")).table().values(0)).containsExactly(1.0, 2.0);
    assertThat(read("ds,y\r2024-01-01,1\r2024-01-02,2").table().size()).isEqualTo(2);
  }

  @Test
  void read_quotedFieldsWithDoubledQuotesAndDelimiters_areUnquoted() {
    CsvData d = read("\"ds\",\"the \"\"y\"\", ok\"\n\"2024-01-01\",\"1\"\n");
    assertThat(d.table().timeColumn()).isEqualTo("ds");
    assertThat(d.table().columnNames()).containsExactly("the \"y\", ok");
  }

  @Test
  void read_everyTimestampForm_isUnderstood() {
    long t = ms("2024-03-05T06:07:08Z");
    assertThat(read("t,v\n2024-03-05T06:07:08Z,1\n").table().timeAt(0)).isEqualTo(t);
    assertThat(read("t,v\n2024-03-05T08:07:08+02:00,1\n").table().timeAt(0)).isEqualTo(t);
    assertThat(read("t,v\n2024-03-05 06:07:08.250,1\n").table().timeAt(0)).isEqualTo(t + 250);
    assertThat(read("t,v\n2024-03-05T06:07:08,1\n").table().timeAt(0)).isEqualTo(t);
    assertThat(read("t,v\n2024-03-05 06:07,1\n").table().timeAt(0)).isEqualTo(t - 8000);
    assertThat(read("t,v\n2024-03-05,1\n").table().timeAt(0)).isEqualTo(ms("2024-03-05T00:00:00Z"));
    assertThat(read("t,v\n" + t / 1000 + ",1\n").table().timeAt(0)).isEqualTo(t);
    assertThat(read("t,v\n" + t + ",1\n").table().timeAt(0)).isEqualTo(t);
  }

  @Test
  void read_timestampStyle_isRememberedAndContinued() {
    assertThat(read("t,v\n2024-03-05T08:07:08+02:00,1\n").table().timestampFormat())
        .isEqualTo(TimestampFormat.isoOffset('T', 0, ZoneOffset.ofHours(2)));
    assertThat(read("t,v\n2024-03-05T06:07:08Z,1\n").table().timestampFormat())
        .isEqualTo(TimestampFormat.isoUtc());
    assertThat(read("t,v\n1700000000,1\n").table().timestampFormat())
        .isEqualTo(TimestampFormat.epochSeconds());
    assertThat(read("t,v\n1700000000000,1\n").table().timestampFormat())
        .isEqualTo(TimestampFormat.epochMillis());
    assertThat(read("t,v\n2024-03-05,1\n").table().timestampFormat())
        .isEqualTo(TimestampFormat.date());
  }

  @Test
  void read_unsortedWithDuplicates_sortsAndMergesByMean() {
    CsvData d = read("t,v\n2024-01-03,3\n2024-01-01,1\n2024-01-03,5\n2024-01-02,\n");
    assertThat(d.table().values(0)).containsExactly(1.0, Double.NaN, 4.0);
    assertThat(d.report().duplicateRows()).isEqualTo(1);
    assertThat(d.report().sorted()).isFalse();
    assertThat(d.report().gaps()).containsEntry("v", 1);
  }

  @Test
  void read_gapMarkers_areGaps() {
    CsvData d =
        read(
            """
            t,v
            2024-01-01,
            2024-01-02,NaN
            2024-01-03,NA
            2024-01-04,null
            2024-01-05,N/A
            2024-01-06,7
            """);
    assertThat(d.report().gaps()).containsEntry("v", 5);
    assertThat(d.table().valueAt(0, 5)).isEqualTo(7.0);
  }

  @Test
  void read_severalValueColumns_givesOneSeriesPerColumnAndIgnoresText() {
    CsvData d = read("timestamp,active_users,host,server_load\n2024-01-01 00:00:00,10,a,0.5\n");
    assertThat(d.table().columnNames()).containsExactly("active_users", "server_load");
    assertThat(d.series()).hasSize(2);
    assertThat(d.report().ignoredColumns()).containsExactly("host");
  }

  @Test
  void read_trailingDelimiters_addNoEmptyColumn() {
    CsvData d = read("t,v,\n2024-01-01,1,\n2024-01-02,2,\n");
    assertThat(d.table().columnNames()).containsExactly("v");
    assertThat(d.report().gaps()).containsEntry("v", 0);
  }

  @Test
  void read_columnsByNameOrIndex_areChosen() {
    String csv = "a,when,b\n1,2024-01-01,2\n";
    CsvData d =
        read(csv, CsvOptions.defaults().withTimeColumn("when").withValueColumns(List.of("3")));
    assertThat(d.table().columnNames()).containsExactly("b");
    assertThat(d.table().values(0)).containsExactly(2.0);
    assertThatThrownBy(() -> read(csv, CsvOptions.defaults().withTimeColumn("nope")))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("'nope'")
        .hasMessageContaining("a, when, b");
  }

  @Test
  void read_noHeader_namesColumns() {
    CsvData d = read("2024-01-01,1\n2024-01-02,2\n");
    assertThat(d.report().header()).isFalse();
    assertThat(d.table().timeColumn()).isEqualTo("timestamp");
    assertThat(d.table().columnNames()).containsExactly("value");
  }

  @Test
  void read_badCell_namesFileLineColumnTextAndExpectation() {
    assertThatThrownBy(
            () -> read("timestamp,value\n2024-01-01 00:00:00,1\n2024-01-01 01:00:00,abc\n"))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageStartingWith("in.csv, line 3, column 2 (value): 'abc' is not a number")
        .hasMessageContaining("expected")
        .hasMessageNotContaining("Exception");
  }

  @Test
  void read_badCellAfterCrOnlyAndCrlfAndQuotedLineBreaks_countsPhysicalLines() {
    assertThat(lineOf("t,v\r2024-01-01,1\r2024-01-02,x\r")).isEqualTo(3);
    assertThat(lineOf("t,v\r\n2024-01-01,1\r\n\r\n2024-01-02,x\r\n")).isEqualTo(4);
    assertThat(lineOf("t,\"v\nw\"\n2024-01-01,1\n2024-01-02,x\n")).isEqualTo(4);
    assertThat(lineOf("t,\"v\r\nw\"\r\n2024-01-01,\"1\"\r\nbad,2\r\n")).isEqualTo(4);
  }

  @Test
  void read_badTimestampInTheFirstRow_isReportedAsABadCell() {
    assertThatThrownBy(() -> read("timestamp,value\nyesterday,1\n2024-01-02,2\n"))
        .hasMessageStartingWith("in.csv, line 2, column 1 (timestamp): 'yesterday' is not a");
    assertThatThrownBy(() -> read("when,value\nyesterday,1\n"))
        .hasMessageContaining("line 2: no column holds timestamps");
  }

  @Test
  void read_badTimestamp_namesTheExpectedForm() {
    assertThatThrownBy(() -> read("ds,y\n2024-01-01,1\n2024-02-30,2\n"))
        .hasMessageContaining("line 3, column 1 (ds): '2024-02-30' is not a timestamp")
        .hasMessageContaining("yyyy-MM-dd");
  }

  @Test
  void read_lenient_skipsAndCountsBadRows() {
    CsvData d =
        read(
            "t,v\n2024-01-01,1\n2024-01-02,x\nnope,3\n2024-01-04,4\n",
            CsvOptions.defaults().withLenient(true));
    assertThat(d.table().values(0)).containsExactly(1.0, 4.0);
    assertThat(d.report().skippedRows()).isEqualTo(2);
    assertThat(d.report().skippedLines()).containsExactly(3, 4);
  }

  @Test
  void read_emptyOrHeaderOnlyOrUnclosedQuote_failsClearly() {
    assertThatThrownBy(() -> read(""))
        .isInstanceOf(CsvFormatException.class)
        .hasMessageContaining("empty");
    assertThatThrownBy(() -> read("t,v\n")).hasMessageContaining("no data rows");
    assertThatThrownBy(() -> read("t,v\n2024-01-01,\"1\n"))
        .hasMessageContaining("line 2")
        .hasMessageContaining("never closes");
  }

  @Test
  void read_longQuotedCrlfAndCrFiles_countLinesAcrossBufferBoundaries() {
    for (String eol : new String[] {"\r\n", "\r"}) {
      StringBuilder sb = new StringBuilder("\"time\",\"value\"").append(eol);
      TimestampFormat f = TimestampFormat.isoUtc();
      for (int i = 0; i < 100_000; i++) {
        sb.append('"');
        f.formatTo(i * 1000L, sb);
        sb.append("\",\"").append(i).append('"').append(eol);
      }
      assertThat(read(sb.toString()).table().size()).isEqualTo(100_000);
      sb.append("1971-01-01,oops").append(eol);
      assertThat(lineOf(sb.toString())).isEqualTo(100_002);
    }
  }

  @Test
  void read_millionRows_keepsEveryRowAcrossBufferBoundaries() {
    StringBuilder sb = new StringBuilder("timestamp,value\n");
    TimestampFormat f = TimestampFormat.dateTime();
    for (int i = 0; i < 1_000_000; i++) {
      f.formatTo(1_700_000_000_000L + i * 60_000L, sb);
      sb.append(',').append(i % 1000).append(".25\n");
    }
    CsvData d = read(sb.toString());
    // How fast is measured by bench/csv-load.sh, not here.
    assertThat(d.table().size()).isEqualTo(1_000_000);
    assertThat(d.table().timeAt(999_999)).isEqualTo(1_700_000_000_000L + 999_999L * 60_000L);
    assertThat(d.table().valueAt(0, 999_999)).isEqualTo(999.25);
  }

  private static int lineOf(String csv) {
    try {
      read(csv);
    } catch (CsvFormatException e) {
      return e.line();
    }
    throw new AssertionError("no error for " + csv);
  }
}
